package dev.jaydns.plugins.forward.upstream;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The reply deadlines of the exchanges in flight on one event loop with one upstream, kept in
 * deadline order in a list threaded through the exchanges, with a single timer armed for the
 * earliest.
 *
 * <p>Instead of a timer per exchange: arming and cancelling one costs a task object, a closure and
 * two operations on the loop's scheduled-task heap for every query sent upstream, although almost
 * every exchange ends with its reply long before its deadline. Here an exchange is linked in
 * (from the tail: deadlines mostly arrive in order, as most exchanges wait the same read timeout)
 * and unlinked in constant time. The timer is not moved when the earliest exchange ends early; it
 * fires at the old time, finds nothing due and is armed again for the new earliest.
 *
 * <p>Touched only from the loop's thread.
 */
final class Deadlines {

  private final EventLoop loop;
  private Exchange head;
  private Exchange tail;
  private ScheduledFuture<?> timer;
  private long timerDeadline;

  Deadlines(EventLoop loop) {
    this.loop = loop;
  }

  /** Starts the clock of {@code ex}: its holder hears of it at {@code deadline} unless it ends. */
  void add(Exchange ex, long deadline) {
    ex.deadline = deadline;
    ex.deadlines = this;
    Exchange before = tail;
    while (before != null && before.deadline - deadline > 0) {
      before = before.earlier;
    }
    ex.earlier = before;
    ex.later = before == null ? head : before.later;
    if (ex.later == null) {
      tail = ex;
    } else {
      ex.later.earlier = ex;
    }
    if (before == null) {
      head = ex;
      arm(deadline);
    } else {
      before.later = ex;
    }
  }

  /** Stops the clock of {@code ex}; nothing when it is not running. */
  void remove(Exchange ex) {
    if (ex.deadlines != this) {
      return;
    }
    ex.deadlines = null;
    if (ex.earlier == null) {
      head = ex.later;
    } else {
      ex.earlier.later = ex.later;
    }
    if (ex.later == null) {
      tail = ex.earlier;
    } else {
      ex.later.earlier = ex.earlier;
    }
    ex.earlier = null;
    ex.later = null;
  }

  /** Whether no clock is running (for tests). */
  boolean isEmpty() {
    return head == null;
  }

  private void arm(long deadline) {
    if (timer != null) {
      if (timerDeadline - deadline <= 0) {
        return;
      }
      timer.cancel(false);
    }
    timerDeadline = deadline;
    timer = loop.schedule(this::expire, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
  }

  private void expire() {
    timer = null;
    long now = System.nanoTime();
    while (head != null && head.deadline - now <= 0) {
      Exchange due = head;
      remove(due);
      due.holder.timedOut(due);
    }
    if (head != null) {
      arm(head.deadline);
    }
  }
}
