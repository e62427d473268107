package dev.jaydns.server;

import java.math.BigDecimal;

/**
 * Rewrites the {@code le} and {@code quantile} label values of a Prometheus text exposition the
 * way Go's client prints them ({@code strconv.FormatFloat(v, 'g', -1, 64)}): {@code 0.00025}
 * rather than Java's {@code 2.5E-4}, {@code 100} rather than {@code 100.0}. Prometheus 2 stores
 * these label values as scraped, so dashboards and alerts written against CoreDNS that select a
 * bucket by its {@code le} text keep matching.
 */
final class GoFloatLabels {

  private static final String[] KEYS = {"le=\"", "quantile=\""};

  private GoFloatLabels() {}

  /** The exposition with every {@code le}/{@code quantile} value in Go's format. */
  static String rewrite(String exposition) {
    if (exposition.indexOf("le=\"") < 0 && exposition.indexOf("quantile=\"") < 0) {
      return exposition;
    }
    StringBuilder out = new StringBuilder(exposition.length());
    int pos = 0;
    while (true) {
      int at = -1;
      String key = null;
      for (String k : KEYS) {
        int i = exposition.indexOf(k, pos);
        if (i >= 0 && (at < 0 || i < at)) {
          at = i;
          key = k;
        }
      }
      if (at < 0) {
        out.append(exposition, pos, exposition.length());
        return out.toString();
      }
      int start = at + key.length();
      char before = at > 0 ? exposition.charAt(at - 1) : ' ';
      if (before != '{' && before != ',') {
        // A longer label name ending the same way (handle="..."), or text in a HELP line.
        out.append(exposition, pos, start);
        pos = start;
        continue;
      }
      int end = exposition.indexOf('"', start);
      if (end < 0) {
        out.append(exposition, pos, exposition.length());
        return out.toString();
      }
      out.append(exposition, pos, start);
      out.append(goFloat(exposition.substring(start, end)));
      pos = end;
    }
  }

  /** A label value as Go prints the same float; text that is not a number is kept. */
  static String goFloat(String javaText) {
    double d;
    try {
      d = Double.parseDouble(javaText);
    } catch (NumberFormatException e) {
      return javaText;
    }
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "+Inf" : "-Inf";
    }
    if (d == 0) {
      return "0";
    }
    BigDecimal b = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
    String digits = b.unscaledValue().toString();
    int nd = digits.length();
    // value = 0.DIGITS x 10^dp, Go's decimal point position.
    int dp = nd - b.scale();
    int exp = dp - 1;
    StringBuilder s = new StringBuilder(d < 0 ? "-" : "");
    if (exp < -4 || exp >= 6) {
      s.append(digits.charAt(0));
      if (nd > 1) {
        s.append('.').append(digits, 1, nd);
      }
      s.append('e').append(exp < 0 ? '-' : '+');
      int a = Math.abs(exp);
      if (a < 10) {
        s.append('0');
      }
      s.append(a);
    } else if (dp <= 0) {
      s.append("0.").append("0".repeat(-dp)).append(digits);
    } else if (dp >= nd) {
      s.append(digits).append("0".repeat(dp - nd));
    } else {
      s.append(digits, 0, dp).append('.').append(digits, dp, nd);
    }
    return s.toString();
  }
}
