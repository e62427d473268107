package dev.jaydns.plugins.hosts;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The address a reverse name ({@code 1.0.0.10.in-addr.arpa.}, nibbles under {@code ip6.arpa.}) stands for. */
public final class ReverseName {

  private static final String V4 = ".in-addr.arpa.";
  private static final String V6 = ".ip6.arpa.";

  private ReverseName() {}

  /** The address of a complete reverse name (lowercase, fully qualified), or null. */
  public static InetAddress address(String name) {
    if (name.endsWith(V4)) {
      String[] labels = name.substring(0, name.length() - V4.length()).split("\\.", -1);
      if (labels.length != 4) {
        return null;
      }
      byte[] b = new byte[4];
      for (int i = 0; i < 4; i++) {
        String l = labels[3 - i];
        if (l.isEmpty() || l.length() > 3 || (l.length() > 1 && l.charAt(0) == '0')) {
          return null;
        }
        int v = 0;
        for (int k = 0; k < l.length(); k++) {
          char c = l.charAt(k);
          if (c < '0' || c > '9') {
            return null;
          }
          v = v * 10 + (c - '0');
        }
        if (v > 255) {
          return null;
        }
        b[i] = (byte) v;
      }
      return of(b);
    }
    if (name.endsWith(V6)) {
      String nibbles = name.substring(0, name.length() - V6.length());
      if (nibbles.length() != 63) {
        return null;
      }
      byte[] b = new byte[16];
      for (int i = 0; i < 32; i++) {
        char c = nibbles.charAt(2 * i);
        if (2 * i + 1 < nibbles.length() && nibbles.charAt(2 * i + 1) != '.') {
          return null;
        }
        int v = Character.digit(c, 16);
        if (v < 0) {
          return null;
        }
        int index = 31 - i;
        b[index / 2] |= (byte) (index % 2 == 0 ? v << 4 : v);
      }
      return of(b);
    }
    return null;
  }

  private static InetAddress of(byte[] b) {
    try {
      return InetAddress.getByAddress(b);
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
