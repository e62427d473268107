package dev.jaydns.server;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A listening address and port, UDP and TCP together, owned by the process: it outlives
 * generations and routes to whichever one {@link RouterHolder} names.
 */
final class Listener {

  private final ListenerKey key;
  private final RouterHolder routes;
  private final UdpListener udp;
  private final TcpListener tcp;

  Listener(ListenerKey key, RouterHolder routes, UdpListener udp, TcpListener tcp) {
    this.key = key;
    this.routes = routes;
    this.udp = udp;
    this.tcp = tcp;
  }

  ListenerKey key() {
    return key;
  }

  RouterHolder routes() {
    return routes;
  }

  /**
   * Opens UDP, then TCP on the port UDP got. Neither reads queries until {@link #resume()}. For
   * port 0 the ephemeral port UDP got may be taken for TCP (by an outgoing connection, say): then
   * both are tried again on another port.
   */
  CompletionStage<Void> open() {
    return open(key.port() == 0 ? 20 : 1);
  }

  private CompletionStage<Void> open(int attempts) {
    return udp.open()
        .thenCompose(x -> tcp.open(udp.boundPort()))
        .handle(
            (ok, error) -> {
              if (error == null) {
                return CompletableFuture.<Void>completedFuture(null);
              }
              if (attempts <= 1) {
                return CompletableFuture.<Void>failedFuture(error);
              }
              return udp.close().thenCompose(x -> open(attempts - 1));
            })
        .thenCompose(f -> f);
  }

  /** Starts reading queries: called once the generation they go to has started. */
  void resume() {
    udp.resume();
    tcp.resume();
  }

  /** The port bound (the key's, or the ephemeral one for port 0). */
  int port() {
    return udp.boundPort();
  }

  /** Stops taking new queries; answers to those in flight still go out. */
  void pause() {
    udp.pause();
  }

  CompletionStage<Void> close() {
    return tcp.close().thenCompose(x -> udp.close());
  }
}
