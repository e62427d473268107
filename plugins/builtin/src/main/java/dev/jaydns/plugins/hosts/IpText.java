package dev.jaydns.plugins.hosts;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * IP address literals as Go's {@code net.ParseIP} reads them, never resolving a name: dotted IPv4
 * (no leading zeros), or IPv6 text; an IPv4-mapped IPv6 address is IPv4.
 */
public final class IpText {

  private IpText() {}

  /** The address {@code text} spells, or null when it is not an IP literal. */
  public static InetAddress parse(String text) {
    if (text.indexOf(':') >= 0) {
      return parseV6(text);
    }
    return parseV4(text);
  }

  private static InetAddress parseV4(String s) {
    byte[] b = new byte[4];
    int part = 0;
    int i = 0;
    int n = s.length();
    while (part < 4) {
      int start = i;
      int v = 0;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        v = v * 10 + (s.charAt(i) - '0');
        i++;
        if (v > 255) {
          return null;
        }
      }
      int digits = i - start;
      if (digits == 0 || (digits > 1 && s.charAt(start) == '0')) {
        return null;
      }
      b[part++] = (byte) v;
      if (part < 4) {
        if (i >= n || s.charAt(i) != '.') {
          return null;
        }
        i++;
      }
    }
    if (i != n) {
      return null;
    }
    try {
      return InetAddress.getByAddress(b);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static InetAddress parseV6(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
              || c == ':' || c == '.';
      if (!ok) {
        return null;
      }
    }
    try {
      // Only hex digits, colons and dots: the JDK parses this as a literal and never looks it up.
      InetAddress a = InetAddress.getByName(s);
      if (a instanceof Inet6Address v6 && v6.getScopedInterface() == null && v6.getScopeId() != 0) {
        return null;
      }
      return a;
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
