package dev.jaydns.plugins.health;

import dev.jaydns.plugin.GoDuration;
import dev.jaydns.plugin.HttpAddress;
import dev.jaydns.plugin.HttpEndpoints;
import dev.jaydns.plugin.PluginContext;
import dev.jaydns.plugin.PluginInstance;
import dev.jaydns.plugin.Registration;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One block's {@code health}: the {@code /health} route on the process's listener for the
 * address, the lameduck registration, and CoreDNS's once-a-second self-probe of {@code /health}
 * that feeds the health metrics.
 */
final class HealthInstance implements PluginInstance {

  private static final Logger LOG = LoggerFactory.getLogger("plugin/health");
  private static final long PROBE_INTERVAL_MILLIS = 1000;
  private static final long PROBE_TIMEOUT_MILLIS = 3000;
  private static final long SLOW_PROBE_NANOS = 1_000_000_000L;

  private final HealthConfig config;
  private final List<Registration> registrations = new ArrayList<>();
  private final AtomicBoolean probing = new AtomicBoolean();
  private volatile SelfQuery selfQuery;
  private Vertx vertx;
  private HttpClient client;
  private HealthMetrics metrics;
  private long timer = -1;

  HealthInstance(HealthConfig config) {
    this.config = config;
  }

  @Override
  public CompletionStage<Void> start(PluginContext context) {
    vertx = context.vertx();
    metrics = new HealthMetrics(context.meterRegistry());
    if (!config.lameduck().isNegative() && !config.lameduck().isZero()) {
      add(context.lifecycle().lameduck(config.lameduck()));
    }
    CompletionStage<Void> ready = CompletableFuture.completedFuture(null);
    if (config.selfQuery() != null) {
      SelfQuery q =
          new SelfQuery(
              vertx, config.selfQuery(), config.selfQueryTimeout(), context.listenAddresses().get(0));
      selfQuery = q;
      ready = q.open();
    }
    return ready
        .thenCompose(x -> context.http().serve(config.address(), "/health", this::serve))
        .thenAccept(
            route -> {
              add(route);
              startProbe(route);
            });
  }

  private void serve(HttpServerRequest request) {
    SelfQuery q = selfQuery;
    if (q == null) {
      request.response().end("OK");
      return;
    }
    q.check()
        .whenComplete(
            (failure, error) -> {
              if (failure == null && error == null) {
                request.response().end("OK");
              } else {
                request
                    .response()
                    .setStatusCode(503)
                    .end(failure != null ? failure : String.valueOf(error));
              }
            });
  }

  /** CoreDNS's overload probe: GET our own /health every second and time it. */
  private synchronized void startProbe(HttpEndpoints.Route route) {
    HttpAddress address = HttpAddress.parse(config.address());
    String host = address.clientHost();
    String url = "http://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + route.port() + "/health";
    client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true));
    RequestOptions request =
        new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setHost(host)
            .setPort(route.port())
            .setURI("/health")
            .setConnectTimeout(PROBE_TIMEOUT_MILLIS)
            .setIdleTimeout(PROBE_TIMEOUT_MILLIS);
    HttpClient c = client;
    timer = vertx.setPeriodic(PROBE_INTERVAL_MILLIS, id -> probe(c, request, url));
  }

  private void probe(HttpClient c, RequestOptions request, String url) {
    if (!probing.compareAndSet(false, true)) {
      return;
    }
    long start = System.nanoTime();
    c.request(request)
        .compose(r -> r.send())
        .compose(r -> r.body().map(b -> r.statusCode()))
        .onComplete(
            ar -> {
              long elapsed = System.nanoTime() - start;
              probing.set(false);
              metrics.observe(elapsed);
              if (ar.failed()) {
                metrics.failure();
                LOG.warn("Local health request to \"{}\" failed: {}", url, ar.cause().getMessage());
              } else if (ar.result() != 200) {
                metrics.failure();
                LOG.warn("Local health request to \"{}\" answered {}", url, ar.result());
              } else if (elapsed > SLOW_PROBE_NANOS) {
                LOG.warn(
                    "Local health request to \"{}\" took more than 1s: {}",
                    url,
                    GoDuration.format(Duration.ofNanos(elapsed)));
              }
            });
  }

  private void add(Registration r) {
    synchronized (registrations) {
      registrations.add(r);
    }
  }

  @Override
  public CompletionStage<Void> stop() {
    List<CompletableFuture<Void>> closes = new ArrayList<>();
    synchronized (this) {
      if (timer >= 0) {
        vertx.cancelTimer(timer);
        timer = -1;
      }
      if (client != null) {
        closes.add(client.close().toCompletionStage().toCompletableFuture());
        client = null;
      }
    }
    synchronized (registrations) {
      for (Registration r : registrations) {
        closes.add(r.close().toCompletableFuture());
      }
      registrations.clear();
    }
    SelfQuery q = selfQuery;
    selfQuery = null;
    if (q != null) {
      closes.add(q.close().toCompletableFuture());
    }
    return CompletableFuture.allOf(closes.toArray(CompletableFuture[]::new))
        .handle((x, e) -> (Void) null);
  }
}
