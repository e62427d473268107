package dev.jaydns.plugins.forward;

import dev.jaydns.plugin.Chain;
import dev.jaydns.plugin.Query;
import dev.jaydns.plugin.Response;
import dev.jaydns.plugins.forward.upstream.Dialer;
import dev.jaydns.plugins.forward.upstream.HealthChecker;
import dev.jaydns.plugins.forward.upstream.Proto;
import dev.jaydns.plugins.forward.upstream.Upstream;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Rcode;

/**
 * One {@code forward} line at work: matches the query against FROM and {@code except}, enforces
 * {@code max_concurrent}, shares one upstream exchange among identical queries in flight, and
 * hands {@code next} rcodes and non-matching queries to the following {@code forward} line (or the
 * rest of the chain).
 */
final class ForwardHandler {

  private static final Logger LOG = LoggerFactory.getLogger("plugin/forward");

  private final ForwardConfig config;
  /** FROM is the root and nothing is excepted: every name matches, none needs to be built. */
  private final boolean matchesEverything;
  private final ForwardTiming timing;
  private final AtomicInteger concurrent = new AtomicInteger();
  private final AtomicInteger roundRobin = new AtomicInteger();
  private final ConcurrentHashMap<CoalesceKey, Resolution> inflight = new ConcurrentHashMap<>();
  private volatile ForwardHandler nextForward;
  private volatile List<Upstream> upstreams = List.of();
  /** Per TO: the upstreams it stands for now (one for an address, the nameservers of a file). */
  private final List<List<Upstream>> perTarget = new ArrayList<>();
  private ForwardMetrics metrics;
  private Dialer dialer;
  private EventLoopGroup loops;
  private Vertx vertx;

  ForwardHandler(ForwardConfig config, ForwardTiming timing) {
    this.config = config;
    this.matchesEverything = config.from().equals(".") && config.except().isEmpty();
    this.timing = timing;
  }

  ForwardConfig config() {
    return config;
  }

  ForwardTiming timing() {
    return timing;
  }

  ForwardMetrics metrics() {
    return metrics;
  }

  void nextForward(ForwardHandler next) {
    this.nextForward = next;
  }

  /** The upstreams in use now, in Corefile order. */
  List<Upstream> upstreams() {
    return upstreams;
  }

  /** Opens nothing yet: sockets are opened by the first query on each event loop. */
  synchronized void start(Vertx vertx, Dialer dialer, ForwardMetrics metrics) {
    this.vertx = vertx;
    this.dialer = dialer;
    this.metrics = metrics;
    this.loops = ((io.vertx.core.internal.VertxInternal) vertx).nettyEventLoopGroup();
    for (ForwardTarget t : config.to()) {
      List<Upstream> list = new ArrayList<>();
      if (t instanceof ForwardTarget.Address a) {
        String name = a.serverName() != null ? a.serverName() : config.tlsServername();
        list.add(newUpstream(a.address(), a.tls(), name));
      } else if (t instanceof ForwardTarget.ResolvConf r) {
        for (InetSocketAddress ns : r.nameservers()) {
          list.add(newUpstream(ns, false, null));
        }
      }
      perTarget.add(list);
    }
    rebuild();
  }

  private Upstream newUpstream(InetSocketAddress address, boolean tls, String serverName) {
    Upstream u =
        new Upstream(address, tls, serverName, dialer, metrics.upstream(Upstream.label(address)));
    if (config.maxFails() != 0) {
      u.checker(
          new HealthChecker(
              u,
              loops.next(),
              config.healthCheck().domain(),
              !config.healthCheck().noRec(),
              config.forceTcp() ? Proto.TCP : Proto.UDP,
              config.healthCheck().interval().toNanos(),
              timing.healthCheckTimeout().toNanos()));
    }
    return u;
  }

  private void rebuild() {
    List<Upstream> all = new ArrayList<>();
    for (List<Upstream> l : perTarget) {
      all.addAll(l);
    }
    upstreams = List.copyOf(all);
  }

  /**
   * Replaces the upstreams of TO number {@code target} (a resolv.conf file that changed), keeping
   * those whose address stays and retiring the others: queries already sent to them still get
   * their answers.
   */
  synchronized void replaceTarget(int target, List<InetSocketAddress> nameservers) {
    List<Upstream> old = perTarget.get(target);
    List<Upstream> fresh = new ArrayList<>();
    for (InetSocketAddress ns : nameservers) {
      Upstream keep = null;
      for (Upstream u : old) {
        if (u.address().equals(ns)) {
          keep = u;
          break;
        }
      }
      fresh.add(keep != null ? keep : newUpstream(ns, false, null));
    }
    perTarget.set(target, fresh);
    rebuild();
    for (Upstream u : old) {
      if (!fresh.contains(u)) {
        u.retire();
      }
    }
  }

  synchronized void stop() {
    for (List<Upstream> l : perTarget) {
      for (Upstream u : l) {
        u.close();
      }
    }
  }

  /** Whether this line handles {@code name}: FROM or below, and not under an {@code except} name. */
  boolean matches(String name) {
    String from = config.from();
    if (!isSubdomain(name, from)) {
      return false;
    }
    if (name.equals(from)) {
      return true;
    }
    for (String ex : config.except()) {
      if (isSubdomain(name, ex)) {
        return false;
      }
    }
    return true;
  }

  static boolean isSubdomain(String name, String zone) {
    if (zone.equals(".")) {
      return true;
    }
    return name.equals(zone)
        || (name.endsWith(zone) && name.charAt(name.length() - zone.length() - 1) == '.');
  }

  CompletionStage<Response> handle(Query query, Chain chain) {
    if (!matchesEverything && !matches(query.name())) {
      return passOn(query, chain);
    }
    int max = config.maxConcurrent();
    if (max > 0 && concurrent.incrementAndGet() > max) {
      concurrent.decrementAndGet();
      metrics.maxConcurrentReject();
      return Response.failed(
          Rcode.REFUSED, new ForwardException("concurrent queries exceeded maximum " + max));
    }
    Resolution r = resolve(query);
    CompletableFuture<Outcome> outcome = r.result();
    if (max > 0) {
      outcome = outcome.whenComplete((o, e) -> concurrent.decrementAndGet());
    }
    ForwardHandler next = nextForward;
    if (next == null || config.next().isEmpty()) {
      return outcome.thenApply(o -> o.toResponse(query, r.exclusive(query)));
    }
    return outcome.thenCompose(
        o -> {
          if (o.isReply() && config.next().contains(o.rcode())) {
            return next.handle(query, chain);
          }
          return CompletableFuture.completedFuture(o.toResponse(query, r.exclusive(query)));
        });
  }

  private CompletionStage<Response> passOn(Query query, Chain chain) {
    ForwardHandler next = nextForward;
    return next != null ? next.handle(query, chain) : chain.handle(query);
  }

  /** The resolution answering {@code query}: one in flight for the same question, or a new one. */
  private Resolution resolve(Query query) {
    CoalesceKey key = CoalesceKey.of(query);
    if (key != null) {
      Resolution shared = inflight.get(key);
      if (shared != null && shared.join()) {
        return shared;
      }
    }
    EventLoop here = currentLoop();
    EventLoop loop = here != null ? here : loops.next();
    Resolution r = new Resolution(this, query, loop, ordered(), key);
    if (key != null) {
      Resolution raced = inflight.putIfAbsent(key, r);
      if (raced != null && raced.join()) {
        return raced;
      }
      if (raced != null) {
        inflight.replace(key, raced, r);
      }
    }
    if (here != null) {
      r.start();
    } else {
      loop.execute(r::start);
    }
    return r;
  }

  /** A resolution is about to complete: queries arriving from now on start their own. */
  void finished(CoalesceKey key, Resolution r) {
    inflight.remove(key, r);
  }

  /** The upstreams in the order this query tries them. */
  List<Upstream> ordered() {
    List<Upstream> list = upstreams;
    int n = list.size();
    if (n <= 1) {
      return list;
    }
    switch (config.policy()) {
      case SEQUENTIAL:
        return list;
      case ROUND_ROBIN:
        {
          int first = Math.floorMod(roundRobin.getAndIncrement(), n);
          List<Upstream> out = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            out.add(list.get((first + i) % n));
          }
          return out;
        }
      default:
        {
          List<Upstream> out = new ArrayList<>(list);
          ThreadLocalRandom rnd = ThreadLocalRandom.current();
          for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            Upstream t = out.get(i);
            out.set(i, out.get(j));
            out.set(j, t);
          }
          return out;
        }
    }
  }

  /**
   * The event loop running this thread when it is one of Vert.x's: a UDP listener's Netty channel
   * runs there without a Vert.x context, and missing it would send every such query through the
   * task queue of a loop picked round-robin (another core, on a multi-loop server).
   */
  private EventLoop currentLoop() {
    EventExecutor executor = ThreadExecutorMap.currentExecutor();
    if (executor instanceof EventLoop loop && executor.parent() == loops && loop.inEventLoop()) {
      return loop;
    }
    ContextInternal ctx = (ContextInternal) Vertx.currentContext();
    if (ctx == null) {
      return null;
    }
    EventLoop loop = ctx.nettyEventLoop();
    return loop != null && loop.inEventLoop() ? loop : null;
  }

  Vertx vertx() {
    return vertx;
  }

  /** Logs a resolv.conf reload. */
  static void logReload(String file, List<InetSocketAddress> servers) {
    LOG.info("Reloaded upstreams from {}: {}", file, servers.stream().map(Upstream::label).toList());
  }
}
