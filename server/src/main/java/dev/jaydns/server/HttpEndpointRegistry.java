package dev.jaydns.server;

import dev.jaydns.plugin.HttpAddress;
import dev.jaydns.plugin.HttpEndpoints;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's HTTP listeners ({@link HttpEndpoints}): one Vert.x HTTP server per address,
 * opened by the first route naming it and closed when its last route closes. Owned by {@link Jay},
 * so listeners outlive configurations: a reload registers the new routes before the old ones
 * close, which keeps an unchanged address bound throughout.
 */
final class HttpEndpointRegistry implements HttpEndpoints {

  private static final Logger LOG = LoggerFactory.getLogger("jay");
  /** CoreDNS's HTTP servers close connections idle, or stuck reading or writing, for 5 s. */
  private static final int IDLE_TIMEOUT_SECONDS = 5;

  private final Vertx vertx;
  /** Open or opening listeners by bind address; guarded by this. */
  private final Map<String, Endpoint> endpoints = new HashMap<>();
  /** Listeners being closed, so a new one on the same address binds only after; guarded by this. */
  private final Map<String, CompletableFuture<Void>> closing = new HashMap<>();

  HttpEndpointRegistry(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public CompletionStage<Route> serve(String address, String path, Handler<HttpServerRequest> handler) {
    HttpAddress parsed;
    try {
      parsed = HttpAddress.parse(address);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
    String key = parsed.bindHost() + "|" + parsed.port();
    Endpoint endpoint;
    RouteHandle route;
    synchronized (this) {
      endpoint = endpoints.get(key);
      if (endpoint == null) {
        endpoint = new Endpoint(key, parsed);
        endpoints.put(key, endpoint);
        endpoint.bind(closing.getOrDefault(key, CompletableFuture.completedFuture(null)));
      }
      route = new RouteHandle(endpoint, path, handler);
      endpoint.add(route);
    }
    return endpoint.bound.handle(
        (port, error) -> {
          if (error != null) {
            route.close();
            throw new CompletionException(
                new IllegalStateException(
                    "cannot listen on " + parsed + ": " + Generation.rootMessage(error), error));
          }
          return route;
        });
  }

  /** Number of open listeners, for tests. */
  synchronized int listenerCount() {
    return endpoints.size();
  }

  private synchronized CompletionStage<Void> remove(RouteHandle route) {
    Endpoint endpoint = route.endpoint;
    endpoint.routes.remove(route);
    endpoint.publish();
    if (!endpoint.routes.isEmpty() || endpoints.get(endpoint.key) != endpoint) {
      return CompletableFuture.completedFuture(null);
    }
    endpoints.remove(endpoint.key);
    CompletableFuture<Void> closed = endpoint.close();
    closing.put(endpoint.key, closed);
    closed.whenComplete(
        (x, e) -> {
          synchronized (HttpEndpointRegistry.this) {
            closing.remove(endpoint.key, closed);
          }
        });
    return closed;
  }

  private synchronized void forget(Endpoint endpoint) {
    endpoints.remove(endpoint.key, endpoint);
  }

  /** One listening address and the routes it serves. */
  private final class Endpoint {
    final String key;
    final HttpAddress address;
    final CompletableFuture<Integer> bound = new CompletableFuture<>();
    /** Every open route, oldest first; guarded by the registry. */
    final List<RouteHandle> routes = new ArrayList<>();
    /** The newest route of each path: read by requests without a lock, replaced on each change. */
    volatile Map<String, Handler<HttpServerRequest>> byPath = Map.of();
    HttpServer server;

    Endpoint(String key, HttpAddress address) {
      this.key = key;
      this.address = address;
    }

    void add(RouteHandle route) {
      routes.add(route);
      publish();
    }

    void publish() {
      Map<String, Handler<HttpServerRequest>> m = new HashMap<>();
      for (RouteHandle r : routes) {
        m.put(r.path, r.handler);
      }
      byPath = Map.copyOf(m);
    }

    void bind(CompletableFuture<Void> after) {
      after.whenComplete(
          (x, e) -> {
            HttpServer s =
                vertx.createHttpServer(
                    new HttpServerOptions()
                        .setIdleTimeout(IDLE_TIMEOUT_SECONDS)
                        .setCompressionSupported(true));
            s.requestHandler(this::dispatch)
                .listen(address.port(), address.bindHost())
                .onComplete(
                    ar -> {
                      if (ar.succeeded()) {
                        synchronized (HttpEndpointRegistry.this) {
                          server = s;
                        }
                        LOG.debug("HTTP listener on {} (port {})", address, s.actualPort());
                        bound.complete(s.actualPort());
                      } else {
                        forget(this);
                        bound.completeExceptionally(ar.cause());
                      }
                    });
          });
    }

    private void dispatch(HttpServerRequest request) {
      Handler<HttpServerRequest> h = byPath.get(request.path());
      if (h == null) {
        request.response().setStatusCode(404).end("404 page not found\n");
        return;
      }
      h.handle(request);
    }

    CompletableFuture<Void> close() {
      return bound.handle((port, e) -> port).thenCompose(
          port -> {
            HttpServer s;
            synchronized (HttpEndpointRegistry.this) {
              s = server;
            }
            if (s == null) {
              return CompletableFuture.completedFuture(null);
            }
            return s.close().toCompletionStage().toCompletableFuture().handle((v, err) -> null);
          });
    }
  }

  /** One registered path. */
  private final class RouteHandle implements Route {
    final Endpoint endpoint;
    final String path;
    final Handler<HttpServerRequest> handler;
    private boolean closed;
    private CompletionStage<Void> closing;

    RouteHandle(Endpoint endpoint, String path, Handler<HttpServerRequest> handler) {
      this.endpoint = endpoint;
      this.path = path;
      this.handler = handler;
    }

    @Override
    public int port() {
      return endpoint.bound.join();
    }

    @Override
    public CompletionStage<Void> close() {
      synchronized (HttpEndpointRegistry.this) {
        if (closed) {
          return closing;
        }
        closed = true;
        closing = remove(this);
        return closing;
      }
    }
  }
}
