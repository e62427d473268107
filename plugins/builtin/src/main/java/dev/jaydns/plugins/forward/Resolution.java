package dev.jaydns.plugins.forward;

import dev.jaydns.plugin.Query;
import dev.jaydns.plugin.Transport;
import dev.jaydns.plugin.wire.MalformedMessageException;
import dev.jaydns.plugin.wire.Wire;
import dev.jaydns.plugins.forward.upstream.ExchangeCallback;
import dev.jaydns.plugins.forward.upstream.Proto;
import dev.jaydns.plugins.forward.upstream.Upstream;
import io.netty.channel.EventLoop;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.Rcode;

/**
 * One query's way through the upstreams of a {@code forward} line, CoreDNS's per-query loop: try
 * the upstreams in policy order, skipping those marked down (unless all are), until one answers or
 * the budget is spent. A UDP answer with TC=1 is asked again over TCP from the same upstream, so
 * the chain receives the whole answer. Runs on one event loop, one attempt at a time.
 */
final class Resolution implements ExchangeCallback {

  /** The EDNS buffer Jay advertises upstream when the client speaks EDNS (DNS Flag Day 2020). */
  static final int UPSTREAM_EDNS_SIZE = 1232;
  /**
   * Without {@code max_connect_attempts}, a query tries each upstream at most this often: CoreDNS
   * retries until its 5 s budget is spent, which for an upstream that fails fast (refused, bad
   * TLS) is a busy loop (coredns#4544); three 2 s attempts still fill the budget for a silent one.
   */
  static final int ATTEMPTS_PER_UPSTREAM = 3;

  private final ForwardHandler handler;
  private final Query query;
  private final EventLoop loop;
  private final byte[] request;
  private final Proto proto;
  private final List<Upstream> order;
  private final long deadline;
  private final CompletableFuture<Outcome> result = new CompletableFuture<>();
  /** Under which identical queries share this resolution; null when they do not. */
  private final CoalesceKey key;
  /** Queries that joined this resolution after the one that started it. */
  private final AtomicInteger joiners = new AtomicInteger();
  /** Whether {@link #request} went out once already (later attempts send a copy). */
  private boolean requestSent;
  private int index;
  private int attempts;
  private Throwable lastError;
  private Upstream current;
  private Proto currentProto;
  private long attemptStart;

  Resolution(
      ForwardHandler handler, Query query, EventLoop loop, List<Upstream> order, CoalesceKey key) {
    this.handler = handler;
    this.key = key;
    this.query = query;
    this.loop = loop;
    this.order = order;
    this.request = upstreamRequest(query);
    ForwardConfig c = handler.config();
    this.proto =
        c.forceTcp()
            ? Proto.TCP
            : c.preferUdp() ? Proto.UDP : query.transport() == Transport.TCP ? Proto.TCP : Proto.UDP;
    this.deadline = System.nanoTime() + handler.timing().budget().toNanos();
  }

  /** The client's bytes, with the OPT record's UDP size set to Jay's own when there is one. */
  static byte[] upstreamRequest(Query q) {
    byte[] w = q.copyWire();
    if (q.hasEdns()) {
      try {
        int nameEnd = Wire.skipName(w, q.optOffset(), w.length);
        Wire.put16(w, nameEnd + 2, UPSTREAM_EDNS_SIZE);
      } catch (MalformedMessageException e) {
        // Query.decode walked this record already; it cannot be malformed here.
        throw new IllegalStateException(e);
      }
    }
    return w;
  }

  CompletableFuture<Outcome> result() {
    return result;
  }

  /**
   * Joins this resolution as one more query waiting for its answer; false when it has completed
   * already, so a query never gets an answer that was asked before it arrived.
   */
  boolean join() {
    // Counted before looking at the result: a join that sees it incomplete is visible to
    // exclusive() by the time the answer is handed out.
    joiners.incrementAndGet();
    if (result.isDone()) {
      joiners.decrementAndGet();
      return false;
    }
    return true;
  }

  /**
   * Whether {@code q} may take the answer's bytes without a copy: it started this resolution and
   * nobody joined, so no other response reads them.
   */
  boolean exclusive(Query q) {
    return q == query && joiners.get() == 0;
  }

  /** Starts the first attempt; must run on {@link #loop}. */
  void start() {
    next();
  }

  private void next() {
    long now = System.nanoTime();
    ForwardConfig c = handler.config();
    int cap = c.maxConnectAttempts() > 0 ? c.maxConnectAttempts() : ATTEMPTS_PER_UPSTREAM * order.size();
    if (now >= deadline || attempts >= cap) {
      fail();
      return;
    }
    Upstream u = pick();
    if (u == null) {
      fail();
      return;
    }
    attempts++;
    send(u, proto, now);
  }

  private Upstream pick() {
    int n = order.size();
    if (n == 0) {
      return null;
    }
    int maxFails = handler.config().maxFails();
    for (int i = 0; i < n; i++) {
      Upstream u = order.get(index % n);
      index++;
      if (!u.down(maxFails)) {
        return u;
      }
    }
    handler.metrics().healthcheckBroken();
    if (handler.config().failfastAllUnhealthyUpstreams()) {
      return null;
    }
    return order.get(ThreadLocalRandom.current().nextInt(n));
  }

  private void send(Upstream u, Proto p, long now) {
    current = u;
    currentProto = u.protoFor(p);
    attemptStart = now;
    long timeout = Math.min(handler.timing().readTimeout().toNanos(), deadline - now);
    // The exchange writes its ID into the bytes it sends; the first attempt may use the request
    // itself, a later one (a retry, TCP after TC) gets a copy, since the earlier one may still be
    // queued on its connection.
    byte[] bytes = requestSent ? request.clone() : request;
    requestSent = true;
    u.exchange(loop, bytes, query.questionEnd(), p, now, timeout, this);
  }

  @Override
  public void onReply(byte[] reply) {
    long now = System.nanoTime();
    int rcode = Wire.headerRcode(reply);
    handler.metrics().upstream(current.label()).observe(rcode, now - attemptStart);
    if (currentProto == Proto.UDP && (Wire.flags(reply) & Wire.FLAG_TC) != 0 && now < deadline) {
      // Jay asks again over TCP itself (CoreDNS passes TC=1 on): the chain, and the cache, get the
      // whole answer; the server truncates it for a UDP client, whose TCP retry is then a hit.
      send(current, Proto.TCP, now);
      return;
    }
    if (handler.config().failover().contains(rcode) && attempts < order.size()) {
      next();
      return;
    }
    complete(Outcome.reply(reply));
  }

  @Override
  public void onError(Throwable error) {
    // A timeout says less than why a connection failed: keep the more telling error for the log.
    if (lastError == null || !(error instanceof java.net.SocketTimeoutException)) {
      lastError = error;
    }
    if (handler.config().maxFails() != 0) {
      current.healthCheck();
    }
    next();
  }

  private void fail() {
    Throwable error = lastError != null ? lastError : new IOException("no healthy proxies");
    complete(Outcome.failure(Rcode.SERVFAIL, error));
  }

  private void complete(Outcome outcome) {
    if (key != null) {
      handler.finished(key, this);
    }
    result.complete(outcome);
  }
}
