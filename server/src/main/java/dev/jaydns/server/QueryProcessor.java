package dev.jaydns.server;

import dev.jaydns.plugin.MalformedQueryException;
import dev.jaydns.plugin.Query;
import dev.jaydns.plugin.Response;
import dev.jaydns.plugin.Transport;
import dev.jaydns.plugin.UnparseableQueryException;
import java.net.InetSocketAddress;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Rcode;

/**
 * What every listener does with a packet, whatever its transport: decode it, apply the checks
 * made before any plugin (spec §5.3), route it to a server block, run the chain, fit the answer to
 * the client and hand the bytes to the transport. A packet never makes this throw: a malformed
 * one gets FORMERR, NOTIMP or silence, and a handler that throws or fails gets SERVFAIL.
 */
final class QueryProcessor {

  private static final Logger LOG = LoggerFactory.getLogger("jay");
  private static final int BADVERS = 16;

  private final ListenerKey key;
  private final String server;
  private final RouterHolder routers;
  private final CoreMetrics metrics;

  QueryProcessor(ListenerKey key, RouterHolder routers, CoreMetrics metrics) {
    this.key = key;
    this.server = key.label();
    this.routers = routers;
    this.metrics = metrics;
  }

  /**
   * Processes one packet; {@code reply} is called at most once, with the bytes to send, or with
   * null when a plugin decided the query gets no answer; possibly later and from another thread.
   * A malformed packet that deserves silence gets no call at all.
   */
  void process(byte[] packet, Transport transport, InetSocketAddress remote, Consumer<byte[]> reply) {
    Query query;
    try {
      query = Query.decode(packet, transport, remote, server);
    } catch (MalformedQueryException e) {
      if (e.reply() != null) {
        reply.accept(e.reply());
      }
      return;
    }
    if (query.hasEdns() && query.ednsVersion() != 0) {
      reply.accept(query.errorReply(BADVERS));
      return;
    }
    RouterHolder.Route route = enterCurrent();
    ZoneRouter router = route.router();
    Generation generation = route.generation();
    BlockChain block =
        query.qclass() != DClass.IN && !router.anyClass()
            ? null
            : router.route(query);
    if (block == null || block.chain() == null) {
      generation.leave();
      byte[] refused = query.errorReply(Rcode.REFUSED);
      metrics.dropped(query, Rcode.REFUSED, refused);
      reply.accept(refused);
      return;
    }
    CompletionStage<Response> stage;
    try {
      stage = block.chain().handle(query);
    } catch (RuntimeException | Error e) {
      try {
        panic(query, block, e, reply);
      } finally {
        generation.leave();
      }
      return;
    }
    if (stage instanceof CompletableFuture<Response> future && future.isDone()) {
      // Most answers (a cache hit, a hosts or template answer) are complete by now: answering
      // here saves the dependent future and the callback object whenComplete would allocate.
      Response response = null;
      Throwable error = null;
      try {
        response = future.getNow(null);
      } catch (CompletionException | CancellationException e) {
        error = e;
      }
      try {
        answer(query, block, response, error, reply);
      } finally {
        generation.leave();
      }
      return;
    }
    stage.whenComplete(
        new BiConsumer<Response, Throwable>() {
          @Override
          public void accept(Response response, Throwable error) {
            // The query stays in flight until its answer is handed to the socket: a retiring
            // generation (reload, shutdown) must not close anything before that.
            try {
              answer(query, block, response, error, reply);
            } finally {
              generation.leave();
            }
          }
        });
  }

  private void answer(
      Query query, BlockChain block, Response response, Throwable error, Consumer<byte[]> reply) {
    if (error != null || response == null) {
      panic(query, block, error, reply);
      return;
    }
    if (response.isDropped()) {
      // acl's drop: the client gets no answer at all.
      reply.accept(null);
      return;
    }
    byte[] out;
    try {
      out = ReplyFitter.fit(query, response);
    } catch (RuntimeException e) {
      panic(query, block, e, reply);
      return;
    }
    reply.accept(out);
  }

  /**
   * Enters the serving generation. A reload may swap generations between reading the route and
   * entering it; re-reading after entering closes that gap: once a retiring generation sees no
   * query in flight, no query can still enter it.
   */
  private RouterHolder.Route enterCurrent() {
    while (true) {
      RouterHolder.Route route = routers.current();
      route.generation().enter();
      if (routers.current() == route) {
        return route;
      }
      route.generation().leave();
    }
  }

  private void panic(Query query, BlockChain block, Throwable error, Consumer<byte[]> reply) {
    Throwable cause = error;
    while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof UnparseableQueryException) {
      reply.accept(query.errorReply(Rcode.FORMERR));
      return;
    }
    metrics.panic();
    String what = error == null ? "handler completed with no response" : cause.toString();
    if (block.stacktrace() && cause != null) {
      java.io.StringWriter trace = new java.io.StringWriter();
      cause.printStackTrace(new java.io.PrintWriter(trace));
      LOG.error("Recovered from panic in server: \"{}\" {}: {}\n{}", key.label(), query, what, trace);
    } else {
      LOG.error("Recovered from panic in server: \"{}\" {}: {}", key.label(), query, what);
    }
    byte[] servfail = query.errorReply(Rcode.SERVFAIL);
    metrics.dropped(query, Rcode.SERVFAIL, servfail);
    reply.accept(servfail);
  }
}
