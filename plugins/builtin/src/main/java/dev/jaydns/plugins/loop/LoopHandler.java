package dev.jaydns.plugins.loop;

import dev.jaydns.plugin.Chain;
import dev.jaydns.plugin.Handler;
import dev.jaydns.plugin.PluginContext;
import dev.jaydns.plugin.PluginInstance;
import dev.jaydns.plugin.Query;
import dev.jaydns.plugin.Response;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Sends CoreDNS's random HINFO probe to this block's own listener after start. While probing, it
 * counts probes that come back; a third sighting means the query went out and came back twice,
 * i.e. a loop, and the process stops with CoreDNS's message. Once one probe gets any answer, or
 * after 30 s, the handler only passes queries on.
 */
final class LoopHandler implements PluginInstance, Handler {

  private static final Logger LOG = LoggerFactory.getLogger("plugin/loop");
  private static final long PROBE_TIMEOUT_MS = 2000;
  private static final long RETRY_PAUSE_MS = 1000;
  private static final long PROBING_WINDOW_MS = 30_000;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final LoopConfig config;
  private final String probeName;
  private final AtomicInteger seen = new AtomicInteger();
  private volatile boolean enabled = true;
  private volatile boolean stopped;
  private PluginContext context;
  private DatagramSocket socket;
  private long timer = -1;
  private InetSocketAddress target;

  LoopHandler(LoopConfig config) {
    this.config = config;
    long a = RANDOM.nextLong() & Long.MAX_VALUE;
    long b = RANDOM.nextLong() & Long.MAX_VALUE;
    this.probeName = (a + "." + b + "." + (config.zone().equals(".") ? "" : config.zone()));
  }

  /** The probe name, lowercase FQDN. */
  String probeName() {
    return probeName;
  }

  boolean enabled() {
    return enabled;
  }

  @Override
  public Handler handler() {
    return this;
  }

  @Override
  public CompletionStage<Response> handle(Query query, Chain next) {
    if (enabled && query.qtype() == Type.HINFO && query.name().equals(probeName)) {
      if (seen.incrementAndGet() > 2) {
        enabled = false;
        context.fatal(
            "loop",
            "Loop ("
                + hostPort(query.remote())
                + " -> "
                + hostPort(target)
                + ") detected for zone \""
                + config.zone()
                + "\", see https://coredns.io/plugins/loop#troubleshooting. Query: \"HINFO "
                + probeName
                + "\"");
      }
    }
    return next.handle(query);
  }

  @Override
  public CompletionStage<Void> start(PluginContext context) {
    this.context = context;
    InetSocketAddress listen = context.listenAddresses().get(0);
    InetAddress address = listen.getAddress();
    if (address.isAnyLocalAddress()) {
      address = InetAddress.getLoopbackAddress();
    }
    target = new InetSocketAddress(address, listen.getPort());
    Vertx vertx = context.vertx();
    socket = vertx.createDatagramSocket(new DatagramSocketOptions().setIpV6(address.getAddress().length == 16));
    socket.handler(packet -> answered());
    long deadline = System.nanoTime() + PROBING_WINDOW_MS * 1_000_000L;
    vertx.runOnContext(v -> probe(vertx, deadline));
    return CompletableFuture.completedFuture(null);
  }

  private void probe(Vertx vertx, long deadline) {
    if (stopped || !enabled) {
      return;
    }
    if (System.nanoTime() > deadline) {
      disable();
      return;
    }
    byte[] wire;
    try {
      Message m = Message.newQuery(Record.newRecord(Name.fromString(probeName), Type.HINFO, DClass.IN));
      wire = m.toWire();
    } catch (TextParseException e) {
      LOG.warn("cannot build the loop probe {}: {}", probeName, e.getMessage());
      disable();
      return;
    }
    int port = target.getPort();
    socket.send(Buffer.buffer(wire), port, target.getAddress().getHostAddress());
    timer =
        vertx.setTimer(
            PROBE_TIMEOUT_MS,
            id -> {
              // No answer: the probe may have been lost; start counting afresh and ask again.
              seen.set(0);
              timer = vertx.setTimer(RETRY_PAUSE_MS, id2 -> probe(vertx, deadline));
            });
  }

  private void answered() {
    disable();
  }

  private void disable() {
    enabled = false;
    if (timer >= 0 && context != null) {
      context.vertx().cancelTimer(timer);
    }
    if (socket != null) {
      socket.close();
    }
  }

  @Override
  public CompletionStage<Void> stop() {
    stopped = true;
    disable();
    return CompletableFuture.completedFuture(null);
  }

  private static String hostPort(InetSocketAddress a) {
    if (a == null) {
      return "?";
    }
    String host = a.getAddress().getHostAddress();
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
  }
}
