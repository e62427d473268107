package dev.jaydns.plugin;

/**
 * A packet that is not a query Jay can hand to a chain. {@link #reply()} is what to send back (a
 * FORMERR or NOTIMP reply built from the header), or {@code null} when the packet gets no reply at
 * all (shorter than a header, or a response).
 */
public class MalformedQueryException extends Exception {

  private final transient byte[] reply;

  public MalformedQueryException(String message, byte[] reply) {
    super(message, null, false, false);
    this.reply = reply;
  }

  /** The reply to send, or {@code null} to stay silent. */
  public byte[] reply() {
    return reply;
  }
}
