package dev.jaydns.plugin;

import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.CompletionStage;

/**
 * The process's HTTP listeners, shared by the plugins that serve HTTP ({@code prometheus}, {@code
 * health}, {@code ready}): one listener per address for every registration naming it, whatever
 * block or configuration the registration comes from.
 *
 * <p>Listeners belong to the process, not to a configuration. A reload starts the new
 * configuration before it stops the old one, so an address both name keeps its listener (and its
 * open connections) across the reload, and an address only the old one named closes when the old
 * one stops. A listener closes when its last route is closed.
 */
public interface HttpEndpoints {

  /**
   * Serves {@code path} (exact match, query string ignored) on {@code address}. Several routes may
   * name one path on one address (a path registered by four blocks, or by the old and the new
   * configuration during a reload): the most recent open one serves it. Any other path gets 404.
   *
   * @param address CoreDNS's {@code HOST:PORT}: {@code :9253} (every interface), {@code
   *     localhost:9153}, {@code 127.0.0.1:0} (an ephemeral port, for tests)
   * @param handler called on an event loop for each request; must not block
   * @return the route once the listener is bound; fails when the address cannot be bound, which
   *     fails the plugin's start (and with it the start or reload of the configuration)
   */
  CompletionStage<Route> serve(
      String address, String path, io.vertx.core.Handler<HttpServerRequest> handler);

  /** One path served on one address. */
  interface Route extends Registration {

    /** The port the listener bound: the address's, or the ephemeral one for port 0. */
    int port();
  }
}
