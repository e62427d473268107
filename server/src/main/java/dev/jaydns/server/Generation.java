package dev.jaydns.server;

import dev.jaydns.corefile.Corefile;
import dev.jaydns.plugin.PluginContext;
import dev.jaydns.plugin.PluginInstance;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One loaded Corefile: its configured blocks, their plugin instances and the router of every
 * listener it names. Listeners belong to the process and outlive generations; a reload builds a
 * new generation, starts it, points the listeners at it, lets the old one's queries finish, then
 * stops the old one.
 */
final class Generation {

  private static final Logger LOG = LoggerFactory.getLogger("jay");

  private final Corefile corefile;
  private final List<ConfiguredBlock> blocks;
  private final Map<ListenerKey, ZoneRouter> routers;
  private final Map<String, Object> shared = new ConcurrentHashMap<>();
  private final LongAdder inFlight = new LongAdder();
  private final List<PluginInstance> started = new ArrayList<>();

  Generation(Corefile corefile, List<ConfiguredBlock> blocks, Map<ListenerKey, ZoneRouter> routers) {
    this.corefile = corefile;
    this.blocks = List.copyOf(blocks);
    this.routers = Map.copyOf(routers);
  }

  Corefile corefile() {
    return corefile;
  }

  List<ConfiguredBlock> blocks() {
    return blocks;
  }

  Map<ListenerKey, ZoneRouter> routers() {
    return routers;
  }

  /**
   * The {@code reload} settings in force: those of the last block that has them (the setting is
   * process-wide, the last one wins as in CoreDNS), or null when no block has {@code reload}.
   */
  dev.jaydns.plugin.BlockSettings reloadSettings() {
    dev.jaydns.plugin.BlockSettings found = null;
    for (ConfiguredBlock b : blocks) {
      if (b.settings().reloadInterval() != null) {
        found = b.settings();
      }
    }
    return found;
  }

  /** A query entered this generation's chains. */
  void enter() {
    inFlight.increment();
  }

  /** A query left this generation's chains (answered or failed). */
  void leave() {
    inFlight.decrement();
  }

  /** Queries inside this generation's chains now. */
  long inFlight() {
    return inFlight.sum();
  }

  /**
   * Starts every plugin instance, block by block in chain order. If one fails, the ones already
   * started are stopped and the stage fails.
   */
  CompletionStage<Void> start(Vertx vertx, MeterRegistry registry, Consumer<String> fatal) {
    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
    for (ConfiguredBlock block : blocks) {
      PluginContext context = new BlockContext(vertx, registry, block, fatal);
      for (int i = 0; i < block.instances().size(); i++) {
        PluginInstance instance = block.instances().get(i);
        String name = block.pluginNames().get(i);
        chain =
            chain.thenCompose(
                x -> {
                  synchronized (started) {
                    started.add(instance);
                  }
                  return instance
                      .start(context)
                      .exceptionally(
                          e -> {
                            throw new IllegalStateException(
                                "plugin/" + name + ": failed to start: " + rootMessage(e), e);
                          })
                      .toCompletableFuture();
                });
      }
    }
    CompletableFuture<Void> result = new CompletableFuture<>();
    chain.whenComplete(
        (ok, error) -> {
          if (error == null) {
            result.complete(null);
          } else {
            stop().whenComplete((x, y) -> result.completeExceptionally(error));
          }
        });
    return result;
  }

  /** Stops every started instance, in reverse order; failures are logged, not propagated. */
  CompletionStage<Void> stop() {
    List<PluginInstance> toStop;
    synchronized (started) {
      toStop = new ArrayList<>(started);
      started.clear();
    }
    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
    for (int i = toStop.size() - 1; i >= 0; i--) {
      PluginInstance instance = toStop.get(i);
      chain =
          chain.thenCompose(
              x -> {
                try {
                  return instance
                      .stop()
                      .exceptionally(
                          e -> {
                            LOG.warn("a plugin failed to stop: {}", rootMessage(e));
                            return null;
                          })
                      .toCompletableFuture();
                } catch (RuntimeException e) {
                  LOG.warn("a plugin failed to stop: {}", e.toString());
                  return CompletableFuture.completedFuture(null);
                }
              });
    }
    return chain;
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while ((t instanceof java.util.concurrent.CompletionException
            || t instanceof java.util.concurrent.ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() != null ? t.getMessage() : t.toString();
  }

  /** What a plugin instance of one block sees when it starts. */
  private final class BlockContext implements PluginContext {
    private final Vertx vertx;
    private final MeterRegistry registry;
    private final ConfiguredBlock block;
    private final Consumer<String> fatal;

    BlockContext(Vertx vertx, MeterRegistry registry, ConfiguredBlock block, Consumer<String> fatal) {
      this.vertx = vertx;
      this.registry = registry;
      this.block = block;
      this.fatal = fatal;
    }

    @Override
    public void fatal(String plugin, String message) {
      fatal.accept("plugin/" + plugin + ": " + message);
    }

    @Override
    public Vertx vertx() {
      return vertx;
    }

    @Override
    public MeterRegistry meterRegistry() {
      return registry;
    }

    @Override
    public List<String> zones() {
      return block.zones();
    }

    @Override
    public List<InetSocketAddress> listenAddresses() {
      return block.listeners().stream().map(ListenerKey::socketAddress).toList();
    }

    @Override
    public List<String> servers() {
      return block.listeners().stream().map(ListenerKey::label).toList();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T shared(String key, Supplier<T> factory) {
      return (T) shared.computeIfAbsent(key, k -> factory.get());
    }
  }
}
