package dev.jaydns.plugin.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.SingleThreadEventLoop;

/**
 * Writes to a datagram channel and flushes once, after the event loop's current round of I/O and
 * tasks, instead of once per message.
 *
 * <p>Why: an upstream answer completes a client's query outside the client socket's read burst,
 * so without this every such reply (and every query sent upstream) cost a {@code sendto} of its
 * own; under load one round of the loop produces dozens of them, and one flush hands them to the
 * kernel in a single {@code sendmmsg}. The delay is bounded by one loop iteration, which is what a
 * read burst already waits for on a cache hit.
 *
 * <p>Not thread-safe: {@link #write} must be called on the channel's event loop.
 */
public final class FlushAfterIteration implements Runnable {

  private final Channel channel;
  private boolean pending;

  public FlushAfterIteration(Channel channel) {
    this.channel = channel;
  }

  /** Queues {@code msg} on the channel and makes sure a flush follows this loop iteration. */
  public void write(Object msg, ChannelPromise promise) {
    channel.write(msg, promise);
    if (!pending) {
      pending = true;
      EventLoop loop = channel.eventLoop();
      if (loop instanceof SingleThreadEventLoop single) {
        single.executeAfterEventLoopIteration(this);
      } else {
        loop.execute(this);
      }
    }
  }

  /** Queues {@code msg} without a promise of its own (failures reach the pipeline). */
  public void write(Object msg) {
    write(msg, channel.voidPromise());
  }

  @Override
  public void run() {
    pending = false;
    channel.flush();
  }
}
