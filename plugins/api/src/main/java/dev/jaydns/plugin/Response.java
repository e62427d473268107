package dev.jaydns.plugin;

import dev.jaydns.plugin.wire.Wire;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.xbill.DNS.Message;

/**
 * What a chain produced for a query: either a written answer (wire bytes or a dnsjava message,
 * converted lazily into each other) or a failure meaning "nothing written" (see {@link Handler}).
 *
 * <p>A written answer is the complete message for the query, ID already the client's, before the
 * server fits it to the client: the server mirrors the client's OPT record and truncates UDP
 * answers to the client's size, so plugins hand back the whole answer.
 */
public final class Response {

  private byte[] wire;
  private Message message;
  private final boolean fitted;
  private final int failureRcode;
  private final Throwable error;
  private final boolean dropped;
  /** The plugin that made this answer; stamped by the chain as the answer passes its link. */
  String writer;

  private Response(
      byte[] wire, Message message, boolean fitted, int failureRcode, Throwable error) {
    this(wire, message, fitted, failureRcode, error, false);
  }

  private Response(
      byte[] wire,
      Message message,
      boolean fitted,
      int failureRcode,
      Throwable error,
      boolean dropped) {
    this.wire = wire;
    this.message = message;
    this.fitted = fitted;
    this.failureRcode = failureRcode;
    this.error = error;
    this.dropped = dropped;
  }

  /**
   * A written answer in wire form. The array is handed over, not copied: the server may patch it
   * in place (ID, OPT record) before sending, so never share one array between two responses.
   */
  public static Response of(byte[] wire) {
    return new Response(Objects.requireNonNull(wire, "wire"), null, false, -1, null);
  }

  /**
   * A written answer in wire form that already carries exactly the OPT record the client should
   * see (the query's mirrored, or none for a client without EDNS), so the server skips that step
   * and only checks the size. The cache's hit path builds answers this way.
   */
  public static Response ofFitted(byte[] wire) {
    return new Response(Objects.requireNonNull(wire, "wire"), null, true, -1, null);
  }

  /** A written answer as a dnsjava message; serialised when the server sends it. */
  public static Response of(Message message) {
    return new Response(null, Objects.requireNonNull(message, "message"), false, -1, null);
  }

  /**
   * Nothing written: the server answers with {@code rcode} itself and the {@code errors} plugin
   * logs {@code error}. {@code rcode} is SERVFAIL, REFUSED, FORMERR or NOTIMP.
   */
  public static Response failure(int rcode, Throwable error) {
    return new Response(null, null, false, rcode, error);
  }

  /**
   * No reply at all: the server sends nothing to the client (the {@code acl} plugin's {@code
   * drop}). It is not written ({@link #isWritten()} is false) and reads as a REFUSED failure, so
   * a server that does not check {@link #isDropped()} answers REFUSED rather than nothing.
   */
  public static Response drop() {
    return new Response(null, null, false, org.xbill.DNS.Rcode.REFUSED, null, true);
  }

  /** True for {@link #drop()}: the server must send nothing. */
  public boolean isDropped() {
    return dropped;
  }

  /** {@link #of(byte[])} as an already completed stage, the shape a handler returns. */
  public static CompletionStage<Response> completed(byte[] wire) {
    return CompletableFuture.completedFuture(of(wire));
  }

  /** {@link #of(Message)} as an already completed stage. */
  public static CompletionStage<Response> completed(Message message) {
    return CompletableFuture.completedFuture(of(message));
  }

  /** {@link #failure(int, Throwable)} as an already completed stage. */
  public static CompletionStage<Response> failed(int rcode, Throwable error) {
    return CompletableFuture.completedFuture(failure(rcode, error));
  }

  /** True when a plugin wrote an answer; false for a failure the server must answer itself. */
  public boolean isWritten() {
    return failureRcode < 0;
  }

  /**
   * The rcode: of the written answer (header rcode, extended by the OPT record when the answer is
   * a message), or the failure's.
   */
  public int rcode() {
    if (failureRcode >= 0) {
      return failureRcode;
    }
    return message != null ? message.getRcode() : Wire.headerRcode(wire);
  }

  /** The header flag word of the written answer (0 for a failure). */
  public int flags() {
    if (failureRcode >= 0) {
      return 0;
    }
    return wire != null ? Wire.flags(wire) : Wire.flags(wire());
  }

  /** True for an answer made with {@link #ofFitted(byte[])}. */
  public boolean isFitted() {
    return fitted;
  }

  /** Why nothing was written, or why a written answer is worth logging; may be null. */
  public Throwable error() {
    return error;
  }

  /** The plugin that wrote the answer, or {@code null} (a failure, or not yet through a link). */
  public String writer() {
    return writer;
  }

  /** The written answer's bytes (serialising a message on first use; uncompressed names are kept). */
  public byte[] wire() {
    if (failureRcode >= 0) {
      throw new IllegalStateException("a failure has no wire form");
    }
    byte[] w = wire;
    if (w == null) {
      w = message.toWire();
      wire = w;
    }
    return w;
  }

  /** The written answer as a dnsjava message (parsed on first use). Treat it as read-only. */
  public Message message() {
    if (failureRcode >= 0) {
      throw new IllegalStateException("a failure has no message");
    }
    Message m = message;
    if (m == null) {
      try {
        m = new Message(wire);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      message = m;
    }
    return m;
  }

  /** Length of the written answer in bytes before the server fits it to the client; 0 for a failure. */
  public int size() {
    return failureRcode >= 0 ? 0 : wire().length;
  }

  @Override
  public String toString() {
    return isWritten()
        ? "Response[rcode=" + rcode() + ", size=" + size() + ", writer=" + writer + "]"
        : "Response[failure rcode=" + failureRcode + ", error=" + error + "]";
  }
}
