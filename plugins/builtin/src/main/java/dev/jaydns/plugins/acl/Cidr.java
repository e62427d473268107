package dev.jaydns.plugins.acl;

import dev.jaydns.plugin.net.IpLiteral;
import java.net.InetAddress;

/** An address prefix ({@code 192.168.0.0/16}; a bare address is a /32 or /128) and membership. */
public record Cidr(byte[] network, int bits) {

  /** Parses {@code text}, or returns null when it is not an address or prefix. */
  public static Cidr parse(String text) {
    int slash = text.indexOf('/');
    InetAddress a = IpLiteral.toAddress(slash < 0 ? text : text.substring(0, slash));
    if (a == null) {
      return null;
    }
    byte[] b = a.getAddress();
    int bits = b.length * 8;
    if (slash >= 0) {
      try {
        bits = Integer.parseInt(text.substring(slash + 1));
      } catch (NumberFormatException e) {
        return null;
      }
      if (bits < 0 || bits > b.length * 8) {
        return null;
      }
    }
    for (int i = 0; i < b.length; i++) {
      int keep = Math.max(0, Math.min(8, bits - 8 * i));
      b[i] &= (byte) (0xff << (8 - keep));
    }
    return new Cidr(b, bits);
  }

  /** True when {@code address} lies in this prefix (families must agree). */
  public boolean contains(InetAddress address) {
    byte[] a = address.getAddress();
    if (a.length != network.length) {
      return false;
    }
    int full = bits / 8;
    for (int i = 0; i < full; i++) {
      if (a[i] != network[i]) {
        return false;
      }
    }
    int rest = bits % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (a[full] & mask) == (network[full] & 0xff);
  }
}
