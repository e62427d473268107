package dev.jaydns.plugins.hosts;

import dev.jaydns.plugin.net.IpLiteral;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The entries of one hosts text (a file, or the lines inlined in the Corefile): names to IPv4 and
 * IPv6 addresses, and addresses to names for PTR answers. Immutable once built, so a reload swaps
 * a whole map and readers never lock.
 */
public final class HostsMap {

  /** A map with no entries. */
  public static final HostsMap EMPTY = new HostsMap(Map.of(), Map.of(), Map.of());

  private final Map<String, List<InetAddress>> name4;
  private final Map<String, List<InetAddress>> name6;
  private final Map<InetAddress, List<String>> addr;

  private HostsMap(
      Map<String, List<InetAddress>> name4,
      Map<String, List<InetAddress>> name6,
      Map<InetAddress, List<String>> addr) {
    this.name4 = name4;
    this.name6 = name6;
    this.addr = addr;
  }

  /**
   * Reads hosts(5) text: {@code IP NAME [ALIAS...]} per line, {@code #} starts a comment. Lines
   * whose first field is not an IP address are skipped, as are names outside {@code origins}. With
   * {@code reverse}, every address also maps back to its names for PTR queries.
   */
  public static HostsMap parse(String text, ZoneList origins, boolean reverse) {
    Map<String, List<InetAddress>> v4 = new HashMap<>();
    Map<String, List<InetAddress>> v6 = new HashMap<>();
    Map<InetAddress, List<String>> back = new HashMap<>();
    for (String line : text.split("\n", -1)) {
      int hash = line.indexOf('#');
      if (hash >= 0) {
        line = line.substring(0, hash);
      }
      String[] fields = line.trim().split("[ \t\r]+");
      if (fields.length < 2) {
        continue;
      }
      String ip = fields[0];
      int zone = ip.indexOf('%');
      InetAddress address = IpLiteral.toAddress(zone >= 0 ? ip.substring(0, zone) : ip);
      if (address == null) {
        continue;
      }
      Map<String, List<InetAddress>> byName = address instanceof Inet4Address ? v4 : v6;
      for (int i = 1; i < fields.length; i++) {
        String name = normalize(fields[i]);
        if (origins.match(name) == null) {
          continue;
        }
        byName.computeIfAbsent(name, k -> new ArrayList<>()).add(address);
        if (reverse) {
          back.computeIfAbsent(address, k -> new ArrayList<>()).add(name);
        }
      }
    }
    return new HostsMap(freeze(v4), freeze(v6), freeze(back));
  }

  /** Lowercase and fully qualified, as CoreDNS's {@code plugin.Name.Normalize}. */
  static String normalize(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n : n + ".";
  }

  private static <K, V> Map<K, List<V>> freeze(Map<K, List<V>> m) {
    Map<K, List<V>> out = new HashMap<>(m.size() * 2);
    m.forEach((k, v) -> out.put(k, List.copyOf(v)));
    return Map.copyOf(out);
  }

  /** IPv4 addresses of {@code name} (lowercase, fully qualified); empty when none. */
  public List<InetAddress> ipv4(String name) {
    return name4.getOrDefault(name, List.of());
  }

  public List<InetAddress> ipv6(String name) {
    return name6.getOrDefault(name, List.of());
  }

  /** Names of {@code address} for PTR answers; empty when none (or with {@code no_reverse}). */
  public List<String> names(InetAddress address) {
    return addr.getOrDefault(address, List.of());
  }

  /** True when {@code name} has an address of either family. */
  public boolean hasName(String name) {
    return name4.containsKey(name) || name6.containsKey(name);
  }

  /** CoreDNS's entry count: every address of every name, plus every reverse mapping. */
  public int size() {
    int n = 0;
    for (List<InetAddress> l : name4.values()) {
      n += l.size();
    }
    for (List<InetAddress> l : name6.values()) {
      n += l.size();
    }
    for (List<String> l : addr.values()) {
      n += l.size();
    }
    return n;
  }
}
