package dev.jaydns.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jaydns.plugin.HttpEndpoints;
import io.vertx.core.Vertx;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The process's shared HTTP listeners: sharing, newest route wins, close on last route, busy ports. */
class HttpEndpointRegistryTest {

  private final Vertx vertx = Vertx.vertx();
  private final HttpEndpointRegistry registry = new HttpEndpointRegistry(vertx);

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private HttpEndpoints.Route serve(String address, String path, String body) throws Exception {
    return registry
        .serve(address, path, r -> r.response().end(body))
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  @Test
  void routesOnOneAddressShareAListenerThatClosesWithTheLast() throws Exception {
    int port = HttpProbe.freePort();
    String address = "127.0.0.1:" + port;
    HttpEndpoints.Route old = serve(address, "/metrics", "old");
    HttpEndpoints.Route health = serve(address, "/health", "OK");
    HttpEndpoints.Route newer = serve(address, "/metrics", "new");
    assertThat(registry.listenerCount()).isEqualTo(1);
    assertThat(old.port()).isEqualTo(port);
    assertThat(HttpProbe.get(port, "/metrics").body()).isEqualTo("new");
    newer.close().toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertThat(HttpProbe.get(port, "/metrics").body()).isEqualTo("old");
    old.close().toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertThat(HttpProbe.get(port, "/metrics").status()).isEqualTo(404);
    assertThat(HttpProbe.get(port, "/health").body()).isEqualTo("OK");
    health.close().toCompletableFuture().get(5, TimeUnit.SECONDS);
    health.close().toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertThat(registry.listenerCount()).isZero();
    assertThatThrownBy(() -> HttpProbe.get(port, "/health")).isInstanceOf(ConnectException.class);
    // The address can be served again once its listener closed.
    serve(address, "/health", "again");
    assertThat(HttpProbe.get(port, "/health").body()).isEqualTo("again");
  }

  @Test
  void aBusyPortFailsTheRegistration() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      assertThatThrownBy(() -> serve("127.0.0.1:" + busy.getLocalPort(), "/metrics", "x"))
          .hasMessageContaining("cannot listen on 127.0.0.1:" + busy.getLocalPort());
      assertThat(registry.listenerCount()).isZero();
    }
  }

  @Test
  void aMalformedAddressFails() {
    assertThatThrownBy(() -> serve("localhost", "/metrics", "x"))
        .hasMessageContaining("address localhost: missing port in address");
  }
}
