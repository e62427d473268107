package dev.jaydns.server;

import dev.jaydns.corefile.Corefile;
import dev.jaydns.plugin.HttpEndpoints;
import dev.jaydns.plugin.Lifecycle;
import dev.jaydns.plugin.PluginContext;
import dev.jaydns.plugin.PluginInstance;
import dev.jaydns.plugin.Readiness;
import dev.jaydns.plugin.ServerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
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
  CompletionStage<Void> start(ProcessServices services) {
    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
    for (ConfiguredBlock block : blocks) {
      for (int i = 0; i < block.instances().size(); i++) {
        PluginInstance instance = block.instances().get(i);
        String name = block.pluginNames().get(i);
        PluginContext context = new BlockContext(services, block, name);
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

  /** What one plugin instance of one block sees when it starts. */
  private final class BlockContext implements PluginContext {
    private final ProcessServices services;
    private final ConfiguredBlock block;
    private final String plugin;

    BlockContext(ProcessServices services, ConfiguredBlock block, String plugin) {
      this.services = services;
      this.block = block;
      this.plugin = plugin;
    }

    @Override
    public void fatal(String plugin, String message) {
      services.fatal().accept("plugin/" + plugin + ": " + message);
    }

    @Override
    public Vertx vertx() {
      return services.vertx();
    }

    @Override
    public MeterRegistry meterRegistry() {
      return services.registry();
    }

    @Override
    public List<String> zones() {
      return block.zones();
    }

    @Override
    public List<InetSocketAddress> listenAddresses() {
      return block.listeners().stream()
          .map(
              k ->
                  new InetSocketAddress(
                      k.socketAddress().getAddress(), services.boundPort().applyAsInt(k)))
          .toList();
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

    @Override
    public List<String> plugins() {
      return block.chain().plugins();
    }

    @Override
    public Map<String, Readiness> readiness() {
      Map<String, Readiness> ready = new LinkedHashMap<>();
      for (int i = 0; i < block.instances().size(); i++) {
        PluginInstance instance = block.instances().get(i);
        if (instance instanceof Readiness r) {
          ready.put(block.pluginNames().get(i), r);
        } else if (instance.handler() instanceof Readiness r) {
          ready.put(block.pluginNames().get(i), r);
        }
      }
      return ready;
    }

    @Override
    public HttpEndpoints http() {
      return services.http();
    }

    @Override
    public Lifecycle lifecycle() {
      return services.lifecycle().forPlugin(plugin);
    }

    @Override
    public ServerMetrics serverMetrics() {
      return services.requestMetrics();
    }
  }
}
