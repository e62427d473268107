package dev.jaydns.plugins.hosts;

import dev.jaydns.corefile.Token;
import dev.jaydns.plugin.ConfigException;
import dev.jaydns.plugin.PluginConfig;
import dev.jaydns.plugin.net.ReverseZones;
import java.util.ArrayList;
import java.util.List;

/**
 * A list of zones a plugin is authoritative for, and the longest one a name falls in: CoreDNS's
 * {@code plugin.Zones.Matches}. Shared by the plugins of this module that take ZONES arguments,
 * which it reads as CoreDNS's {@code plugin.OriginsFromArgsOrServerBlock} does: a transport
 * prefix and a port are dropped, and a zone written as a CIDR becomes its reverse zones.
 */
public final class ZoneList {

  private static final List<String> TRANSPORTS =
      List.of("dns://", "tls://", "quic://", "grpc://", "https://", "https3://");

  private final List<String> zones;

  private ZoneList(List<String> zones) {
    this.zones = List.copyOf(zones);
  }

  /**
   * Zones as written; none gives the block's zones. A zone that is not a domain name is kept as
   * written (lowercased, fully qualified); use {@link #of(PluginConfig, List)} to reject it.
   */
  public static ZoneList of(List<String> written, List<String> blockZones) {
    if (written.isEmpty()) {
      return new ZoneList(blockZones);
    }
    List<String> z = new ArrayList<>(written.size());
    for (String w : written) {
      List<String> expanded;
      try {
        expanded = normalizeExact(w);
      } catch (IllegalArgumentException e) {
        expanded = List.of(PluginConfig.normalizeZone(w));
      }
      addAll(z, expanded);
    }
    return new ZoneList(z);
  }

  /**
   * Zone arguments of a directive; none gives the block's zones. A zone that is not a domain name
   * or a valid CIDR fails setup at its position (CoreDNS drops it without a word).
   */
  public static ZoneList of(PluginConfig config, List<Token> written) throws ConfigException {
    if (written.isEmpty()) {
      return new ZoneList(config.zones());
    }
    List<String> z = new ArrayList<>(written.size());
    for (Token t : written) {
      try {
        addAll(z, normalizeExact(t.text()));
      } catch (IllegalArgumentException e) {
        throw config.error(t, e.getMessage());
      }
    }
    return new ZoneList(z);
  }

  /**
   * One zone argument as CoreDNS's {@code plugin.Host.NormalizeExact} reads it: without {@code
   * dns://} (or another transport) and {@code :PORT}, lowercase and fully qualified; a CIDR
   * ({@code 10.0.0.0/8}) becomes the reverse zones covering it.
   *
   * @throws IllegalArgumentException when the text is not a domain name or a usable CIDR
   */
  public static List<String> normalizeExact(String text) {
    String s = text;
    for (String t : TRANSPORTS) {
      if (s.regionMatches(true, 0, t, 0, t.length())) {
        s = s.substring(t.length());
        break;
      }
    }
    int colon = s.lastIndexOf(':');
    if (colon == s.length() - 1) {
      throw new IllegalArgumentException("expecting data after last colon: \"" + text + "\"");
    }
    if (colon >= 0 && isPort(s.substring(colon + 1))) {
      s = s.substring(0, colon);
    }
    if (s.length() > 255) {
      throw new IllegalArgumentException("specified zone is too long: " + s.length() + " > 255");
    }
    if (!isDomainName(s)) {
      throw new IllegalArgumentException("zone is not a valid domain name: " + s);
    }
    List<String> reverse = ReverseZones.ofCidr(s);
    if (reverse == null) {
      return List.of(PluginConfig.normalizeZone(s));
    }
    if (s.charAt(0) == ':' || (s.charAt(0) == '0' && s.indexOf(':') >= 0)) {
      throw new IllegalArgumentException("invalid CIDR " + s);
    }
    return reverse;
  }

  private static boolean isPort(String s) {
    if (s.isEmpty() || s.length() > 9) {
      return false;
    }
    int from = s.charAt(0) == '+' || s.charAt(0) == '-' ? 1 : 0;
    if (from == s.length()) {
      return false;
    }
    for (int i = from; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /** miekg/dns {@code IsDomainName}'s shape checks: no empty label, labels of at most 63 bytes. */
  private static boolean isDomainName(String s) {
    if (s.isEmpty()) {
      return false;
    }
    if (s.equals(".")) {
      return true;
    }
    int label = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        i++;
        label++;
      } else if (c == '.') {
        if (label == 0) {
          return false;
        }
        label = 0;
        continue;
      } else {
        label++;
      }
      if (label > 63) {
        return false;
      }
    }
    return true;
  }

  private static void addAll(List<String> into, List<String> zones) {
    for (String n : zones) {
      if (!into.contains(n)) {
        into.add(n);
      }
    }
  }

  public List<String> zones() {
    return zones;
  }

  /**
   * The longest zone {@code name} (lowercase, fully qualified) is equal to or below, or null.
   */
  public String match(String name) {
    String best = null;
    for (String z : zones) {
      if (isSubdomain(name, z) && (best == null || z.length() > best.length())) {
        best = z;
      }
    }
    return best;
  }

  /** True when {@code name} equals {@code zone} or lies below it (label-wise). */
  public static boolean isSubdomain(String name, String zone) {
    if (zone.equals(".")) {
      return true;
    }
    if (!name.endsWith(zone)) {
      return false;
    }
    int cut = name.length() - zone.length();
    return cut == 0 || name.charAt(cut - 1) == '.';
  }

  @Override
  public String toString() {
    return zones.toString();
  }
}
