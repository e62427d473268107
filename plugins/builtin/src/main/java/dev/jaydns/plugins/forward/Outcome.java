package dev.jaydns.plugins.forward;

import dev.jaydns.plugin.Query;
import dev.jaydns.plugin.Response;
import dev.jaydns.plugin.wire.Wire;

/**
 * What one resolution against the upstreams produced: a validated reply (still carrying the ID Jay
 * used upstream) or a failure meaning "nothing written".
 */
final class Outcome {

  private final byte[] reply;
  private final int failureRcode;
  private final Throwable error;

  private Outcome(byte[] reply, int failureRcode, Throwable error) {
    this.reply = reply;
    this.failureRcode = failureRcode;
    this.error = error;
  }

  static Outcome reply(byte[] reply) {
    return new Outcome(reply, -1, null);
  }

  static Outcome failure(int rcode, Throwable error) {
    return new Outcome(null, rcode, error);
  }

  boolean isReply() {
    return reply != null;
  }

  /** The reply's header rcode. */
  int rcode() {
    return reply != null ? Wire.headerRcode(reply) : failureRcode;
  }

  /**
   * The client's response: the reply with the client's ID and the client's spelling of the
   * question name (identical queries that shared this reply may differ in case), or the failure.
   *
   * @param exclusive whether this query is the reply's only reader, so its bytes may be patched
   *     and handed on in place; otherwise it gets a copy
   */
  Response toResponse(Query query, boolean exclusive) {
    if (reply == null) {
      return Response.failure(failureRcode, error);
    }
    byte[] out = exclusive ? reply : reply.clone();
    byte[] in = query.wire();
    out[0] = in[0];
    out[1] = in[1];
    // The reply's question was checked equal to the asked one but for case, so the lengths agree.
    System.arraycopy(in, Wire.HEADER_LENGTH, out, Wire.HEADER_LENGTH, query.questionEnd() - 4 - Wire.HEADER_LENGTH);
    return Response.of(out);
  }
}
