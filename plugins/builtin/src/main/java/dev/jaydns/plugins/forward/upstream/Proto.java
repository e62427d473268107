package dev.jaydns.plugins.forward.upstream;

/** How one exchange reaches an upstream; the label is CoreDNS's {@code proto} metric label. */
public enum Proto {
  UDP("udp"),
  TCP("tcp"),
  TLS("tcp-tls");

  private final String label;

  Proto(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
