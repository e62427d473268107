package dev.jaydns.server.nodecache;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.concurrent.TimeUnit;

/**
 * node-cache's own {@code /metrics} listener ({@code -metrics-listen-address}, default {@code
 * 0.0.0.0:9353}), serving the process's one registry, as node-cache serves Go's default registry
 * on both its port and the {@code prometheus} plugin's.
 */
final class MetricsEndpoint {

  private final HttpServer server;

  private MetricsEndpoint(HttpServer server) {
    this.server = server;
  }

  /** Listens, or throws with the reason (the caller logs it and goes on, as node-cache does). */
  static MetricsEndpoint start(Vertx vertx, PrometheusMeterRegistry registry, String address)
      throws Exception {
    KubeDnsConfigDir.HostPort hp = KubeDnsConfigDir.HostPort.split(address);
    if (hp == null || hp.port() == null) {
      throw new IllegalArgumentException("address " + address + ": missing port in address");
    }
    int port = Integer.parseInt(hp.port());
    String host = hp.host().isEmpty() ? "0.0.0.0" : hp.host();
    HttpServer server =
        vertx
            .createHttpServer()
            .requestHandler(
                req -> {
                  if (!req.path().equals("/metrics")) {
                    req.response().setStatusCode(404).end("404 page not found\n");
                    return;
                  }
                  req.response()
                      .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                      .end(registry.scrape());
                });
    server.listen(port, host).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    return new MetricsEndpoint(server);
  }

  int port() {
    return server.actualPort();
  }

  void close() {
    server.close();
  }
}
