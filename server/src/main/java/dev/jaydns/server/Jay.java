package dev.jaydns.server;

import dev.jaydns.corefile.Corefile;
import dev.jaydns.plugin.GoDuration;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.epoll.Epoll;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Jay process: one Vert.x instance, one metrics registry, the plugin registry, the listeners
 * (owned here, outliving configurations) and the generation that serves.
 *
 * <p>Starting and reloading follow one path: build the new generation (pure setup, may fail with
 * nothing changed), open the listeners it adds, start its plugins, point every listener at it in
 * one step, then retire the old generation once its queries have finished, and close listeners
 * it no longer names.
 */
public final class Jay {

  private static final Logger LOG = LoggerFactory.getLogger("jay");

  private final JayOptions options;
  private final Vertx vertx;
  private final boolean epoll;
  private final PrometheusMeterRegistry registry;
  private final PluginRegistry plugins;
  private final CoreMetrics metrics;
  private final RequestMetrics requestMetrics;
  private final HttpEndpointRegistry http;
  private final ProcessLifecycle lifecycle = new ProcessLifecycle();
  private final Map<ListenerKey, Listener> listeners = new LinkedHashMap<>();
  private Generation current;
  private volatile Consumer<String> fatal = Jay::exitFatally;
  private CompletableFuture<Void> stopping;

  private Jay(JayOptions options, PluginRegistry plugins) {
    this.options = options;
    this.plugins = plugins;
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    VertxOptions vertxOptions =
        new VertxOptions()
            .setEventLoopPoolSize(options.eventLoops())
            .setPreferNativeTransport(true)
            .setMetricsOptions(
                // The only HTTP client is health's probe of its own endpoint: its series would
                // say nothing, and registering them logged a duplicate-gauge warning at start.
                new MicrometerMetricsOptions()
                    .setEnabled(true)
                    .addDisabledMetricsCategory(MetricsDomain.HTTP_CLIENT));
    this.vertx =
        Vertx.builder()
            .with(vertxOptions)
            .withMetrics(new MicrometerMetricsFactory(registry))
            .build();
    this.epoll = vertx.isNativeTransportEnabled() && Epoll.isAvailable();
    this.requestMetrics = new RequestMetrics(registry, vertx);
    this.metrics = new CoreMetrics(registry, requestMetrics);
    this.http = new HttpEndpointRegistry(vertx);
  }

  /** Creates the process: loads the plugins (from the class path and the plugins folder). */
  public static Jay create(JayOptions options) throws StartupException {
    return new Jay(options, PluginRegistry.load(options.pluginsDir()));
  }

  PluginRegistry plugins() {
    return plugins;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public Vertx vertx() {
    return vertx;
  }

  /** True when UDP runs on native epoll with a socket per event loop. */
  public boolean nativeTransport() {
    return epoll;
  }

  /**
   * What happens when a plugin reports a fatal condition (a forwarding loop): by default, CoreDNS's
   * {@code [FATAL]} line and exit status 1. Tests that run Jay in-process record it instead.
   */
  void onFatal(Consumer<String> handler) {
    this.fatal = handler;
  }

  private static void exitFatally(String message) {
    System.out.println("[FATAL] " + message);
    System.out.flush();
    // Halt rather than exit: shutdown hooks would drain and keep answering, which is what a
    // detected loop must not do.
    Runtime.getRuntime().halt(1);
  }

  /** Builds a generation from a Corefile without opening anything: what {@code validate} runs. */
  Generation build(Corefile corefile) throws StartupException {
    return new GenerationBuilder(plugins, options.directory()).build(corefile);
  }

  /** Starts serving {@code corefile}; for a running process this is a reload. */
  public synchronized CompletionStage<Void> start(Corefile corefile) {
    Generation next;
    try {
      next = build(corefile);
    } catch (StartupException e) {
      return CompletableFuture.failedFuture(e);
    }
    return apply(next);
  }

  private synchronized CompletionStage<Void> apply(Generation next) {
    Generation previous = current;
    List<Listener> added = new ArrayList<>();
    CompletableFuture<Void> opened = CompletableFuture.completedFuture(null);
    for (Map.Entry<ListenerKey, ZoneRouter> e : next.routers().entrySet()) {
      if (!listeners.containsKey(e.getKey())) {
        Listener l = newListener(e.getKey(), new RouterHolder(e.getValue(), next));
        added.add(l);
        opened = opened.thenCompose(x -> l.open().toCompletableFuture());
      }
    }
    ProcessServices services =
        new ProcessServices(
            vertx,
            registry,
            requestMetrics,
            http,
            lifecycle,
            key -> boundPort(key, added),
            m -> fatal.accept(m));
    return opened
        .thenCompose(x -> next.start(services).toCompletableFuture())
        .handle(
            (ok, error) -> {
              if (error != null) {
                for (Listener l : added) {
                  l.close();
                }
                throw error instanceof java.util.concurrent.CompletionException ce
                    ? ce
                    : new java.util.concurrent.CompletionException(error);
              }
              swap(next, added);
              return null;
            })
        .thenCompose(x -> retire(previous));
  }

  private synchronized void swap(Generation next, List<Listener> added) {
    for (Listener l : added) {
      listeners.put(l.key(), l);
    }
    for (Map.Entry<ListenerKey, ZoneRouter> e : next.routers().entrySet()) {
      listeners.get(e.getKey()).routes().set(e.getValue(), next);
    }
    current = next;
    for (Listener l : added) {
      l.resume();
    }
    if (added.size() > 0) {
      printListeners(added);
    }
  }

  /** Lets the old generation's queries finish, stops it, and closes listeners nobody names now. */
  private CompletionStage<Void> retire(Generation old) {
    if (old == null) {
      return CompletableFuture.completedFuture(null);
    }
    List<Listener> unused = new ArrayList<>();
    synchronized (this) {
      for (var it = listeners.entrySet().iterator(); it.hasNext(); ) {
        var e = it.next();
        if (!current.routers().containsKey(e.getKey())) {
          unused.add(e.getValue());
          it.remove();
        }
      }
    }
    for (Listener l : unused) {
      l.pause();
    }
    return drain(old)
        .thenCompose(x -> old.stop())
        .thenCompose(
            x -> {
              CompletableFuture<?>[] closes =
                  unused.stream().map(l -> l.close().toCompletableFuture()).toArray(CompletableFuture[]::new);
              return CompletableFuture.allOf(closes);
            });
  }

  /** Completes when the generation has no query in flight, or after the grace period. */
  private CompletableFuture<Void> drain(Generation g) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    long deadline = System.nanoTime() + options.shutdownGrace().toNanos();
    Runnable[] check = new Runnable[1];
    check[0] =
        () -> {
          if (g.inFlight() <= 0 || System.nanoTime() > deadline) {
            done.complete(null);
          } else {
            vertx.setTimer(20, id -> check[0].run());
          }
        };
    check[0].run();
    return done;
  }

  private Listener newListener(ListenerKey key, RouterHolder holder) {
    QueryProcessor processor = new QueryProcessor(key, holder, metrics);
    int sockets = options.eventLoops();
    UdpListener udp =
        new UdpListener(((VertxInternal) vertx).nettyEventLoopGroup(), epoll, sockets, key, processor);
    ConfiguredBlock any = null;
    for (ConfiguredBlock b : holder.current().generation().blocks()) {
      if (b.listeners().contains(key)) {
        any = b;
        break;
      }
    }
    TcpListener.TcpSettings tcp =
        new TcpListener.TcpSettings(
            any.settings().tcpReadTimeout(),
            any.settings().tcpIdleTimeout(),
            options.maxTcpConnections());
    return new Listener(key, holder, udp, new TcpListener(vertx, sockets, key, processor, tcp));
  }

  /** The generation serving now, or null before the first start and after stop. */
  synchronized Generation current() {
    return current;
  }

  /** The port {@code key}'s listener bound, among the open ones and those a start just opened. */
  private synchronized int boundPort(ListenerKey key, List<Listener> added) {
    for (Listener l : added) {
      if (l.key().equals(key)) {
        return l.port();
      }
    }
    Listener l = listeners.get(key);
    return l != null ? l.port() : key.port();
  }

  /** The process's HTTP listeners (prometheus, health, ready). */
  HttpEndpointRegistry http() {
    return http;
  }

  /** The port a listener actually bound, for a Corefile that asked for port 0 (tests). */
  public synchronized int boundPort(String host, int configuredPort) {
    Listener l = listeners.get(new ListenerKey(host, configuredPort));
    if (l == null) {
      throw new IllegalArgumentException("no listener on " + host + ":" + configuredPort);
    }
    return l.port();
  }

  /**
   * Stops gracefully, as SIGTERM does: mark the process as shutting down ({@code ready} answers
   * 503), keep answering DNS for the longest lameduck a plugin registered, then stop reading, let
   * queries in flight finish (up to the grace period), stop the plugins (their HTTP listeners
   * close), close the listeners and Vert.x. Calling it again returns the same stage.
   */
  public CompletionStage<Void> stop() {
    return stop(() -> {});
  }

  /**
   * {@link #stop()}, running {@code afterLameduck} between the lameduck and the end of serving:
   * node-local mode removes its iptables rules there, so traffic keeps reaching Jay for the whole
   * lameduck, as node-cache does. The callback may block; it runs on a thread of its own.
   */
  public synchronized CompletionStage<Void> stop(Runnable afterLameduck) {
    if (stopping != null) {
      return stopping;
    }
    lifecycle.beginShutdown();
    ProcessLifecycle.Lameduck lameduck = lifecycle.longestLameduck();
    CompletableFuture<Void> waited = new CompletableFuture<>();
    if (lameduck == null) {
      waited.complete(null);
    } else {
      LoggerFactory.getLogger("plugin/" + lameduck.plugin)
          .info("Going into lameduck mode for {}", GoDuration.format(lameduck.period));
      vertx.setTimer(Math.max(1, lameduck.period.toMillis()), id -> waited.complete(null));
    }
    stopping =
        waited
            .thenRunAsync(afterLameduck, r -> new Thread(r, "jay-after-lameduck").start())
            .exceptionally(
                e -> {
                  LOG.error("shutdown: {}", Generation.rootMessage(e));
                  return null;
                })
            .thenCompose(x -> stopServing());
    return stopping;
  }

  /** The longest lameduck registered now (zero without one): how long {@link #stop} waits first. */
  Duration lameduck() {
    ProcessLifecycle.Lameduck l = lifecycle.longestLameduck();
    return l == null ? Duration.ZERO : l.period;
  }

  private CompletableFuture<Void> stopServing() {
    Generation g;
    List<Listener> all;
    synchronized (this) {
      g = current;
      current = null;
      all = new ArrayList<>(listeners.values());
      listeners.clear();
    }
    for (Listener l : all) {
      l.pause();
    }
    CompletableFuture<Void> drained = g == null ? CompletableFuture.completedFuture(null) : drain(g);
    return drained
        .thenCompose(x -> g == null ? CompletableFuture.completedFuture(null) : g.stop())
        .thenCompose(
            x ->
                CompletableFuture.allOf(
                    all.stream().map(l -> l.close().toCompletableFuture()).toArray(CompletableFuture[]::new)))
        .thenCompose(x -> vertx.close().toCompletionStage())
        .whenComplete((x, e) -> registry.close())
        .toCompletableFuture();
  }

  private void printListeners(List<Listener> added) {
    List<String> lines = new ArrayList<>();
    for (Listener l : added) {
      l.routes().current().router().zones().keySet().stream()
          .sorted(Comparator.naturalOrder())
          .forEach(
              zone ->
                  lines.add(
                      zone
                          + ":"
                          + l.port()
                          + (l.key().isWildcard() ? "" : " on " + l.key().host())));
    }
    for (String line : lines) {
      Startup.print(line);
    }
  }

  /** Waits for a stage in code that may block (Main, tests). */
  static <T> T await(CompletionStage<T> stage) throws StartupException {
    return await(stage, Duration.ofSeconds(60));
  }

  /** Waits for a stage for at most {@code timeout}. */
  static <T> T await(CompletionStage<T> stage, Duration timeout) throws StartupException {
    try {
      return stage.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof StartupException se) {
        throw se;
      }
      throw new StartupException(Generation.rootMessage(e), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StartupException("interrupted", e);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new StartupException("timed out", e);
    }
  }
}
