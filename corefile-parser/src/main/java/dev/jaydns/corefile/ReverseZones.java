package dev.jaydns.corefile;

import java.util.ArrayList;
import java.util.List;

/**
 * The reverse zones covering an address prefix. Reverse zones have a label per octet (IPv4) or per
 * nibble (IPv6), so a prefix off such a boundary is split into the prefixes at the next boundary,
 * one zone each: {@code 10.0.0.0/23} gives {@code 0.0.10.in-addr.arpa.} and
 * {@code 1.0.10.in-addr.arpa.}.
 */
final class ReverseZones {

  private ReverseZones() {}

  static List<String> of(IpPrefix prefix) {
    int unit = prefix.isIpv4() ? 8 : 4;
    String suffix = prefix.isIpv4() ? "in-addr.arpa." : "ip6.arpa.";
    int boundary = (prefix.length() + unit - 1) / unit * unit;
    int units = boundary / unit;
    int[] labels = new int[units];
    for (int u = 0; u < units; u++) {
      labels[u] = unitValue(prefix.network(), u, unit);
    }
    // The bits between the prefix length and the boundary all lie in the last unit.
    int variants = 1 << (boundary - prefix.length());
    List<String> zones = new ArrayList<>(variants);
    for (int v = 0; v < variants; v++) {
      StringBuilder zone = new StringBuilder();
      for (int u = units - 1; u >= 0; u--) {
        int value = u == units - 1 ? labels[u] + v : labels[u];
        zone.append(prefix.isIpv4() ? Integer.toString(value) : Integer.toHexString(value));
        zone.append('.');
      }
      zones.add(zone.append(suffix).toString());
    }
    return zones;
  }

  private static int unitValue(byte[] address, int index, int unit) {
    if (unit == 8) {
      return address[index] & 0xff;
    }
    int octet = address[index / 2] & 0xff;
    return index % 2 == 0 ? octet >>> 4 : octet & 0x0f;
  }
}
