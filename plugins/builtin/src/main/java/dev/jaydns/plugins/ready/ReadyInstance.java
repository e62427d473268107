package dev.jaydns.plugins.ready;

import dev.jaydns.plugin.HttpAddress;
import dev.jaydns.plugin.PluginContext;
import dev.jaydns.plugin.PluginInstance;
import dev.jaydns.plugin.Registration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One block's {@code ready}: adds the block's readiness-reporting plugins to the configuration's
 * list for the address and routes {@code /ready} to it. During a reload the new configuration's
 * route takes over as soon as it starts.
 */
final class ReadyInstance implements PluginInstance {

  private final ReadyConfig config;
  private volatile Registration route;

  ReadyInstance(ReadyConfig config) {
    this.config = config;
  }

  @Override
  public CompletionStage<Void> start(PluginContext context) {
    String key = "ready " + HttpAddress.parse(config.address());
    ReadinessList list = context.shared(key, () -> new ReadinessList(context.lifecycle()));
    context.readiness().forEach((name, r) -> list.add(name, r, config.monitor()));
    return context
        .http()
        .serve(config.address(), "/ready", list::serve)
        .thenAccept(r -> route = r);
  }

  @Override
  public CompletionStage<Void> stop() {
    Registration r = route;
    route = null;
    return r == null ? CompletableFuture.completedFuture(null) : r.close();
  }
}
