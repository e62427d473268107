package dev.jaydns.plugins.bind;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's network interfaces and their addresses, read once for one setup: what {@code bind
 * IFACE} expands to. Reading them opens nothing.
 */
@FunctionalInterface
interface Interfaces {

  /** Interface name to its addresses (IPv4 first, then IPv6, each in the order the OS lists them). */
  Map<String, List<InetAddress>> read();

  /** The real interfaces; on failure CoreDNS warns and binds by address only, and so does Jay. */
  static Interfaces system() {
    return () -> {
      Map<String, List<InetAddress>> all = new LinkedHashMap<>();
      try {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
          List<InetAddress> v4 = new ArrayList<>();
          List<InetAddress> v6 = new ArrayList<>();
          for (InetAddress a : Collections.list(nic.getInetAddresses())) {
            (a.getAddress().length == 4 ? v4 : v6).add(a);
          }
          v4.addAll(v6);
          all.put(nic.getName(), v4);
        }
      } catch (SocketException e) {
        Logger log = LoggerFactory.getLogger("plugin/bind");
        log.warn("failed to get interfaces list, cannot bind by interface name: {}", e.getMessage());
      }
      return all;
    };
  }
}
