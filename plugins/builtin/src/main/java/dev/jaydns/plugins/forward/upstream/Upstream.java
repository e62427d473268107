package dev.jaydns.plugins.forward.upstream;

import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One upstream resolver of a {@code forward} line: its address, its health, and its sockets and
 * connections on each event loop.
 */
public final class Upstream {

  private final InetSocketAddress address;
  private final boolean tls;
  private final String serverName;
  private final String label;
  private final Dialer dialer;
  private final UpstreamMetrics metrics;
  private final AtomicInteger fails = new AtomicInteger();
  private final ConcurrentHashMap<EventLoop, UpstreamLoop> loops = new ConcurrentHashMap<>();
  private volatile HealthChecker checker;
  private volatile boolean closed;
  private volatile boolean retired;

  /**
   * @param tls true for a DNS-over-TLS upstream: every exchange goes over TLS
   * @param serverName the name the TLS certificate must carry, or null for the IP address
   */
  public Upstream(
      InetSocketAddress address,
      boolean tls,
      String serverName,
      Dialer dialer,
      UpstreamMetrics metrics) {
    this.address = address;
    this.tls = tls;
    this.serverName = serverName != null ? serverName : address.getAddress().getHostAddress();
    this.label = label(address);
    this.dialer = dialer;
    this.metrics = metrics;
  }

  /** CoreDNS's {@code to} label: {@code 10.0.0.10:53}, {@code [::1]:53}. */
  public static String label(InetSocketAddress address) {
    String host = address.getAddress().getHostAddress();
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
  }

  public InetSocketAddress address() {
    return address;
  }

  public boolean tls() {
    return tls;
  }

  public String label() {
    return label;
  }

  String serverName() {
    return serverName;
  }

  Dialer dialer() {
    return dialer;
  }

  UpstreamMetrics metrics() {
    return metrics;
  }

  /** Consecutive failed health checks. */
  public int fails() {
    return fails.get();
  }

  AtomicInteger failCounter() {
    return fails;
  }

  /** Down: more than {@code maxFails} consecutive failed health checks (never when it is 0). */
  public boolean down(int maxFails) {
    return maxFails > 0 && fails.get() > maxFails;
  }

  /** Installs the health checker that {@link #healthCheck()} runs. */
  public void checker(HealthChecker checker) {
    this.checker = checker;
  }

  /** Starts probing this upstream (after an exchange failed) unless a probe is already running. */
  public void healthCheck() {
    HealthChecker c = checker;
    if (c != null && !closed && !retired) {
      c.trigger();
    }
  }

  /** The protocol an exchange really uses: TLS for a TLS upstream, else what was asked. */
  public Proto protoFor(Proto asked) {
    return tls ? Proto.TLS : asked;
  }

  /**
   * Sends {@code query} (its ID is replaced) and reports the validated reply or the failure to
   * {@code callback}. Must be called on {@code loop}'s thread; the callback runs there too.
   *
   * @param questionEnd the offset just past the query's question
   * @param nowNanos {@link System#nanoTime()} as the caller read it
   * @param timeoutNanos how long to wait for the reply, connection set-up included
   */
  public void exchange(
      EventLoop loop,
      byte[] query,
      int questionEnd,
      Proto proto,
      long nowNanos,
      long timeoutNanos,
      ExchangeCallback callback) {
    UpstreamLoop ul = loops.get(loop);
    if (ul == null) {
      ul = loops.computeIfAbsent(loop, l -> new UpstreamLoop(this, l));
    }
    ul.exchange(new Exchange(query, questionEnd, nowNanos, timeoutNanos, callback), protoFor(proto));
  }

  /**
   * Takes this upstream out of service without failing a query: health checks stop, and each
   * loop's sockets and connections close once the exchanges in flight on them are answered or
   * time out. An exchange that still arrives (its query picked this upstream just before) is sent
   * on a socket of its own that closes after it.
   */
  public void retire() {
    retired = true;
    stopHealthChecks();
    loops.forEach((loop, ul) -> loop.execute(ul::drain));
  }

  boolean retired() {
    return retired;
  }

  /** Stops health checks and closes every socket and connection (each on its own loop). */
  public void close() {
    closed = true;
    stopHealthChecks();
    loops.forEach((loop, ul) -> loop.execute(ul::close));
  }

  private void stopHealthChecks() {
    HealthChecker c = checker;
    if (c != null) {
      c.stop();
    }
  }
}
