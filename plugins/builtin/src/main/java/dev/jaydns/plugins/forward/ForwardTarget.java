package dev.jaydns.plugins.forward;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

/** One TO argument of a {@code forward} line: an upstream address, or a resolv.conf file. */
public sealed interface ForwardTarget {

  /** The argument as written. */
  String text();

  /**
   * An upstream given by address: {@code 10.0.0.10}, {@code 10.0.0.10:5353}, {@code [::1]:53},
   * {@code dns://...} or {@code tls://IP[%SNI][:PORT]}.
   *
   * @param tls true for a {@code tls://} upstream (DNS over TLS)
   * @param serverName the {@code %SNI} part of a {@code tls://} argument, or null
   */
  record Address(String text, InetSocketAddress address, boolean tls, String serverName)
      implements ForwardTarget {}

  /**
   * A resolv.conf-format file whose {@code nameserver} lines are the upstreams (port 53, plain
   * DNS). Jay re-reads it when it changes.
   *
   * @param file the file, resolved against the Corefile's folder
   * @param nameservers what the file held at setup
   */
  record ResolvConf(String text, Path file, List<InetSocketAddress> nameservers)
      implements ForwardTarget {

    public ResolvConf {
      nameservers = List.copyOf(nameservers);
    }
  }
}
