package dev.jaydns.server;

import dev.jaydns.plugin.Transport;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * TCP on one address and port (RFC 7766): 2-byte length framing, many queries in flight on one
 * connection with answers written as they complete (in any order), a read timeout for the first
 * query, an idle timeout after that, and a cap on open connections (a connection over the cap is
 * closed at once, the others are not touched). One Vert.x net server per event loop on the same
 * port; Vert.x spreads connections over them.
 */
final class TcpListener {

  /** Queries one connection may have in flight before Jay stops reading from it. */
  static final int MAX_IN_FLIGHT_PER_CONNECTION = 256;

  private final VertxInternal vertx;
  private final int instances;
  private final ListenerKey key;
  private final QueryProcessor processor;
  private final TcpSettings settings;
  private final AtomicInteger connections = new AtomicInteger();
  private final List<NetServer> servers = new ArrayList<>();
  private volatile int boundPort = -1;
  /** Completes when the listener may read queries: its configuration has started. */
  private final CompletableFuture<Void> ready = new CompletableFuture<>();

  /** Timeouts and limits of a TCP listener. */
  record TcpSettings(Duration readTimeout, Duration idleTimeout, int maxConnections) {}

  TcpListener(Vertx vertx, int instances, ListenerKey key, QueryProcessor processor, TcpSettings settings) {
    this.vertx = (VertxInternal) vertx;
    this.instances = Math.max(1, instances);
    this.key = key;
    this.processor = processor;
    this.settings = settings;
  }

  CompletionStage<Void> open(int port) {
    InetSocketAddress address = key.socketAddress();
    NetServerOptions options =
        new NetServerOptions()
            .setHost(address.getAddress().getHostAddress())
            .setPort(port)
            .setReuseAddress(true)
            .setTcpNoDelay(true)
            .setIdleTimeout((int) Math.max(1, settings.idleTimeout().toMillis()))
            .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
    CompletableFuture<Void> first = new CompletableFuture<>();
    listenOne(options, first);
    return first.thenCompose(
        x -> {
          // Further instances share the bound port; with port 0 they must ask for the real one.
          options.setPort(boundPort);
          CompletableFuture<?>[] rest = new CompletableFuture<?>[instances - 1];
          for (int i = 0; i < rest.length; i++) {
            CompletableFuture<Void> f = new CompletableFuture<>();
            listenOne(options, f);
            rest[i] = f;
          }
          return CompletableFuture.allOf(rest);
        });
  }

  private void listenOne(NetServerOptions options, CompletableFuture<Void> done) {
    Context context = vertx.createEventLoopContext();
    context.runOnContext(
        v -> {
          NetServer server = vertx.createNetServer(new NetServerOptions(options));
          server.connectHandler(this::accept);
          server
              .listen()
              .onComplete(
                  ar -> {
                    if (ar.succeeded()) {
                      synchronized (servers) {
                        servers.add(server);
                      }
                      boundPort = ar.result().actualPort();
                      done.complete(null);
                    } else {
                      done.completeExceptionally(
                          new StartupException(
                              "cannot listen on tcp " + key.label() + ": " + ar.cause().getMessage(),
                              ar.cause()));
                    }
                  });
        });
  }

  int boundPort() {
    return boundPort;
  }

  /** Lets connections read queries; until then they are accepted but not read. */
  void resume() {
    ready.complete(null);
  }

  CompletionStage<Void> close() {
    List<NetServer> toClose;
    synchronized (servers) {
      toClose = new ArrayList<>(servers);
      servers.clear();
    }
    CompletableFuture<?>[] closes = new CompletableFuture<?>[toClose.size()];
    for (int i = 0; i < toClose.size(); i++) {
      closes[i] = toClose.get(i).close().toCompletionStage().toCompletableFuture();
    }
    return CompletableFuture.allOf(closes);
  }

  private void accept(NetSocket socket) {
    if (connections.incrementAndGet() > settings.maxConnections()) {
      connections.decrementAndGet();
      socket.close();
      return;
    }
    new Connection(socket).start();
  }

  /** One client connection: splits frames, runs them concurrently, writes answers as they come. */
  private final class Connection {
    private final NetSocket socket;
    private final InetSocketAddress remote;
    private Buffer pending = Buffer.buffer();
    private int inFlight;
    private boolean paused;
    private boolean closed;
    private long firstReadTimer;
    private Context context;

    Connection(NetSocket socket) {
      this.socket = socket;
      this.remote =
          new InetSocketAddress(socket.remoteAddress().hostAddress(), socket.remoteAddress().port());
    }

    void start() {
      context = vertx.getOrCreateContext();
      if (!ready.isDone()) {
        socket.pause();
        ready.thenRun(() -> context.runOnContext(v -> socket.resume()));
      }
      socket.handler(this::onData);
      socket.closeHandler(v -> onClose());
      socket.exceptionHandler(e -> socket.close());
      firstReadTimer =
          vertx.setTimer(
              Math.max(1, settings.readTimeout().toMillis()),
              id -> {
                firstReadTimer = -1;
                socket.close();
              });
    }

    private void onData(Buffer data) {
      pending.appendBuffer(data);
      int pos = 0;
      int length = pending.length();
      while (length - pos >= 2) {
        int frame = pending.getUnsignedShort(pos);
        if (length - pos - 2 < frame) {
          break;
        }
        byte[] query = pending.getBytes(pos + 2, pos + 2 + frame);
        pos += 2 + frame;
        if (firstReadTimer >= 0) {
          vertx.cancelTimer(firstReadTimer);
          firstReadTimer = -1;
        }
        handle(query);
      }
      pending = pos == length ? Buffer.buffer() : pending.getBuffer(pos, length);
    }

    private void handle(byte[] query) {
      inFlight++;
      if (inFlight >= MAX_IN_FLIGHT_PER_CONNECTION && !paused) {
        paused = true;
        socket.pause();
      }
      processor.process(query, Transport.TCP, remote, this::reply);
    }

    private void reply(byte[] answer) {
      // Replies may come from any thread; Vert.x sockets accept writes from any thread, but the
      // counters below belong to the connection's event loop.
      if (answer != null) {
        Buffer frame = Buffer.buffer(answer.length + 2);
        frame.appendUnsignedShort(answer.length).appendBytes(answer);
        socket.write(frame);
      }
      if (Vertx.currentContext() == context) {
        done();
      } else {
        context.runOnContext(v -> done());
      }
    }

    private void done() {
      inFlight--;
      if (paused && inFlight < MAX_IN_FLIGHT_PER_CONNECTION / 2 && !closed) {
        paused = false;
        socket.resume();
      }
    }

    private void onClose() {
      closed = true;
      if (firstReadTimer >= 0) {
        vertx.cancelTimer(firstReadTimer);
      }
      connections.decrementAndGet();
    }
  }
}
