package dev.jaydns.server;

import dev.jaydns.plugin.Transport;
import dev.jaydns.plugin.net.FlushAfterIteration;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * UDP on one address and port: with the native epoll transport, one socket per event loop on the
 * same port (SO_REUSEPORT), so the kernel spreads packets over the cores; with NIO, one socket.
 *
 * <p>Built on Netty channels running on Vert.x's own event loops rather than on Vert.x's {@code
 * DatagramSocket}: that API ties the per-read buffer to SO_RCVBUF (so a buffer big enough for any
 * query shrinks the kernel queue and loses packets under load), reads one datagram per wake-up and
 * flushes every reply on its own. Here the kernel queue keeps its size, up to {@link
 * #READS_PER_WAKEUP} datagrams are read per wake-up, and the replies answered during a read burst
 * are flushed together.
 *
 * <p>With epoll, datagrams are read {@link #SLOTS} at a time with one {@code recvmmsg} into one
 * buffer of {@link #SLOT}-byte slots: one system call, one JNI crossing and one pooled buffer per
 * batch instead of per datagram. A query longer than a slot is cut there and so answered FORMERR
 * (CoreDNS reads at most 512 bytes of a UDP query unless told otherwise; 4096 covers any query
 * with EDNS options). With NIO, each read takes any datagram whole (65535 bytes).
 */
final class UdpListener {

  private static final Logger LOG = LoggerFactory.getLogger("jay");
  private static final int MAX_DATAGRAM = 65535;
  static final int SLOT = 4096;
  static final int SLOTS = 16;
  private static final int READS_PER_WAKEUP = 32;

  private final EventLoopGroup group;
  private final boolean epoll;
  private final int sockets;
  private final ListenerKey key;
  private final QueryProcessor processor;
  private final List<Channel> channels = new ArrayList<>();

  UdpListener(EventLoopGroup group, boolean epoll, int sockets, ListenerKey key, QueryProcessor processor) {
    this.group = group;
    this.epoll = epoll;
    this.sockets = epoll ? Math.max(1, sockets) : 1;
    this.key = key;
    this.processor = processor;
  }

  /**
   * Binds the sockets: the first on the key's port, the others on the port the first got (so a
   * key with port 0 yields one ephemeral port shared by every socket).
   */
  CompletionStage<Void> open() {
    InetSocketAddress address = key.socketAddress();
    // An IPv4 address gets an IPv4 socket: Netty's default is an IPv6 socket taking v4-mapped
    // traffic, which costs every datagram a trip through the IPv6 send and receive paths and a
    // mapped-address conversion.
    SocketProtocolFamily family =
        address.getAddress() instanceof Inet6Address ? SocketProtocolFamily.INET6 : SocketProtocolFamily.INET;
    Bootstrap b =
        new Bootstrap()
            .group(group)
            .option(ChannelOption.SO_REUSEADDR, true)
            // Not reading until resume(): datagrams that arrive before the configuration has
            // started wait in the kernel queue instead of reaching plugins that are not ready.
            .option(ChannelOption.AUTO_READ, false)
            .option(
                ChannelOption.RCVBUF_ALLOCATOR,
                new FixedRecvByteBufAllocator(epoll ? SLOT * SLOTS : MAX_DATAGRAM)
                    .maxMessagesPerRead(READS_PER_WAKEUP))
            .handler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    ch.pipeline().addLast(new Reader());
                  }
                });
    if (epoll) {
      b.channelFactory(() -> new EpollDatagramChannel(family));
      b.option(EpollChannelOption.SO_REUSEPORT, true);
      b.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, SLOT);
    } else {
      b.channel(NioDatagramChannel.class);
    }
    CompletableFuture<Void> result = bind(b, address);
    for (int i = 1; i < sockets; i++) {
      result =
          result.thenCompose(
              x -> bind(b, new InetSocketAddress(address.getAddress(), boundPort())));
    }
    return result.whenComplete(
        (ok, error) -> {
          if (error != null) {
            close();
          }
        });
  }

  private CompletableFuture<Void> bind(Bootstrap b, InetSocketAddress address) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    ChannelFuture f = b.bind(address);
    f.addListener(
        x -> {
          if (f.isSuccess()) {
            synchronized (channels) {
              channels.add(f.channel());
            }
            done.complete(null);
          } else {
            done.completeExceptionally(
                new StartupException(
                    "cannot listen on udp " + key.label() + ": " + f.cause().getMessage(),
                    f.cause()));
          }
        });
    return done;
  }

  /** Starts (or restarts) reading datagrams. */
  void resume() {
    synchronized (channels) {
      for (Channel c : channels) {
        c.config().setAutoRead(true);
      }
    }
  }

  /** Stops reading new datagrams; replies to queries already read still go out. */
  void pause() {
    synchronized (channels) {
      for (Channel c : channels) {
        c.config().setAutoRead(false);
      }
    }
  }

  /** The port actually bound (differs from the key's when it asked for port 0). */
  int boundPort() {
    synchronized (channels) {
      return channels.isEmpty() ? -1 : ((InetSocketAddress) channels.get(0).localAddress()).getPort();
    }
  }

  CompletionStage<Void> close() {
    List<Channel> toClose;
    synchronized (channels) {
      toClose = new ArrayList<>(channels);
      channels.clear();
    }
    CompletableFuture<?>[] closes = new CompletableFuture<?>[toClose.size()];
    for (int i = 0; i < toClose.size(); i++) {
      CompletableFuture<Void> c = new CompletableFuture<>();
      toClose.get(i).close().addListener(x -> c.complete(null));
      closes[i] = c;
    }
    return CompletableFuture.allOf(closes);
  }

  /**
   * Reads datagrams of one socket and hands them to the processor. A reply produced while the
   * datagram is being read (a cache hit) is only written, and flushed with the others of the same
   * read burst in {@link #channelReadComplete}; a reply that comes later on this loop (an upstream
   * answer) is flushed with the others of the same loop iteration; one from another thread is
   * flushed at once.
   */
  private final class Reader extends ChannelInboundHandlerAdapter {
    private boolean inRead;
    private FlushAfterIteration lateReplies;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
      lateReplies = new FlushAfterIteration(ctx.channel());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      DatagramPacket packet = (DatagramPacket) msg;
      InetSocketAddress sender = packet.sender();
      byte[] data;
      try {
        ByteBuf content = packet.content();
        data = new byte[content.readableBytes()];
        content.getBytes(content.readerIndex(), data);
      } finally {
        packet.release();
      }
      Channel channel = ctx.channel();
      inRead = true;
      try {
        processor.process(
            data,
            Transport.UDP,
            sender,
            reply -> {
              if (reply == null) {
                return;
              }
              // Written straight into a direct buffer: a heap buffer would be copied into one
              // by the channel anyway, behind one more wrapper and packet object.
              ByteBuf bytes = channel.alloc().directBuffer(reply.length).writeBytes(reply);
              DatagramPacket out = new DatagramPacket(bytes, sender);
              if (!channel.eventLoop().inEventLoop()) {
                channel.writeAndFlush(out, channel.voidPromise());
              } else if (inRead) {
                channel.write(out, channel.voidPromise());
              } else {
                lateReplies.write(out);
              }
            });
      } finally {
        inRead = false;
      }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      // A failed read or send (ICMP unreachable to a client that left) must not close the socket.
      LOG.debug("udp {}: {}", key.label(), cause.toString());
    }
  }
}
