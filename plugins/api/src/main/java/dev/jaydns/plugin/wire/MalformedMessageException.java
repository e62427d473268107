package dev.jaydns.plugin.wire;

/** A DNS message whose bytes do not parse. Carries no stack trace: it is an input condition. */
public class MalformedMessageException extends Exception {

  public MalformedMessageException(String message) {
    super(message, null, false, false);
  }
}
