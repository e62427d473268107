package dev.jaydns.plugins.forward;

import dev.jaydns.plugin.Handler;
import dev.jaydns.plugin.PluginContext;
import dev.jaydns.plugin.PluginInstance;
import dev.jaydns.plugins.forward.upstream.Dialer;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The {@code forward} lines of one server block, chained in Corefile order: a query the first
 * line does not handle goes to the second, and so on; the last passes it to the rest of the chain.
 */
final class ForwardInstance implements PluginInstance {

  private final List<ForwardHandler> lines = new ArrayList<>();
  private final List<ResolvConfWatcher> watchers = new ArrayList<>();
  private final Handler handler;

  ForwardInstance(List<ForwardConfig> configs, ForwardTiming timing) {
    for (ForwardConfig c : configs) {
      lines.add(new ForwardHandler(c, timing));
    }
    for (int i = 0; i + 1 < lines.size(); i++) {
      lines.get(i).nextForward(lines.get(i + 1));
    }
    ForwardHandler first = lines.get(0);
    this.handler = first::handle;
  }

  ForwardInstance(List<ForwardConfig> configs) {
    this(configs, ForwardTiming.DEFAULT);
  }

  @Override
  public Handler handler() {
    return handler;
  }

  /** The lines, for tests. */
  List<ForwardHandler> lines() {
    return lines;
  }

  @Override
  public CompletionStage<Void> start(PluginContext context) {
    Vertx vertx = context.vertx();
    ForwardMetrics metrics = new ForwardMetrics(context.meterRegistry());
    // Reading TLS key material is file I/O: keep it off the event loop.
    return vertx
        .<List<Dialer>>executeBlocking(
            () -> {
              List<Dialer> dialers = new ArrayList<>();
              for (ForwardHandler h : lines) {
                ForwardConfig c = h.config();
                dialers.add(
                    new Dialer(vertx, sslContext(c), c.expire(), h.timing().readTimeout()));
              }
              return dialers;
            })
        .map(
            dialers -> {
              for (int i = 0; i < lines.size(); i++) {
                ForwardHandler h = lines.get(i);
                h.start(vertx, dialers.get(i), metrics);
                List<ForwardTarget> to = h.config().to();
                for (int t = 0; t < to.size(); t++) {
                  if (to.get(t) instanceof ForwardTarget.ResolvConf r) {
                    ResolvConfWatcher w = new ResolvConfWatcher(vertx, h, t, r);
                    watchers.add(w);
                    w.start(h.timing().resolvConfPoll());
                  }
                }
              }
              return (Void) null;
            })
        .toCompletionStage();
  }

  @Override
  public CompletionStage<Void> stop() {
    for (ResolvConfWatcher w : watchers) {
      w.stop();
    }
    for (ForwardHandler h : lines) {
      h.stop();
    }
    return CompletableFuture.completedFuture(null);
  }

  /** The client TLS context of a line with {@code tls://} upstreams, or null. */
  static SslContext sslContext(ForwardConfig c) throws Exception {
    boolean anyTls = false;
    for (ForwardTarget t : c.to()) {
      anyTls |= t instanceof ForwardTarget.Address a && a.tls();
    }
    if (!anyTls) {
      return null;
    }
    SslContextBuilder b = SslContextBuilder.forClient().sslProvider(SslProvider.JDK);
    ForwardConfig.Tls tls = c.tls();
    if (tls != null) {
      if (tls.ca() != null) {
        b.trustManager(tls.ca().toFile());
      }
      if (tls.cert() != null) {
        b.keyManager(tls.cert().toFile(), tls.key().toFile());
      }
    }
    return b.build();
  }
}
