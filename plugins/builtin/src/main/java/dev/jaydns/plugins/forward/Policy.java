package dev.jaydns.plugins.forward;

/** The order in which a forward tries its upstreams: CoreDNS's {@code policy} option. */
public enum Policy {
  /** A random order per query (the default). */
  RANDOM("random"),
  /** A shared counter picks the first upstream, the others follow in Corefile order. */
  ROUND_ROBIN("round_robin"),
  /** Corefile order: the first healthy upstream always gets the query. */
  SEQUENTIAL("sequential");

  private final String token;

  Policy(String token) {
    this.token = token;
  }

  /** The Corefile spelling. */
  public String token() {
    return token;
  }

  /** The policy a Corefile token names, or null. */
  public static Policy of(String token) {
    for (Policy p : values()) {
      if (p.token.equals(token)) {
        return p;
      }
    }
    return null;
  }
}
