package dev.jaydns.plugin;

/**
 * An HTTP listen address as CoreDNS's {@code prometheus}, {@code health} and {@code ready} write
 * it: {@code HOST:PORT}, where an empty host ({@code :9253}) means every interface and an IPv6
 * host is bracketed ({@code [::1]:8080}).
 *
 * @param host the host as written, brackets removed; empty for every interface
 * @param port 0 to 65535; 0 asks for an ephemeral port (tests)
 */
public record HttpAddress(String host, int port) {

  /**
   * Parses {@code HOST:PORT} as Go's {@code net.SplitHostPort} does, and also requires a numeric
   * port (Go would only fail later, when listening).
   *
   * @throws IllegalArgumentException with Go's wording: {@code address localhost: missing port in
   *     address}
   */
  public static HttpAddress parse(String text) {
    String host;
    String port;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("address " + text + ": missing ']' in address");
      }
      if (close + 1 >= text.length() || text.charAt(close + 1) != ':') {
        throw new IllegalArgumentException("address " + text + ": missing port in address");
      }
      host = text.substring(1, close);
      port = text.substring(close + 2);
    } else {
      int colon = text.lastIndexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException("address " + text + ": missing port in address");
      }
      host = text.substring(0, colon);
      if (host.indexOf(':') >= 0) {
        throw new IllegalArgumentException("address " + text + ": too many colons in address");
      }
      port = text.substring(colon + 1);
    }
    int p;
    try {
      p = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("address " + text + ": invalid port '" + port + "'");
    }
    if (p < 0 || p > 65535 || port.startsWith("+")) {
      throw new IllegalArgumentException("address " + text + ": invalid port '" + port + "'");
    }
    return new HttpAddress(host, p);
  }

  /** The host to bind: {@code 0.0.0.0} for every interface. */
  public String bindHost() {
    return host.isEmpty() ? "0.0.0.0" : host;
  }

  /** The host a local client reaches the listener on: {@code localhost} for every interface. */
  public String clientHost() {
    return host.isEmpty() || host.equals("0.0.0.0") ? "localhost" : host;
  }

  /** {@code HOST:PORT} again, IPv6 bracketed. */
  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
