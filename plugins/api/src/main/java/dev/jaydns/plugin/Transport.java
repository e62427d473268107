package dev.jaydns.plugin;

/** How a query reached Jay. The lowercase name is what logs and metrics print. */
public enum Transport {
  UDP("udp"),
  TCP("tcp");

  private final String label;

  Transport(String label) {
    this.label = label;
  }

  /** {@code udp} or {@code tcp}, as CoreDNS's {@code {proto}} and the {@code proto} label. */
  public String label() {
    return label;
  }
}
