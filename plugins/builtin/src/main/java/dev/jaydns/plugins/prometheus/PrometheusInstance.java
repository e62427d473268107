package dev.jaydns.plugins.prometheus;

import dev.jaydns.plugin.Handler;
import dev.jaydns.plugin.PluginContext;
import dev.jaydns.plugin.PluginInstance;
import dev.jaydns.plugin.Registration;
import dev.jaydns.plugin.ServerMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One block's {@code prometheus}: at start it resolves the block's per-query meters, sets {@code
 * coredns_plugin_enabled} for the block's chain, and adds a {@code /metrics} route to the
 * process's listener for the address (one listener for every block and configuration naming it).
 */
final class PrometheusInstance implements PluginInstance {

  private final PrometheusConfig config;
  private final PrometheusHandler handler;
  private final List<Registration> registrations = new ArrayList<>();

  PrometheusInstance(PrometheusConfig config) {
    this.config = config;
    this.handler = new PrometheusHandler(config.zones());
  }

  @Override
  public Handler handler() {
    return handler;
  }

  @Override
  public CompletionStage<Void> start(PluginContext context) {
    ServerMetrics metrics = context.serverMetrics();
    handler.start(metrics, context.servers());
    synchronized (registrations) {
      for (String server : context.servers()) {
        for (String zone : context.zones()) {
          for (String plugin : context.plugins()) {
            registrations.add(metrics.pluginEnabled(server, zone, "", plugin));
          }
        }
      }
    }
    return context
        .http()
        .serve(config.address(), "/metrics", metrics.scrapeHandler())
        .thenAccept(
            route -> {
              synchronized (registrations) {
                registrations.add(route);
              }
            });
  }

  @Override
  public CompletionStage<Void> stop() {
    List<Registration> toClose;
    synchronized (registrations) {
      toClose = new ArrayList<>(registrations);
      registrations.clear();
    }
    CompletableFuture<?>[] closes =
        toClose.stream().map(r -> r.close().toCompletableFuture()).toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(closes);
  }
}
