package dev.jaydns.server;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * One listening address and port, serving both UDP and TCP: CoreDNS's listener group. An empty
 * host is the wildcard (a block without {@code bind}).
 *
 * @param host a literal IP address as {@code bind} gave it, or "" for the wildcard
 */
record ListenerKey(String host, int port) {

  boolean isWildcard() {
    return host.isEmpty();
  }

  /** CoreDNS's {@code server} label: {@code dns://127.0.0.1:53}, {@code dns://[::1]:53}, {@code dns://:53}. */
  String label() {
    if (host.indexOf(':') >= 0) {
      return "dns://[" + host + "]:" + port;
    }
    return "dns://" + host + ":" + port;
  }

  /** The socket address to bind; the wildcard binds IPv6 {@code ::} when the host has IPv6, else IPv4. */
  InetSocketAddress socketAddress() {
    try {
      if (isWildcard()) {
        return new InetSocketAddress(InetAddress.getByName("0.0.0.0"), port);
      }
      return new InetSocketAddress(InetAddress.getByName(host), port);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: " + host, e);
    }
  }

  boolean isIpv6() {
    return socketAddress().getAddress() instanceof Inet6Address;
  }

  @Override
  public String toString() {
    return label();
  }
}
