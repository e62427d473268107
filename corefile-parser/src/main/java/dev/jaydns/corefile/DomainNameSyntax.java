package dev.jaydns.corefile;

import java.nio.charset.StandardCharsets;

/**
 * The lenient domain-name syntax CoreDNS applies to server-block zones: any bytes, labels separated
 * by unescaped dots, no empty label, labels of at most 63 octets ({@code \.} and {@code \DDD} count
 * as one), at most 256 octets in all. This is the only DNS knowledge of the module.
 */
final class DomainNameSyntax {

  private static final int MAX_LABEL = 63;
  private static final int MAX_NAME = 256;

  private DomainNameSyntax() {}

  static boolean isValid(String name) {
    if (name.isEmpty()) {
      return false;
    }
    byte[] s = fullyQualified(name).getBytes(StandardCharsets.UTF_8);
    int octets = 0;
    int labelStart = 0;
    boolean afterDot = false;
    for (int i = 0; i < s.length; i++) {
      switch (s[i]) {
        case '\\' -> {
          // The escape and what it escapes form one octet of the label.
          int skipped = isDecimalEscape(s, i + 1) ? 3 : 1;
          i += skipped;
          labelStart += skipped;
          afterDot = false;
        }
        case '.' -> {
          if (i == 0 && s.length > 1) {
            return false; // only the root may start with a dot
          }
          if (afterDot) {
            return false; // empty label
          }
          afterDot = true;
          int label = i - labelStart;
          if (label > MAX_LABEL) {
            return false;
          }
          octets += 1 + label;
          if (octets > MAX_NAME) {
            return false;
          }
          labelStart = i + 1;
        }
        default -> afterDot = false;
      }
    }
    return true;
  }

  /** Appends the final dot unless the name already ends with an unescaped one. */
  static String fullyQualified(String name) {
    return isFullyQualified(name) ? name : name + ".";
  }

  private static boolean isFullyQualified(String name) {
    if (!name.endsWith(".")) {
      return false;
    }
    int backslashes = 0;
    for (int i = name.length() - 2; i >= 0 && name.charAt(i) == '\\'; i--) {
      backslashes++;
    }
    return backslashes % 2 == 0;
  }

  /** DNS names compare case-insensitively in ASCII only. */
  static String lowerCase(String name) {
    StringBuilder out = null;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        if (out == null) {
          out = new StringBuilder(name);
        }
        out.setCharAt(i, (char) (c + ('a' - 'A')));
      }
    }
    return out == null ? name : out.toString();
  }

  private static boolean isDecimalEscape(byte[] s, int from) {
    return from + 3 <= s.length
        && isDigit(s[from])
        && isDigit(s[from + 1])
        && isDigit(s[from + 2]);
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }
}
