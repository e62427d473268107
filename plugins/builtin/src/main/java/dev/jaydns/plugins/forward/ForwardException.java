package dev.jaydns.plugins.forward;

/** Why forward wrote nothing, for the {@code errors} plugin: CoreDNS's error texts. */
public final class ForwardException extends RuntimeException {

  public ForwardException(String message) {
    super(message, null, false, false);
  }
}
