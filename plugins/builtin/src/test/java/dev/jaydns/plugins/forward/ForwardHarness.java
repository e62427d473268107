package dev.jaydns.plugins.forward;

import dev.jaydns.plugin.Chain;
import dev.jaydns.plugin.Query;
import dev.jaydns.plugin.Response;
import dev.jaydns.plugin.testkit.RecordingChain;
import dev.jaydns.plugin.testkit.TestPluginContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.Rcode;

/** Starts a forward instance from Corefile text on a Vert.x of its own and asks it queries. */
final class ForwardHarness implements AutoCloseable {

  /** Short times so fault tests stay fast: 400 ms per attempt, 1.2 s per query. */
  static final ForwardTiming FAST =
      new ForwardTiming(
          Duration.ofMillis(400), Duration.ofMillis(1200), Duration.ofMillis(200), Duration.ofMillis(100));

  final Vertx vertx;
  final MeterRegistry registry = new SimpleMeterRegistry();
  final ForwardInstance instance;
  final RecordingChain next = RecordingChain.failing(Rcode.SERVFAIL, "next reached");
  private final Context context;

  ForwardHarness(String corefile, Path dir) throws Exception {
    this(corefile, dir, FAST);
  }

  ForwardHarness(String corefile, Path dir, ForwardTiming timing) throws Exception {
    vertx = Vertx.vertx();
    instance = new ForwardPlugin().setup(ForwardCorefiles.forward(corefile, dir), timing);
    instance
        .start(new TestPluginContext(vertx, registry, List.of("."), List.of(new InetSocketAddress("127.0.0.1", 1053))))
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    context = vertx.getOrCreateContext();
  }

  /** Runs the handler on an event loop, as the server does, and waits (generously) for the answer. */
  Response ask(Query q) throws Exception {
    return askAsync(q, next).get(20, TimeUnit.SECONDS);
  }

  CompletableFuture<Response> askAsync(Query q) {
    return askAsync(q, next);
  }

  CompletableFuture<Response> askAsync(Query q, Chain chain) {
    CompletableFuture<Response> f = new CompletableFuture<>();
    context.runOnContext(
        v ->
            instance
                .handler()
                .handle(q, chain)
                .whenComplete(
                    (r, e) -> {
                      if (e != null) {
                        f.completeExceptionally(e);
                      } else {
                        f.complete(r);
                      }
                    }));
    return f;
  }

  double counter(String name, String... tags) {
    var c = registry.find(name).tags(tags).counter();
    return c == null ? 0 : c.count();
  }

  @Override
  public void close() throws java.util.concurrent.ExecutionException, java.util.concurrent.TimeoutException {
    try {
      instance.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
