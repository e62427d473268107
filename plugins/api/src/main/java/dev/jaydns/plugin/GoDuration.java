package dev.jaydns.plugin;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Go's {@code time.ParseDuration} and {@code Duration.String}, because Corefiles are written for
 * CoreDNS: {@code 30s}, {@code 1m30s}, {@code 500ms}, {@code 1.5h}; a bare {@code 0} is allowed,
 * any other bare number is not; units are ns, us (or µs), ms, s, m, h.
 */
public final class GoDuration {

  private GoDuration() {}

  /** Parses Go duration text, or throws {@link IllegalArgumentException} with Go's message. */
  public static Duration parse(String text) {
    String s = text;
    boolean negative = false;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      negative = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    if (s.isEmpty()) {
      throw new IllegalArgumentException("time: invalid duration \"" + text + "\"");
    }
    BigDecimal nanos = BigDecimal.ZERO;
    int i = 0;
    while (i < s.length()) {
      int start = i;
      while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
        i++;
      }
      String number = s.substring(start, i);
      if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
        throw new IllegalArgumentException("time: invalid duration \"" + text + "\"");
      }
      int unitStart = i;
      while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
        i++;
      }
      String unit = s.substring(unitStart, i);
      long scale =
          switch (unit) {
            case "ns" -> 1L;
            case "us", "µs", "μs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            case "" -> throw new IllegalArgumentException(
                "time: missing unit in duration \"" + text + "\"");
            default -> throw new IllegalArgumentException(
                "time: unknown unit \"" + unit + "\" in duration \"" + text + "\"");
          };
      nanos = nanos.add(new BigDecimal(number).multiply(BigDecimal.valueOf(scale)));
    }
    if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw new IllegalArgumentException("time: invalid duration \"" + text + "\"");
    }
    long n = nanos.longValue();
    return Duration.ofNanos(negative ? -n : n);
  }

  /** Formats as Go does: {@code 30s}, {@code 1m30s}, {@code 5m0s}, {@code 1h0m0s}, {@code 1.5s}, {@code 500ms}. */
  public static String format(Duration d) {
    long nanos = d.toNanos();
    if (nanos == 0) {
      return "0s";
    }
    StringBuilder sb = new StringBuilder();
    if (nanos < 0) {
      sb.append('-');
      nanos = -nanos;
    }
    if (nanos < 1_000_000_000L) {
      if (nanos < 1_000L) {
        return sb.append(nanos).append("ns").toString();
      }
      if (nanos < 1_000_000L) {
        return sb.append(fraction(nanos, 1_000L)).append("µs").toString();
      }
      return sb.append(fraction(nanos, 1_000_000L)).append("ms").toString();
    }
    long hours = nanos / 3_600_000_000_000L;
    long rest = nanos % 3_600_000_000_000L;
    long minutes = rest / 60_000_000_000L;
    rest %= 60_000_000_000L;
    if (hours > 0) {
      sb.append(hours).append('h');
    }
    if (hours > 0 || minutes > 0) {
      sb.append(minutes).append('m');
    }
    return sb.append(fraction(rest, 1_000_000_000L)).append('s').toString();
  }

  private static String fraction(long value, long unit) {
    return BigDecimal.valueOf(value)
        .divide(BigDecimal.valueOf(unit))
        .stripTrailingZeros()
        .toPlainString();
  }
}
