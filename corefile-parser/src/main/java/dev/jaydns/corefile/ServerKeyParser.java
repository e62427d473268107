package dev.jaydns.corefile;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads one server-block key, such as {@code tls://example.org:853} or {@code 10.0.0.0/23}, into
 * (transport, zone, port) keys the way CoreDNS 1.13 does, except that zones are lowercased.
 */
final class ServerKeyParser {

  private record Scheme(String name, int defaultPort) {}

  private static final String DNS = "dns";

  private final List<Scheme> schemes;

  ServerKeyParser(int defaultDnsPort) {
    this.schemes =
        List.of(
            new Scheme(DNS, defaultDnsPort),
            new Scheme("tls", 853),
            new Scheme("quic", 853),
            new Scheme("grpc", 443),
            new Scheme("https", 443),
            new Scheme("https3", 443));
  }

  List<ServerKey> parse(Token key) throws CorefileException {
    String raw = key.text();
    Scheme scheme = schemes.get(0);
    String rest = raw;
    for (Scheme candidate : schemes) {
      if (raw.startsWith(candidate.name() + "://")) {
        scheme = candidate;
        rest = raw.substring(candidate.name().length() + 3);
      }
    }
    if (raw.startsWith("unix://")) {
      throw error(key, "unix:// server blocks are not supported: " + raw);
    }
    if (rest.startsWith("[")) {
      // CoreDNS would take "[::1]" as a zone name; almost certainly a listen address was meant.
      throw error(
          key,
          "a server block key names a zone, not a listen address: " + raw
              + " (use the bind plugin to choose addresses)");
    }

    int port = scheme.defaultPort();
    String host = rest;
    int colon = rest.lastIndexOf(':');
    if (colon >= 0 && colon == rest.length() - 1) {
      throw error(key, "expecting data after last colon: \"" + raw + "\"");
    }
    if (colon >= 0 && isDecimal(rest.substring(colon + 1))) {
      port = parsePort(rest.substring(colon + 1), key);
      host = rest.substring(0, colon);
    }
    if (host.isEmpty()) {
      throw error(key, "the key " + raw + " has no zone (use . for the root zone)");
    }
    if (host.length() > 255) {
      throw error(key, "specified zone is too long: " + host.length() + " > 255");
    }
    if (!DomainNameSyntax.isValid(host)) {
      throw error(key, "zone is not a valid domain name: " + host);
    }

    List<String> zones;
    IpPrefix prefix = IpPrefix.parse(host);
    if (prefix != null) {
      if (host.charAt(0) == ':' || (host.charAt(0) == '0' && host.contains(":"))) {
        throw error(key, "invalid CIDR " + host);
      }
      zones = ReverseZones.of(prefix);
    } else {
      zones = List.of(DomainNameSyntax.fullyQualified(DomainNameSyntax.lowerCase(host)));
    }
    List<ServerKey> keys = new ArrayList<>(zones.size());
    for (String zone : zones) {
      keys.add(new ServerKey(scheme.name(), zone, port, raw, key.position()));
    }
    return keys;
  }

  /** What Go's strconv.Atoi accepts: an optional sign and decimal digits. */
  private static boolean isDecimal(String s) {
    int start = !s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-') ? 1 : 0;
    if (start == s.length()) {
      return false;
    }
    for (int i = start; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static int parsePort(String digits, Token key) throws CorefileException {
    String unsigned = digits.charAt(0) == '+' ? digits.substring(1) : digits;
    String significant = unsigned.replaceFirst("^0+(?=.)", "");
    if (significant.startsWith("-") || significant.length() > 5
        || Integer.parseInt(significant) > 65535) {
      throw error(key, "port out of range in " + key.text() + ": " + digits + " (0-65535)");
    }
    return Integer.parseInt(significant);
  }

  private static CorefileException error(Token key, String detail) {
    return new CorefileException(key.position(), detail);
  }
}
