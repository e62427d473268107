package dev.jaydns.plugins.hosts;

import dev.jaydns.plugin.Handler;
import dev.jaydns.plugin.PluginContext;
import dev.jaydns.plugin.PluginInstance;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One {@code hosts} directive at run time: reads the file on start (off the event loop), then
 * checks it every {@code reload} period on a Vert.x timer.
 */
final class HostsInstance implements PluginInstance {

  private final HostsConfig config;
  private final HostsSource source;
  private final HostsHandler handler;
  private final AtomicBoolean reading = new AtomicBoolean();
  private Vertx vertx;
  private long timer = -1;
  private HostsMetrics metrics;

  HostsInstance(HostsConfig config) {
    this.config = config;
    this.source = new HostsSource(config);
    this.handler = new HostsHandler(source, config);
  }

  HostsSource source() {
    return source;
  }

  @Override
  public Handler handler() {
    return handler;
  }

  @Override
  public CompletionStage<Void> start(PluginContext context) {
    vertx = context.vertx();
    metrics = context.shared("hosts/metrics", () -> new HostsMetrics(context.meterRegistry()));
    metrics.add(source);
    return vertx
        .executeBlocking(source::refresh, false)
        .toCompletionStage()
        .thenAccept(
            changed -> {
              long period = config.reload().toMillis();
              if (period > 0) {
                timer = vertx.setPeriodic(period, id -> check());
              }
            });
  }

  private void check() {
    // A slow disk must not pile up reads: skip a tick while the previous read runs.
    if (!reading.compareAndSet(false, true)) {
      return;
    }
    vertx
        .executeBlocking(source::refresh, false)
        .onComplete(r -> reading.set(false));
  }

  @Override
  public CompletionStage<Void> stop() {
    if (vertx != null && timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    if (metrics != null) {
      metrics.remove(source);
      metrics = null;
    }
    return CompletableFuture.completedFuture(null);
  }
}
