package dev.jaydns.plugins.forward.upstream;

import dev.jaydns.plugin.net.FlushAfterIteration;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;

/**
 * One UDP socket connected to one upstream, on a kernel-chosen (random) local port, carrying the
 * exchanges of that upstream on one event loop, demultiplexed by query ID. Being connected, the
 * kernel delivers only datagrams from the upstream's address and port (as CoreDNS's dialed sockets
 * do) and sends without a route lookup per packet; a reply is then accepted only with an ID in
 * flight and the question asked, anything else is dropped and counted. A socket serves a bounded
 * number of queries for a bounded time, so the source port keeps changing.
 */
final class UdpSocket extends ChannelInboundHandlerAdapter implements Exchange.Holder {

  /**
   * Datagrams are read whole up to the largest a DNS message can be: Jay asks with 1232, but a
   * non-compliant upstream answering bigger is better read than cut.
   */
  static final int RECEIVE_SIZE = 65535;
  /** Queries per socket before a new one (a new random port) is opened. */
  static final int MAX_USES = 100;

  private final UpstreamLoop owner;
  private final DatagramChannel channel;
  private final ChannelFuture ready;
  private final FlushAfterIteration queries;
  private final IntObjectHashMap<Exchange> inflight = new IntObjectHashMap<>();
  private final long openedNanos;
  private int uses;
  private boolean retired;
  private boolean closed;
  private ScheduledFuture<?> expiry;

  private UdpSocket(UpstreamLoop owner, long nowNanos) {
    this.owner = owner;
    this.openedNanos = nowNanos;
    this.channel = owner.dialer().datagramChannel(owner.address());
    channel.config().setRecvByteBufAllocator(new FixedRecvByteBufAllocator(RECEIVE_SIZE));
    channel.pipeline().addLast(this);
    this.queries = new FlushAfterIteration(channel);
    ChannelFuture registered = owner.loop().register(channel);
    this.ready = registered.channel().newPromise();
    registered.addListener(
        f -> {
          if (!f.isSuccess()) {
            ((io.netty.channel.ChannelPromise) ready).tryFailure(f.cause());
            return;
          }
          channel
              .connect(owner.address())
              .addListener(
                  b -> {
                    if (b.isSuccess()) {
                      ((io.netty.channel.ChannelPromise) ready).trySuccess();
                    } else {
                      ((io.netty.channel.ChannelPromise) ready).tryFailure(b.cause());
                    }
                  });
        });
    channel.closeFuture().addListener(f -> onClosed());
    // A socket takes new exchanges for `expire` after it opened (usable()); one timer then closes
    // it if nothing else has, rather than one armed each time its last exchange ends.
    this.expiry =
        owner
            .loop()
            .schedule(this::expired, Math.max(1, owner.dialer().expireNanos()), TimeUnit.NANOSECONDS);
  }

  static UdpSocket open(UpstreamLoop owner, long nowNanos) {
    return new UdpSocket(owner, nowNanos);
  }

  /** Whether a new exchange may use this socket. */
  boolean usable(long now) {
    return !closed
        && !retired
        && uses < MAX_USES
        && now - openedNanos < owner.dialer().expireNanos();
  }

  /** No new exchanges; closes once the ones in flight are done. */
  void retire() {
    retired = true;
    if (inflight.isEmpty()) {
      close();
    }
  }

  void close() {
    if (!closed) {
      closed = true;
      channel.close();
    }
  }

  void send(Exchange ex) {
    uses++;
    owner.admit(ex, this, inflight);
    if (ready.isDone()) {
      write(ex);
    } else {
      ready.addListener(f -> write(ex));
    }
  }

  private void write(Exchange ex) {
    if (!ready.isSuccess()) {
      forget(ex);
      ex.fail(new IOException("dial udp " + owner.label() + ": " + ready.cause().getMessage(), ready.cause()));
      return;
    }
    ChannelPromise written = channel.newPromise();
    ByteBuf bytes = channel.alloc().directBuffer(ex.query.length).writeBytes(ex.query);
    queries.write(bytes, written);
    written.addListener(
        f -> {
          if (!f.isSuccess() && !ex.done()) {
            forget(ex);
            ex.fail(new IOException("write udp " + describe() + ": " + f.cause().getMessage(), f.cause()));
          }
        });
  }

  @Override
  public void timedOut(Exchange ex) {
    if (ex.done()) {
      return;
    }
    forget(ex);
    ex.fail(new SocketTimeoutException("read udp " + describe() + ": i/o timeout"));
  }

  private String describe() {
    InetSocketAddress local = channel.localAddress();
    return (local == null ? "?" : local.getAddress().getHostAddress() + ":" + local.getPort())
        + "->" + owner.label();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    DatagramPacket packet = (DatagramPacket) msg;
    try {
      ByteBuf content = packet.content();
      int length = content.readableBytes();
      if (length < 12) {
        owner.metrics().replyDropped(ReplyCheck.Verdict.MALFORMED.label);
        return;
      }
      Exchange ex = inflight.get(content.getUnsignedShort(content.readerIndex()));
      if (ex == null) {
        owner.metrics().replyDropped(ReplyCheck.Verdict.WRONG_ID.label);
        return;
      }
      byte[] reply = new byte[length];
      content.getBytes(content.readerIndex(), reply);
      ReplyCheck.Verdict verdict = ReplyCheck.check(reply, ex.query, ex.questionEnd);
      if (verdict != ReplyCheck.Verdict.OK) {
        owner.metrics().replyDropped(verdict.label);
        return;
      }
      forget(ex);
      ex.reply(reply);
    } finally {
      packet.release();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // A connected socket hears of ICMP port unreachable as a read error; the exchange times out
    // or another reply arrives, so nothing is failed early (the socket stays open).
  }

  private void forget(Exchange ex) {
    inflight.remove(ex.id);
    if (retired && inflight.isEmpty()) {
      close();
    }
  }

  private void expired() {
    owner.forgetUdp(this);
    retire();
  }

  private void onClosed() {
    closed = true;
    if (expiry != null) {
      expiry.cancel(false);
    }
    owner.forgetUdp(this);
    if (!inflight.isEmpty()) {
      ArrayList<Exchange> left = new ArrayList<>(inflight.values());
      inflight.clear();
      for (Exchange ex : left) {
        ex.fail(new IOException("udp socket to " + owner.label() + " closed"));
      }
    }
  }
}
