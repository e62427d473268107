package dev.jaydns.plugins.loadbalance;

import dev.jaydns.plugin.Handler;
import dev.jaydns.plugin.PluginContext;
import dev.jaydns.plugin.PluginInstance;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code loadbalance} directive at run time. With the {@code weighted} policy, the weight
 * file is read on start (off the event loop) and checked every {@code reload} period on a Vert.x
 * timer; a file that does not parse at start fails the start, later it is logged and the old
 * weights stay. A missing file at start is a warning when it will be checked again, else an
 * error.
 */
final class LoadbalanceInstance implements PluginInstance {

  private static final Logger LOG = LoggerFactory.getLogger("plugin/loadbalance");

  private final LoadbalanceConfig config;
  private final LoadbalanceHandler handler;
  private final AtomicBoolean reading = new AtomicBoolean();
  private Vertx vertx;
  private long timer = -1;

  LoadbalanceInstance(LoadbalanceConfig config) {
    this.config = config;
    this.handler = new LoadbalanceHandler(config);
  }

  @Override
  public Handler handler() {
    return handler;
  }

  @Override
  public CompletionStage<Void> start(PluginContext context) {
    WeightFile file = handler.weightFile();
    if (file == null) {
      return CompletableFuture.completedFuture(null);
    }
    vertx = context.vertx();
    long period = config.reload().toMillis();
    return vertx
        .executeBlocking(
            () -> {
              try {
                file.refresh();
              } catch (WeightFile.OpenException e) {
                if (period == 0) {
                  throw new IllegalStateException("plugin/loadbalance: " + e.getMessage(), e);
                }
                LOG.warn("Failed to open weight file:{}. Will try again in {}", e.getMessage(),
                    dev.jaydns.plugin.GoDuration.format(config.reload()));
              } catch (IllegalArgumentException e) {
                throw new IllegalStateException("plugin/loadbalance: " + e.getMessage(), e);
              }
              return null;
            },
            false)
        .toCompletionStage()
        .thenAccept(
            ignored -> {
              if (period > 0) {
                timer = vertx.setPeriodic(period, id -> check(file));
              }
            });
  }

  private void check(WeightFile file) {
    // A slow disk must not pile up reads: skip a tick while the previous read runs.
    if (!reading.compareAndSet(false, true)) {
      return;
    }
    vertx
        .executeBlocking(
            () -> {
              try {
                file.refresh();
              } catch (WeightFile.OpenException | IllegalArgumentException e) {
                LOG.error(e.getMessage());
              }
              return null;
            },
            false)
        .onComplete(r -> reading.set(false));
  }

  @Override
  public CompletionStage<Void> stop() {
    if (vertx != null && timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    return CompletableFuture.completedFuture(null);
  }
}
