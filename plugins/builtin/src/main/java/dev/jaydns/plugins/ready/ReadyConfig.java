package dev.jaydns.plugins.ready;

/**
 * A parsed {@code ready} directive.
 *
 * @param address where {@code /ready} is served, CoreDNS's {@code HOST:PORT}
 * @param monitor whether a plugin that was ready once is asked again
 */
public record ReadyConfig(String address, Monitor monitor) {

  /** CoreDNS's {@code monitor} values. */
  public enum Monitor {
    /** Stop asking a plugin once it said it was ready (the default). */
    UNTIL_READY("until-ready"),
    /** Ask every plugin on every request. */
    CONTINUOUSLY("continuously");

    private final String token;

    Monitor(String token) {
      this.token = token;
    }

    /** The Corefile spelling. */
    public String token() {
      return token;
    }
  }
}
