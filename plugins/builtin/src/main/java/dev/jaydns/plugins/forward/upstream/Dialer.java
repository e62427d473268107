package dev.jaydns.plugins.forward.upstream;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.InternetProtocolFamily;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.spi.transport.Transport;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * Opens upstream channels on Vert.x's event loops with Vert.x's transport (native epoll when
 * Vert.x uses it), and holds what every upstream of one {@code forward} line shares: the
 * connection expiry and the TLS client context.
 *
 * <p>Netty channels are used directly rather than Vert.x's {@code DatagramSocket}: that one cuts
 * datagrams at 2048 bytes unless told otherwise and resolves the destination of every packet it
 * sends by name.
 */
public final class Dialer {

  private final Transport transport;
  private final boolean epoll;
  private final SslContext sslContext;
  private final long expireNanos;
  private final long connectTimeoutMillis;

  /**
   * @param sslContext the client TLS context for {@code tls://} upstreams, or null when there are
   *     none
   * @param expire how long an idle connection or UDP socket is kept
   * @param connectTimeout how long a TCP connect may take
   */
  public Dialer(Vertx vertx, SslContext sslContext, Duration expire, Duration connectTimeout) {
    this.transport = ((VertxInternal) vertx).transport();
    this.epoll = vertx.isNativeTransportEnabled() && Epoll.isAvailable();
    this.sslContext = sslContext;
    this.expireNanos = expire.toNanos();
    this.connectTimeoutMillis = Math.max(1, connectTimeout.toMillis());
  }

  long expireNanos() {
    return expireNanos;
  }

  long connectTimeoutMillis() {
    return connectTimeoutMillis;
  }

  /**
   * A datagram channel of the upstream's address family. Vert.x's epoll transport ignores the
   * family it is given and opens a dual-stack IPv6 socket, which sends every datagram to an IPv4
   * upstream through the IPv6 send and receive paths with a v4-mapped address, so on epoll the
   * channel is made here.
   */
  // Vert.x's transport SPI still takes Netty's deprecated InternetProtocolFamily.
  @SuppressWarnings("deprecation")
  DatagramChannel datagramChannel(InetSocketAddress upstream) {
    boolean v6 = upstream.getAddress() instanceof Inet6Address;
    if (epoll) {
      return new EpollDatagramChannel(v6 ? SocketProtocolFamily.INET6 : SocketProtocolFamily.INET);
    }
    return transport.datagramChannel(v6 ? InternetProtocolFamily.IPv6 : InternetProtocolFamily.IPv4);
  }

  ChannelFactory<? extends Channel> socketChannelFactory() {
    return transport.channelFactory(false);
  }

  /**
   * A TLS handler that verifies the upstream's certificate chain and that it names {@code
   * serverName} (a DNS name, or the IP literal when no name is configured).
   */
  SslHandler sslHandler(ByteBufAllocator alloc, String serverName, int port) {
    if (sslContext == null) {
      throw new IllegalStateException("no TLS context for a tls:// upstream");
    }
    SSLEngine engine = sslContext.newEngine(alloc, serverName, port);
    SSLParameters params = engine.getSSLParameters();
    params.setEndpointIdentificationAlgorithm("HTTPS");
    engine.setSSLParameters(params);
    return new SslHandler(engine);
  }
}
