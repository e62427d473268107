package dev.jaydns.plugins.forward;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/** The reverse zones ({@code in-addr.arpa.}, {@code ip6.arpa.}) a CIDR covers. */
final class ReverseZones {

  /** Enough to report "several"; a /8 split to nibbles is not worth listing in full. */
  private static final int MAX = 256;

  private ReverseZones() {}

  static List<String> of(InetAddress ip, int bits) {
    byte[] a = ip.getAddress();
    boolean v4 = a.length == 4;
    int step = v4 ? 8 : 4;
    int rounded = ((bits + step - 1) / step) * step;
    int units = rounded / step;
    int extra = rounded - bits;
    List<String> zones = new ArrayList<>();
    long count = 1L << Math.min(extra, 16);
    for (long k = 0; k < count && zones.size() < MAX; k++) {
      int[] digits = new int[units];
      for (int i = 0; i < units; i++) {
        digits[i] = v4 ? a[i] & 0xff : (a[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0x0f;
      }
      if (units > 0) {
        int mask = (1 << step) - 1;
        int keep = ~((1 << extra) - 1) & mask;
        digits[units - 1] = (digits[units - 1] & keep) + (int) k;
      }
      StringBuilder sb = new StringBuilder();
      for (int i = units - 1; i >= 0; i--) {
        sb.append(v4 ? Integer.toString(digits[i]) : Integer.toHexString(digits[i])).append('.');
      }
      sb.append(v4 ? "in-addr.arpa." : "ip6.arpa.");
      zones.add(sb.toString());
    }
    return zones;
  }
}
