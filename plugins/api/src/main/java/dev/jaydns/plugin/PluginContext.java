package dev.jaydns.plugin;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a plugin instance gets when it starts: the process's shared machinery and facts about the
 * server block it serves. Given to {@link PluginInstance#start}.
 */
public interface PluginContext {

  /** The process's Vert.x instance, for sockets, timers and {@code executeBlocking}. */
  Vertx vertx();

  /**
   * The process-wide registry every {@code /metrics} endpoint serves. Meters live for the process:
   * registering a name and tags again returns the existing meter, so counters keep counting across
   * reloads. A plugin removes on {@link PluginInstance#stop} the gauges it bound to its own state.
   */
  MeterRegistry meterRegistry();

  /** The block's zones, lowercase and fully qualified. */
  List<String> zones();

  /**
   * The addresses this block listens on, one per bind address (the wildcard address when the
   * block has no {@code bind}), with the port the listener bound (the block's port, or the
   * ephemeral one a Corefile asking for port 0 got).
   */
  List<InetSocketAddress> listenAddresses();

  /** CoreDNS's {@code server} labels of the block's listeners: {@code dns://127.0.0.1:53}, {@code dns://:53}. */
  List<String> servers();

  /**
   * One object per {@code key} for the whole configuration (every server block of this
   * generation), made by {@code factory} on first use: how several blocks share one thing (one
   * cache budget, one HTTP listener per address).
   */
  <T> T shared(String key, Supplier<T> factory);

  /**
   * Stops the process with a fatal error, as CoreDNS's {@code log.Fatal}: the server logs {@code
   * [FATAL] plugin/NAME: message} and exits with status 1. For conditions that make serving
   * dangerous, such as a forwarding loop.
   */
  void fatal(String plugin, String message);

  /**
   * The names of the block's chain handlers, in chain order (CoreDNS's {@code conf.Handlers()}):
   * what {@code coredns_plugin_enabled} lists.
   */
  default List<String> plugins() {
    throw new UnsupportedOperationException("this context does not list the block's plugins");
  }

  /**
   * The block's plugins that report readiness (their instance or handler implements {@link
   * Readiness}), by name in chain order.
   */
  default Map<String, Readiness> readiness() {
    throw new UnsupportedOperationException("this context does not offer readiness");
  }

  /** The process's shared HTTP listeners. */
  default HttpEndpoints http() {
    throw new UnsupportedOperationException("this context offers no HTTP endpoints");
  }

  /** The process's lifecycle: shutdown notice and lameduck. */
  default Lifecycle lifecycle() {
    throw new UnsupportedOperationException("this context offers no lifecycle");
  }

  /** The server's own metrics: registry exposition, per-query families, plugin_enabled. */
  default ServerMetrics serverMetrics() {
    throw new UnsupportedOperationException("this context offers no server metrics");
  }
}
