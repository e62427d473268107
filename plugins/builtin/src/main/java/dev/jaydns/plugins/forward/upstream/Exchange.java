package dev.jaydns.plugins.forward.upstream;

import io.netty.util.concurrent.ScheduledFuture;

/** One query sent to one upstream and waiting for its reply, owned by one event loop. */
final class Exchange {

  final byte[] query;
  final int questionEnd;
  final ExchangeCallback callback;
  /** When the exchange was asked for ({@link System#nanoTime()}), and how long it may wait. */
  final long startNanos;
  final long timeoutNanos;
  int id;
  ScheduledFuture<?> timer;
  /** Whoever holds the exchange now and must forget it when its time is up. */
  Holder holder;
  /** Whether this exchange was already resent once after a reused TCP connection closed. */
  boolean resent;
  private boolean done;

  Exchange(
      byte[] query, int questionEnd, long startNanos, long timeoutNanos, ExchangeCallback callback) {
    this.query = query;
    this.questionEnd = questionEnd;
    this.startNanos = startNanos;
    this.timeoutNanos = timeoutNanos;
    this.callback = callback;
  }

  /** Writes {@code newId} into the query. */
  void id(int newId) {
    id = newId;
    query[0] = (byte) (newId >>> 8);
    query[1] = (byte) newId;
  }

  boolean done() {
    return done;
  }

  void reply(byte[] reply) {
    if (finish()) {
      callback.onReply(reply);
    }
  }

  void fail(Throwable error) {
    if (finish()) {
      callback.onError(error);
    }
  }

  /** A socket or connection with exchanges in flight. */
  interface Holder {
    void timedOut(Exchange exchange);
  }

  private boolean finish() {
    if (done) {
      return false;
    }
    done = true;
    if (timer != null) {
      timer.cancel(false);
    }
    return true;
  }
}
