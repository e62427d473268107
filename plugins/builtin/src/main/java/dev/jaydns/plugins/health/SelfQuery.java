package dev.jaydns.plugins.health;

import dev.jaydns.plugin.GoDuration;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Jay's {@code self_query}: one A query for a fixed name, sent over UDP to the block's own DNS
 * listener, so {@code /health} turns red when the DNS path is wedged (kubernetes/dns#586) rather
 * than only when the HTTP server is. Any reply counts, whatever its rcode: an upstream outage
 * must not make every node's cache restart. Concurrent checks share one query.
 */
final class SelfQuery {

  private final Vertx vertx;
  private final Name name;
  private final Duration timeout;
  private final InetSocketAddress target;
  private DatagramSocket socket;
  /** The check in flight and its query ID; guarded by this. */
  private CompletableFuture<String> pending;

  private int pendingId = -1;

  SelfQuery(Vertx vertx, String name, Duration timeout, InetSocketAddress listener) {
    this.vertx = vertx;
    try {
      this.name = Name.fromString(name);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
    this.timeout = timeout;
    this.target = reachable(listener);
  }

  /** A wildcard listener is reached on loopback of the same family. */
  private static InetSocketAddress reachable(InetSocketAddress listener) {
    InetAddress a = listener.getAddress();
    if (a.isAnyLocalAddress()) {
      a = a instanceof Inet6Address ? InetAddress.getLoopbackAddress() : loopback4();
    }
    return new InetSocketAddress(a, listener.getPort());
  }

  private static InetAddress loopback4() {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  CompletionStage<Void> open() {
    boolean v6 = target.getAddress() instanceof Inet6Address;
    DatagramSocket s = vertx.createDatagramSocket(new DatagramSocketOptions().setIpV6(v6));
    s.handler(this::onReply);
    socket = s;
    return s.listen(0, v6 ? "::" : "0.0.0.0").<Void>mapEmpty().toCompletionStage();
  }

  /** Completes with null once the listener answered, or with why not. */
  synchronized CompletionStage<String> check() {
    if (pending != null) {
      return pending;
    }
    CompletableFuture<String> result = new CompletableFuture<>();
    pending = result;
    int id = ThreadLocalRandom.current().nextInt(0x10000);
    pendingId = id;
    Message q = Message.newQuery(Record.newRecord(name, Type.A, DClass.IN));
    q.getHeader().setID(id);
    q.getHeader().setFlag(Flags.RD);
    String where = target.getAddress().getHostAddress() + ":" + target.getPort();
    long timer =
        vertx.setTimer(
            Math.max(1, timeout.toMillis()),
            t ->
                finish(
                    result,
                    "DNS self-query for "
                        + name
                        + " to "
                        + where
                        + " got no answer within "
                        + GoDuration.format(timeout)));
    socket
        .send(Buffer.buffer(q.toWire()), target.getPort(), target.getAddress().getHostAddress())
        .onFailure(
            e -> {
              vertx.cancelTimer(timer);
              finish(result, "DNS self-query to " + where + " failed: " + e.getMessage());
            });
    result.whenComplete((x, e) -> vertx.cancelTimer(timer));
    return result;
  }

  private void onReply(DatagramPacket packet) {
    Buffer b = packet.data();
    if (b.length() < 12 || (b.getByte(2) & 0x80) == 0) {
      return;
    }
    int id = b.getUnsignedShort(0);
    CompletableFuture<String> done;
    synchronized (this) {
      if (pending == null || id != pendingId) {
        return;
      }
      done = pending;
    }
    finish(done, null);
  }

  private void finish(CompletableFuture<String> check, String failure) {
    synchronized (this) {
      if (pending == check) {
        pending = null;
        pendingId = -1;
      }
    }
    check.complete(failure);
  }

  CompletionStage<Void> close() {
    DatagramSocket s = socket;
    socket = null;
    return s == null
        ? CompletableFuture.completedFuture(null)
        : s.close().toCompletionStage();
  }
}
