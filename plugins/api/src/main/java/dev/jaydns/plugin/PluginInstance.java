package dev.jaydns.plugin;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * A plugin configured for one server block: what {@link Plugin#setup} returns. It offers a chain
 * handler, or none (plugins such as {@code bind} or {@code reload} only change settings or run
 * side services), and a lifecycle.
 *
 * <p>Order of calls: {@code setup} (pure), then {@link #start} once the whole configuration set up
 * without error, then queries, then {@link #stop} when the configuration is replaced or Jay exits.
 * A configuration that fails to start is stopped again: {@code stop} must cope with a partial
 * start.
 */
public interface PluginInstance {

  /**
   * The chain element, or {@code null} when this plugin adds none. May be called before {@link
   * #start}; it receives queries only after {@code start} completed.
   */
  default Handler handler() {
    return null;
  }

  /** Opens what the plugin needs: sockets, timers, meters, side listeners. Must not block. */
  default CompletionStage<Void> start(PluginContext context) {
    return CompletableFuture.completedFuture(null);
  }

  /** Releases everything {@link #start} opened. Queries already inside the handler may still finish. */
  default CompletionStage<Void> stop() {
    return CompletableFuture.completedFuture(null);
  }

  /** An instance that is only a chain handler and opens nothing. */
  static PluginInstance of(Handler handler) {
    return of(handler, context -> {});
  }

  /**
   * An instance that is a chain handler needing something when it starts, typically its meters
   * from {@link PluginContext#meterRegistry()}; {@code onStart} must not block.
   */
  static PluginInstance of(Handler handler, Consumer<PluginContext> onStart) {
    return new PluginInstance() {
      @Override
      public Handler handler() {
        return handler;
      }

      @Override
      public CompletionStage<Void> start(PluginContext context) {
        onStart.accept(context);
        return CompletableFuture.completedFuture(null);
      }
    };
  }
}
