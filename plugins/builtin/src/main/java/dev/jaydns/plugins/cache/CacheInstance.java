package dev.jaydns.plugins.cache;

import dev.jaydns.plugin.Chain;
import dev.jaydns.plugin.Handler;
import dev.jaydns.plugin.PluginContext;
import dev.jaydns.plugin.PluginInstance;
import dev.jaydns.plugin.Query;
import dev.jaydns.plugin.Response;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The {@code cache} plugin of one server block. Start finds (or makes) the store shared by every
 * block of this configuration generation with the same cache settings, and registers the block's
 * meters; stop removes its gauges. Cache content is not carried across reloads.
 */
public final class CacheInstance implements PluginInstance {

  private final CacheConfig config;
  private final CacheClock clock;
  private final Executor refreshes;
  private final Handler entry = this::handleOrPass;
  private volatile CacheHandler handler;
  private CacheMetrics metrics;

  /** The instance {@code setup} makes: real clock, refreshes on the calling event loop. */
  public CacheInstance(CacheConfig config) {
    this(config, CacheClock.SYSTEM, null);
  }

  /**
   * An instance with injected time and refresh executor (tests, benchmarks).
   *
   * @param refreshes where background refreshes start; null for the calling Vert.x context
   */
  public CacheInstance(CacheConfig config, CacheClock clock, Executor refreshes) {
    this.config = config;
    this.clock = clock;
    this.refreshes = refreshes;
  }

  public CacheConfig config() {
    return config;
  }

  @Override
  public Handler handler() {
    return entry;
  }

  @Override
  public CompletionStage<Void> start(PluginContext context) {
    CacheStore store =
        context.shared(config.storeKey(), () -> CacheStore.of(config));
    CacheMetrics m = new CacheMetrics(context.meterRegistry(), config.zones(), "");
    for (String server : context.servers()) {
      m.forServer(server);
    }
    metrics = m;
    Executor r = refreshes != null ? refreshes : onEventLoop(context.vertx());
    handler = new CacheHandler(config, store, m, clock, r);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletionStage<Void> stop() {
    handler = null;
    CacheMetrics m = metrics;
    if (m != null) {
      m.close();
    }
    return CompletableFuture.completedFuture(null);
  }

  private CompletionStage<Response> handleOrPass(
      Query q, Chain next) {
    CacheHandler h = handler;
    return h != null ? h.handle(q, next) : next.handle(q);
  }

  /**
   * Runs a task after the current event-loop task (which hands the triggering query its answer),
   * on the same event loop; off an event loop, on one of Vert.x's.
   */
  private static Executor onEventLoop(Vertx vertx) {
    return task -> {
      Context c = Vertx.currentContext();
      if (c != null) {
        c.runOnContext(v -> task.run());
      } else if (vertx != null) {
        vertx.runOnContext(v -> task.run());
      } else {
        task.run();
      }
    };
  }
}
