package dev.jaydns.plugins.forward.upstream;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One persistent TCP (or TLS) connection to an upstream, owned by one event loop, with several
 * queries in flight at once (RFC 7766 pipelining): replies are matched by ID and may come back in
 * any order. Closed after {@code expire} without traffic. When a connection that had already
 * served queries is closed by the upstream, the exchanges it held are resent once on a fresh
 * connection, as CoreDNS retries a stale pooled connection.
 */
final class TcpConnection extends ChannelInboundHandlerAdapter implements Exchange.Holder {

  private final UpstreamLoop owner;
  private final Proto proto;
  private final Channel channel;
  private final IntObjectHashMap<Exchange> inflight = new IntObjectHashMap<>();
  private final ArrayDeque<Exchange> waiting = new ArrayDeque<>();
  private boolean active;
  private boolean closed;
  private boolean retired;
  private boolean reused;
  private Throwable failure;
  private ByteBuf pending;
  private ScheduledFuture<?> idle;

  private TcpConnection(UpstreamLoop owner, Proto proto) {
    this.owner = owner;
    this.proto = proto;
    Dialer dialer = owner.dialer();
    TcpConnection self = this;
    Bootstrap b =
        new Bootstrap()
            .group(owner.loop())
            .channelFactory(dialer.socketChannelFactory())
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, dialer.connectTimeoutMillis()))
            .option(ChannelOption.TCP_NODELAY, true)
            .handler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    if (proto == Proto.TLS) {
                      ch.pipeline()
                          .addLast(
                              dialer.sslHandler(ch.alloc(), owner.serverName(), owner.address().getPort()));
                    }
                    ch.pipeline().addLast(self);
                  }
                });
    ChannelFuture registered = b.register();
    this.channel = registered.channel();
    registered.addListener(
        r -> {
          if (!r.isSuccess()) {
            failure = r.cause();
            channel.close();
            return;
          }
          channel
              .connect(owner.address())
              .addListener(
                  f -> {
                    if (f.isSuccess()) {
                      active = true;
                      while (!waiting.isEmpty()) {
                        write(waiting.poll());
                      }
                    } else {
                      failure = f.cause();
                      channel.close();
                    }
                  });
        });
    channel.closeFuture().addListener(f -> onClosed());
  }

  static TcpConnection open(UpstreamLoop owner, Proto proto) {
    return new TcpConnection(owner, proto);
  }

  Proto proto() {
    return proto;
  }

  boolean usable() {
    return !closed && !retired;
  }

  /** No new exchanges; closes once the ones in flight are done. */
  void retire() {
    retired = true;
    if (inflight.isEmpty()) {
      close();
    }
  }

  int load() {
    return inflight.size();
  }

  void close() {
    if (!closed) {
      closed = true;
      channel.close();
    }
  }

  void send(Exchange ex) {
    if (idle != null) {
      idle.cancel(false);
      idle = null;
    }
    owner.admit(ex, this, inflight);
    if (closed) {
      onClosed();
    } else if (active) {
      write(ex);
    } else {
      waiting.add(ex);
    }
  }

  private void write(Exchange ex) {
    if (ex.done()) {
      return;
    }
    ByteBuf frame = channel.alloc().buffer(2 + ex.query.length);
    frame.writeShort(ex.query.length);
    frame.writeBytes(ex.query);
    channel.writeAndFlush(frame);
  }

  @Override
  public void timedOut(Exchange ex) {
    if (ex.done()) {
      return;
    }
    forget(ex);
    waiting.remove(ex);
    ex.fail(new SocketTimeoutException("read " + proto.label() + " " + owner.label() + ": i/o timeout"));
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf in = (ByteBuf) msg;
    if (pending == null) {
      pending = in;
    } else {
      ByteBuf merged = ctx.alloc().buffer(pending.readableBytes() + in.readableBytes());
      merged.writeBytes(pending);
      merged.writeBytes(in);
      pending.release();
      in.release();
      pending = merged;
    }
    while (pending.readableBytes() >= 2) {
      int length = pending.getUnsignedShort(pending.readerIndex());
      if (pending.readableBytes() < 2 + length) {
        break;
      }
      pending.skipBytes(2);
      byte[] reply = new byte[length];
      pending.readBytes(reply);
      onFrame(reply);
    }
    if (!pending.isReadable()) {
      pending.release();
      pending = null;
    }
  }

  private void onFrame(byte[] reply) {
    Exchange ex = reply.length < 12 ? null : inflight.get(ReplyCheck.id(reply, reply.length));
    if (ex == null) {
      owner.metrics().replyDropped(reply.length < 12 ? "malformed" : ReplyCheck.Verdict.WRONG_ID.label);
      return;
    }
    ReplyCheck.Verdict verdict = ReplyCheck.check(reply, ex.query, ex.questionEnd);
    if (verdict != ReplyCheck.Verdict.OK) {
      owner.metrics().replyDropped(verdict.label);
      return;
    }
    reused = true;
    forget(ex);
    ex.reply(reply);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (failure == null) {
      failure = cause;
    }
    ctx.close();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof SslHandshakeCompletionEvent e && !e.isSuccess() && failure == null) {
      failure = e.cause();
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (pending != null) {
      pending.release();
      pending = null;
    }
    ctx.fireChannelInactive();
  }

  private void forget(Exchange ex) {
    inflight.remove(ex.id);
    if (retired && inflight.isEmpty()) {
      close();
    } else if (inflight.isEmpty() && !closed) {
      idle =
          owner
              .loop()
              .schedule(
                  this::closeIfIdle, Math.max(1, owner.dialer().expireNanos()), TimeUnit.NANOSECONDS);
    }
  }

  private void closeIfIdle() {
    idle = null;
    if (inflight.isEmpty()) {
      close();
    }
  }

  private void onClosed() {
    closed = true;
    if (idle != null) {
      idle.cancel(false);
      idle = null;
    }
    owner.forgetTcp(this);
    if (inflight.isEmpty()) {
      return;
    }
    List<Exchange> left = new ArrayList<>(inflight.values());
    inflight.clear();
    waiting.clear();
    for (Exchange ex : left) {
      if (ex.done()) {
        continue;
      }
      if (reused && !ex.resent) {
        ex.resent = true;
        owner.resend(ex, proto);
      } else {
        Throwable cause = failure;
        String why = cause == null ? "connection closed by upstream" : String.valueOf(cause.getMessage());
        ex.fail(new IOException(proto.label() + " " + owner.label() + ": " + why, cause));
      }
    }
  }
}
