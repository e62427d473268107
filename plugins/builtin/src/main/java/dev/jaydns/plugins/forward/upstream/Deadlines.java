package dev.jaydns.plugins.forward.upstream;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The exchanges of one {@link UpstreamLoop} waiting for replies, in deadline order, behind one
 * timer. Every attempt of a {@code forward} line waits the same read timeout, so deadlines arrive in
 * order and a linked list kept by the exchanges themselves replaces a timer per exchange: no
 * allocation and no heap reordering when an exchange starts or ends, which matters when most
 * queries are cache misses. An exchange whose deadline would land before the last one (its
 * attempt was cut short by the query's overall budget) gets a timer of its own, so it is never
 * late.
 *
 * <p>Touched only from the loop's thread.
 */
final class Deadlines {

  private final EventLoop loop;
  private final Runnable expire = this::expire;
  private Exchange first;
  private Exchange last;
  /** Armed for a deadline at or before the first exchange's; it re-arms itself for the next. */
  private ScheduledFuture<?> timer;

  Deadlines(EventLoop loop) {
    this.loop = loop;
  }

  /** Starts the clock on {@code ex} unless it is running already (a resend keeps its deadline). */
  void add(Exchange ex) {
    if (ex.listed || ex.timer != null) {
      return;
    }
    if (last != null && ex.deadlineNanos - last.deadlineNanos < 0) {
      ex.timer =
          loop.schedule(
              () -> ex.holder.timedOut(ex), ex.deadlineNanos - ex.startNanos, TimeUnit.NANOSECONDS);
      return;
    }
    ex.listed = true;
    ex.deadlines = this;
    ex.earlier = last;
    if (last != null) {
      last.later = ex;
    } else {
      first = ex;
    }
    last = ex;
    if (timer == null) {
      timer = loop.schedule(expire, ex.deadlineNanos - ex.startNanos, TimeUnit.NANOSECONDS);
    }
  }

  /** Takes {@code ex} off the list; the timer stays, and finds the next deadline when it fires. */
  void remove(Exchange ex) {
    if (!ex.listed) {
      return;
    }
    ex.listed = false;
    if (ex.earlier != null) {
      ex.earlier.later = ex.later;
    } else {
      first = ex.later;
    }
    if (ex.later != null) {
      ex.later.earlier = ex.earlier;
    } else {
      last = ex.earlier;
    }
    ex.earlier = null;
    ex.later = null;
  }

  /** Exchanges on the list (for tests). */
  int size() {
    int n = 0;
    for (Exchange ex = first; ex != null; ex = ex.later) {
      n++;
    }
    return n;
  }

  private void expire() {
    timer = null;
    long now = System.nanoTime();
    while (first != null && first.deadlineNanos - now <= 0) {
      Exchange ex = first;
      remove(ex);
      // May start another attempt, which joins the list behind every deadline passed here.
      ex.holder.timedOut(ex);
    }
    if (first != null && timer == null) {
      timer = loop.schedule(expire, first.deadlineNanos - now, TimeUnit.NANOSECONDS);
    }
  }
}
