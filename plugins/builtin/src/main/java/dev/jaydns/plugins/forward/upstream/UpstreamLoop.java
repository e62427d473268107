package dev.jaydns.plugins.forward.upstream;

import io.netty.channel.EventLoop;
import io.netty.util.collection.IntObjectHashMap;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * One upstream's sockets and connections on one event loop. Touched only from that loop's thread,
 * so it needs no locks: replies to sockets opened here arrive here.
 */
final class UpstreamLoop {

  /** Exchanges in flight on one TCP connection before another connection is opened. */
  static final int PIPELINE_DEPTH = 16;
  /** Connections per upstream, protocol and event loop; beyond it the least loaded is shared. */
  static final int MAX_CONNECTIONS = 16;

  private static final SecureRandom SEEDS = new SecureRandom();

  private final Upstream upstream;
  private final EventLoop loop;
  private final SplittableRandom random = new SplittableRandom(SEEDS.nextLong());
  private UdpSocket udp;
  private final List<TcpConnection> connections = new ArrayList<>();
  private boolean closed;

  UpstreamLoop(Upstream upstream, EventLoop loop) {
    this.upstream = upstream;
    this.loop = loop;
  }

  EventLoop loop() {
    return loop;
  }

  Dialer dialer() {
    return upstream.dialer();
  }

  InetSocketAddress address() {
    return upstream.address();
  }

  String label() {
    return upstream.label();
  }

  String serverName() {
    return upstream.serverName();
  }

  UpstreamMetrics metrics() {
    return upstream.metrics();
  }

  /**
   * Puts {@code ex} in flight on {@code holder}: a random query ID not in use there, written into
   * the query, and the exchange's timer armed on its first attempt (a resend keeps its deadline).
   */
  void admit(Exchange ex, Exchange.Holder holder, IntObjectHashMap<Exchange> inflight) {
    int id;
    do {
      id = random.nextInt(65536);
    } while (inflight.containsKey(id));
    ex.id(id);
    ex.holder = holder;
    inflight.put(id, ex);
    if (ex.timer == null) {
      ex.timer = loop.schedule(() -> ex.holder.timedOut(ex), ex.timeoutNanos, TimeUnit.NANOSECONDS);
    }
  }

  void exchange(Exchange ex, Proto proto) {
    if (closed) {
      ex.fail(new java.io.IOException("upstream " + label() + " was removed"));
      return;
    }
    if (proto == Proto.UDP) {
      if (udp != null && udp.usable(ex.startNanos)) {
        metrics().connCacheHit(proto);
      } else {
        if (udp != null) {
          udp.retire();
        }
        udp = UdpSocket.open(this, ex.startNanos);
        metrics().connCacheMiss(proto);
      }
      udp.send(ex);
    } else {
      connection(proto).send(ex);
    }
    if (upstream.retired()) {
      drain();
    }
  }

  /** Sends again, on a fresh connection, an exchange whose reused connection closed under it. */
  void resend(Exchange ex, Proto proto) {
    TcpConnection c = TcpConnection.open(this, proto);
    connections.add(c);
    metrics().connCacheMiss(proto);
    c.send(ex);
    if (upstream.retired()) {
      drain();
    }
  }

  private TcpConnection connection(Proto proto) {
    TcpConnection least = null;
    int count = 0;
    for (TcpConnection c : connections) {
      if (c.proto() != proto || !c.usable()) {
        continue;
      }
      count++;
      if (c.load() < PIPELINE_DEPTH) {
        metrics().connCacheHit(proto);
        return c;
      }
      if (least == null || c.load() < least.load()) {
        least = c;
      }
    }
    if (least != null && count >= MAX_CONNECTIONS) {
      metrics().connCacheHit(proto);
      return least;
    }
    TcpConnection c = TcpConnection.open(this, proto);
    connections.add(c);
    metrics().connCacheMiss(proto);
    return c;
  }

  void forgetUdp(UdpSocket socket) {
    if (udp == socket) {
      udp = null;
    }
  }

  void forgetTcp(TcpConnection c) {
    connections.remove(c);
  }

  /** No new exchanges on the current sockets and connections; each closes when its last is done. */
  void drain() {
    if (udp != null) {
      udp.retire();
      udp = null;
    }
    for (TcpConnection c : connections) {
      c.retire();
    }
    connections.clear();
  }

  /** Closes everything; exchanges in flight fail. */
  void close() {
    closed = true;
    if (udp != null) {
      udp.close();
      udp = null;
    }
    for (TcpConnection c : new ArrayList<>(connections)) {
      c.close();
    }
    connections.clear();
  }
}
