package dev.jaydns.plugin.net;

import java.util.ArrayList;
import java.util.List;

/**
 * The reverse zones ({@code in-addr.arpa.}, {@code ip6.arpa.}) covering an address prefix, as
 * CoreDNS's {@code plugin.Host(...).NormalizeExact()} expands a zone argument written as a CIDR.
 * Reverse names have one label per octet (IPv4) or nibble (IPv6), so a prefix off such a boundary
 * becomes every zone at the next longer boundary: {@code 10.0.0.0/23} gives {@code
 * 0.0.10.in-addr.arpa.} and {@code 1.0.10.in-addr.arpa.}.
 */
public final class ReverseZones {

  private ReverseZones() {}

  /**
   * The zones for {@code text} read as Go's {@code net.ParseCIDR} reads it ({@code ADDRESS/BITS},
   * host bits ignored), or null when {@code text} is not such a prefix.
   */
  public static List<String> ofCidr(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      return null;
    }
    byte[] network = IpLiteral.parse(text.substring(0, slash));
    String bits = text.substring(slash + 1);
    if (network == null || bits.isEmpty() || bits.length() > 3) {
      return null;
    }
    int length = 0;
    for (int i = 0; i < bits.length(); i++) {
      char c = bits.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
      length = length * 10 + (c - '0');
    }
    if (length > network.length * 8) {
      return null;
    }
    return of(network, length);
  }

  /** The zones covering {@code network/length} ({@code network} is 4 or 16 bytes). */
  public static List<String> of(byte[] network, int length) {
    boolean v4 = network.length == 4;
    int unit = v4 ? 8 : 4;
    int boundary = (length + unit - 1) / unit * unit;
    int units = boundary / unit;
    // Bits past the prefix are not part of the zone; the ones up to the boundary vary below.
    int variants = 1 << (boundary - length);
    int last = units == 0 ? 0 : unitValue(network, units - 1, unit) & ~(variants - 1);
    List<String> zones = new ArrayList<>(variants);
    for (int v = 0; v < variants; v++) {
      StringBuilder zone = new StringBuilder(v4 ? 29 : 73);
      for (int u = units - 1; u >= 0; u--) {
        int value = u == units - 1 ? last + v : unitValue(network, u, unit);
        zone.append(v4 ? Integer.toString(value) : Integer.toHexString(value)).append('.');
      }
      zones.add(zone.append(v4 ? "in-addr.arpa." : "ip6.arpa.").toString());
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
