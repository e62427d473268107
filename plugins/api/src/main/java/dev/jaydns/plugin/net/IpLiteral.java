package dev.jaydns.plugin.net;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * IP address text as Go reads and prints it, without any name lookup: {@link #parse} accepts what
 * {@code net.ParseIP} accepts (dotted IPv4 without leading zeros, IPv6 with at most one {@code ::}
 * and an optional trailing dotted IPv4, no {@code %zone}); {@link #format} prints what {@code
 * IP.String()} prints (RFC 5952: lowercase, longest zero run as {@code ::}).
 */
public final class IpLiteral {

  private IpLiteral() {}

  /** The address bytes (4 or 16), or null when {@code s} is not an IP literal. */
  public static byte[] parse(String s) {
    if (s.indexOf(':') >= 0) {
      return parseIpv6(s);
    }
    byte[] ip = new byte[4];
    return parseIpv4(s, ip, 0) ? ip : null;
  }

  private static boolean parseIpv4(String s, byte[] out, int at) {
    int fields = 0;
    int i = 0;
    while (true) {
      int start = i;
      int value = 0;
      while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        value = value * 10 + (s.charAt(i) - '0');
        i++;
        if (i - start > 3 || value > 255) {
          return false;
        }
      }
      int digits = i - start;
      if (digits == 0 || (digits > 1 && s.charAt(start) == '0') || fields == 4) {
        return false;
      }
      out[at + fields++] = (byte) value;
      if (i == s.length()) {
        return fields == 4;
      }
      if (s.charAt(i) != '.') {
        return false;
      }
      i++;
    }
  }

  private static byte[] parseIpv6(String text) {
    byte[] ip = new byte[16];
    String s = text;
    int ellipsis = -1;
    if (s.startsWith("::")) {
      ellipsis = 0;
      s = s.substring(2);
      if (s.isEmpty()) {
        return ip;
      }
    }
    int i = 0;
    while (i < 16) {
      int off = 0;
      int acc = 0;
      while (off < s.length()) {
        int d = Character.digit(s.charAt(off), 16);
        if (d < 0 || s.charAt(off) > 'f') {
          break;
        }
        if (off > 3) {
          return null;
        }
        acc = (acc << 4) | d;
        off++;
      }
      if (off == 0) {
        return null;
      }
      if (off < s.length() && s.charAt(off) == '.') {
        if ((ellipsis < 0 && i != 12) || i + 4 > 16 || !parseIpv4(s, ip, i)) {
          return null;
        }
        i += 4;
        s = "";
        break;
      }
      ip[i] = (byte) (acc >> 8);
      ip[i + 1] = (byte) acc;
      i += 2;
      s = s.substring(off);
      if (s.isEmpty()) {
        break;
      }
      if (s.charAt(0) != ':' || s.length() == 1) {
        return null;
      }
      s = s.substring(1);
      if (s.charAt(0) == ':') {
        if (ellipsis >= 0) {
          return null;
        }
        ellipsis = i;
        s = s.substring(1);
        if (s.isEmpty()) {
          break;
        }
      }
    }
    if (!s.isEmpty()) {
      return null;
    }
    if (i < 16) {
      if (ellipsis < 0) {
        return null;
      }
      int n = 16 - i;
      for (int j = i - 1; j >= ellipsis; j--) {
        ip[j + n] = ip[j];
      }
      for (int j = ellipsis; j < ellipsis + n; j++) {
        ip[j] = 0;
      }
    } else if (ellipsis >= 0) {
      return null;
    }
    return ip;
  }

  /** The address {@code s} spells, or null when it is not an IP literal; never resolves a name. */
  public static InetAddress toAddress(String s) {
    byte[] b = parse(s);
    if (b == null) {
      return null;
    }
    try {
      return InetAddress.getByAddress(b);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException("4 or 16 bytes are always an address", e);
    }
  }

  /** Go's text for an address: dotted IPv4, or RFC 5952 IPv6 (an IPv4-mapped one prints dotted). */
  public static String format(InetAddress address) {
    StringBuilder sb = new StringBuilder(39);
    appendTo(sb, address);
    return sb.toString();
  }

  /** Appends {@link #format}'s text (no scope, no brackets) without building a String. */
  public static void appendTo(StringBuilder sb, InetAddress address) {
    byte[] b = address.getAddress();
    if (b.length == 4) {
      appendIpv4(sb, b, 0);
      return;
    }
    if (isIpv4Mapped(b)) {
      appendIpv4(sb, b, 12);
      return;
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int g = 0; g < 8; ) {
      if (group(b, g) != 0) {
        g++;
        continue;
      }
      int start = g;
      while (g < 8 && group(b, g) == 0) {
        g++;
      }
      if (g - start > bestLength) {
        bestStart = start;
        bestLength = g - start;
      }
    }
    for (int g = 0; g < 8; g++) {
      if (g == bestStart) {
        sb.append("::");
        g += bestLength - 1;
        continue;
      }
      if (g > 0 && g != bestStart + bestLength) {
        sb.append(':');
      }
      sb.append(Integer.toHexString(group(b, g)));
    }
  }

  /** True for fe80::/10, the addresses Go names with a {@code %zone}. */
  public static boolean isIpv6LinkLocal(InetAddress address) {
    byte[] b = address.getAddress();
    return address instanceof Inet6Address
        && (b[0] & 0xff) == 0xfe
        && (b[1] & 0xc0) == 0x80;
  }

  private static boolean isIpv4Mapped(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
  }

  private static int group(byte[] b, int g) {
    return ((b[2 * g] & 0xff) << 8) | (b[2 * g + 1] & 0xff);
  }

  private static void appendIpv4(StringBuilder sb, byte[] b, int at) {
    for (int i = at; i < at + 4; i++) {
      if (i > at) {
        sb.append('.');
      }
      sb.append(b[i] & 0xff);
    }
  }
}
