package dev.jaydns.corefile;

/**
 * An address prefix written {@code ADDRESS/LENGTH}, read as Go's {@code net.ParseCIDR} reads it:
 * strict dotted-quad IPv4 (no leading zeros), IPv6 with at most one {@code ::} and an optional
 * trailing dotted quad, no zone, a decimal length. The address is kept with the host bits cleared.
 */
record IpPrefix(byte[] network, int length) {

  boolean isIpv4() {
    return network.length == 4;
  }

  /** The prefix, or null when the text is not one. */
  static IpPrefix parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      return null;
    }
    String address = text.substring(0, slash);
    byte[] bytes = address.indexOf(':') >= 0 ? parseIpv6(address) : parseIpv4(address);
    if (bytes == null) {
      return null;
    }
    int length = parseLength(text.substring(slash + 1), bytes.length * 8);
    if (length < 0) {
      return null;
    }
    for (int bit = length; bit < bytes.length * 8; bit++) {
      bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
    }
    return new IpPrefix(bytes, length);
  }

  private static int parseLength(String text, int maxBits) {
    if (text.isEmpty() || text.length() > 8) {
      return -1;
    }
    int value = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value <= maxBits ? value : -1;
  }

  static byte[] parseIpv4(String text) {
    byte[] out = new byte[4];
    int part = 0;
    int i = 0;
    while (true) {
      int start = i;
      int value = 0;
      while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9' && i - start < 3) {
        value = value * 10 + (text.charAt(i) - '0');
        i++;
      }
      int digits = i - start;
      if (digits == 0 || value > 255 || (digits > 1 && text.charAt(start) == '0')) {
        return null;
      }
      out[part++] = (byte) value;
      if (part == 4) {
        return i == text.length() ? out : null;
      }
      if (i >= text.length() || text.charAt(i) != '.') {
        return null;
      }
      i++;
    }
  }

  static byte[] parseIpv6(String text) {
    byte[] out = new byte[16];
    int filled = 0;
    int ellipsis = -1;
    int i = 0;
    int n = text.length();
    if (text.startsWith("::")) {
      ellipsis = 0;
      i = 2;
      if (i == n) {
        return out;
      }
    }
    while (filled < 16) {
      int start = i;
      int value = 0;
      while (i < n && Character.digit(text.charAt(i), 16) >= 0 && text.charAt(i) < 128) {
        if (i - start == 4) {
          return null; // a group has at most four hex digits
        }
        value = value * 16 + Character.digit(text.charAt(i), 16);
        i++;
      }
      if (i == start) {
        return null;
      }
      if (i < n && text.charAt(i) == '.') {
        // A trailing dotted quad fills the last four octets.
        if ((ellipsis < 0 && filled != 12) || filled + 4 > 16) {
          return null;
        }
        byte[] v4 = parseIpv4(text.substring(start));
        if (v4 == null) {
          return null;
        }
        System.arraycopy(v4, 0, out, filled, 4);
        filled += 4;
        i = n;
        break;
      }
      out[filled++] = (byte) (value >>> 8);
      out[filled++] = (byte) value;
      if (i == n) {
        break;
      }
      if (text.charAt(i) != ':') {
        return null;
      }
      i++;
      if (i < n && text.charAt(i) == ':') {
        if (ellipsis >= 0) {
          return null; // "::" at most once
        }
        ellipsis = filled;
        i++;
        if (i == n) {
          break;
        }
      } else if (i == n) {
        return null; // a single trailing colon
      }
    }
    if (i != n) {
      return null;
    }
    if (filled < 16) {
      if (ellipsis < 0) {
        return null;
      }
      int gap = 16 - filled;
      for (int j = filled - 1; j >= ellipsis; j--) {
        out[j + gap] = out[j];
      }
      for (int j = ellipsis; j < ellipsis + gap; j++) {
        out[j] = 0;
      }
    } else if (ellipsis >= 0) {
      return null; // "::" must stand for at least one group of zeros
    }
    return out;
  }
}
