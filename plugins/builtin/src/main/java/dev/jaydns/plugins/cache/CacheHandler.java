package dev.jaydns.plugins.cache;

import dev.jaydns.plugin.Chain;
import dev.jaydns.plugin.Handler;
import dev.jaydns.plugin.MalformedQueryException;
import dev.jaydns.plugin.Query;
import dev.jaydns.plugin.Response;
import dev.jaydns.plugin.Transport;
import dev.jaydns.plugin.wire.MalformedMessageException;
import dev.jaydns.plugin.wire.Wire;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The cache's chain element for one server block. A hit is answered from the stored bytes (see
 * {@link StoredReply#answer}); a miss goes down the chain and the reply is classified, stored and
 * passed on with every TTL set to the cached duration (CoreDNS's caching writer). Popular entries
 * near expiry, and stale entries served under {@code serve_stale}, are refreshed in the background
 * with one refresh in flight per key.
 */
final class CacheHandler implements Handler {

  private static final Logger LOG = LoggerFactory.getLogger("plugin/cache");
  private static final int RCODE_NXDOMAIN = 3;

  private final CacheConfig config;
  private final ZoneSet zones;
  private final ZoneSet disabledSuccess;
  private final ZoneSet disabledDenial;
  private final CacheStore store;
  private final int partition;
  private final CacheMetrics metrics;
  private final CacheClock clock;
  private final Executor refreshes;
  private final HitRules rules;

  /**
   * @param refreshes where a background refresh starts: after the answer to the query that
   *     triggered it has been handed back
   */
  CacheHandler(
      CacheConfig config,
      CacheStore store,
      CacheMetrics metrics,
      CacheClock clock,
      Executor refreshes) {
    this.config = config;
    this.zones = new ZoneSet(config.zones());
    this.disabledSuccess = new ZoneSet(config.disable().success());
    this.disabledDenial = new ZoneSet(config.disable().denial());
    this.store = store;
    this.partition = store.newPartition();
    this.metrics = metrics;
    this.clock = clock;
    this.refreshes = refreshes;
    this.rules = HitRules.of(config);
  }

  @Override
  public CompletionStage<Response> handle(Query q, Chain next) {
    if (q.opcode() != 0 || !zones.contains(q)) {
      return next.handle(q);
    }
    CacheMetrics.ServerMeters m = metrics.forServer(q.server() == null ? "" : q.server());
    m.requests.increment();
    long key = key(q);
    long now = clock.nanoTime();
    CacheHit hit = store.success(key, q, partition, now, rules);
    boolean denial = false;
    if (hit == null) {
      hit = store.denial(key, q, partition, now, rules);
      denial = true;
    }
    if (hit == null) {
      m.misses.increment();
      return next.handle(q).thenApply(r -> afterMiss(q, key, r, m));
    }
    (denial ? m.hitsDenial : m.hitsSuccess).increment();
    if (hit.stale) {
      return serveStale(q, key, hit, next, m, now);
    }
    if (hit.prefetch) {
      refresh(q, key, hit, next, m, now);
    }
    return CompletableFuture.completedFuture(Response.ofFitted(hit.answer));
  }

  private long key(Query q) {
    return QuestionKey.hash(
        store.seed(),
        q.wire(),
        Wire.HEADER_LENGTH,
        q.questionEnd(),
        q.dnssecOk(),
        q.checkingDisabled(),
        partition);
  }

  private CompletionStage<Response> serveStale(
      Query q, long key, CacheHit stale, Chain next, CacheMetrics.ServerMeters m, long now) {
    if (config.serveStale().verify()) {
      return next.handle(q)
          .handle(
              (r, err) -> {
                if (err == null
                    && r != null
                    && r.isWritten()
                    && (r.rcode() == 0 || r.rcode() == RCODE_NXDOMAIN)) {
                  return afterMiss(q, key, r, m);
                }
                m.servedStale.increment();
                return Response.ofFitted(stale.answer);
              });
    }
    refresh(q, key, stale, next, m, now);
    m.servedStale.increment();
    return CompletableFuture.completedFuture(Response.ofFitted(stale.answer));
  }

  /**
   * Starts a background refresh of the entry {@code hit} came from unless one is in flight for
   * the key. It runs after the current answer is handed back, so the query that triggered it is
   * not delayed.
   */
  private void refresh(
      Query q, long key, CacheHit hit, Chain next, CacheMetrics.ServerMeters m, long now) {
    if (!store.beginRefresh(key, now)) {
      return;
    }
    m.prefetch.increment();
    try {
      int hits = hit.hits;
      refreshes.execute(() -> runRefresh(q, key, hits, next, m, now));
    } catch (RuntimeException ex) {
      store.endRefresh(key, now);
      LOG.debug("could not schedule a refresh of {}: {}", q, ex.toString());
    }
  }

  private void runRefresh(
      Query q, long key, int hits, Chain next, CacheMetrics.ServerMeters m, long started) {
    CompletionStage<Response> stage;
    Query rq;
    try {
      rq = refreshQuery(q);
      stage = next.handle(rq);
    } catch (RuntimeException | MalformedQueryException ex) {
      store.endRefresh(key, started);
      LOG.debug("refresh of {} failed: {}", q, ex.toString());
      return;
    }
    stage.whenComplete(
        (r, err) -> {
          try {
            if (err == null && r != null && r.isWritten()) {
              ScannedReply s = ScannedReply.scan(r.wire(), rq, clock);
              absorb(rq, key, s, m, hits);
            }
          } catch (MalformedMessageException | RuntimeException ex) {
            LOG.debug("refresh of {} gave an unusable reply: {}", q, ex.toString());
          } finally {
            store.endRefresh(key, started);
          }
        });
  }

  /**
   * The query a refresh sends: the triggering query's bytes (question, flags, EDNS options) with a
   * fresh ID, over TCP as CoreDNS's prefetch does. TCP also means the refreshed answer arrives
   * whole: a truncated answer cannot be stored, so a UDP refresh of a large answer would never
   * refresh it.
   */
  private static Query refreshQuery(Query q) throws MalformedQueryException {
    byte[] wire = q.copyWire();
    Wire.put16(wire, 0, ThreadLocalRandom.current().nextInt(0x10000));
    return Query.decode(wire, Transport.TCP, q.remote(), q.server());
  }

  /**
   * CoreDNS's caching writer: classify, store, and hand the reply on with every TTL set to the
   * cached duration and AD cleared for clients that asked for neither DO nor AD. The reply's
   * bytes are patched in place: they belong to this response.
   */
  private Response afterMiss(Query q, long key, Response r, CacheMetrics.ServerMeters m) {
    if (r == null || !r.isWritten()) {
      return r;
    }
    byte[] wire = r.wire();
    ScannedReply s;
    try {
      s = ScannedReply.scan(wire, q, clock);
    } catch (MalformedMessageException e) {
      return r;
    }
    int duration = duration(s);
    absorb(q, key, s, m, 0);
    for (int i = 0; i < s.ttlCount; i++) {
      Wire.put32(wire, s.ttlOffsets[i], duration);
    }
    if (!q.dnssecOk() && !q.authenticData()) {
      Wire.put16(wire, 2, Wire.flags(wire) & ~Wire.FLAG_AD);
    }
    return r;
  }

  /**
   * Stores a reply if CoreDNS would. A SERVFAIL does not replace a servable answer that is not
   * itself a failure (coredns#7956, deckhouse#14836).
   *
   * @param hits prefetch popularity carried over from the entry a refresh replaces
   */
  private void absorb(Query q, long key, ScannedReply s, CacheMetrics.ServerMeters m, int hits) {
    int duration = duration(s);
    if (!s.kind.cacheable() || s.truncated() || duration <= 0) {
      return;
    }
    if (!s.matches) {
      m.drops.increment();
      return;
    }
    if ((s.kind.isDenial() ? disabledDenial : disabledSuccess).contains(q)) {
      return;
    }
    long now = clock.nanoTime();
    if (s.kind == ReplyKind.SERVER_ERROR && store.holdsGoodAnswer(key, q, partition, now)) {
      return;
    }
    ScannedReply stored = s.optLast ? s : withoutOpt(s, q);
    if (stored == null) {
      return;
    }
    store.put(key, stored, q, now, duration, partition, m, hits);
  }

  /** The cached duration of a reply, in seconds: CoreDNS's {@code computeTTL} per kind. */
  private int duration(ScannedReply s) {
    long ttl;
    switch (s.kind) {
      case NAME_ERROR, NO_DATA -> ttl = clamp(s.messageTtl, config.denial());
      case SERVER_ERROR -> ttl = config.servfail().getSeconds();
      default -> ttl = clamp(s.messageTtl, config.success());
    }
    return (int) Math.min(ttl, Integer.MAX_VALUE);
  }

  private static long clamp(long ttl, CacheConfig.Bucket b) {
    long t = Math.max(ttl, b.minttl());
    return Math.min(t, b.ttl());
  }

  /**
   * The rare reply whose OPT record is not its last record: re-encoded without it by dnsjava, so
   * the stored bytes and their compression pointers stay consistent.
   */
  private ScannedReply withoutOpt(ScannedReply s, Query q) {
    try {
      Message m = new Message(s.wire);
      for (int section : new int[] {Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL}) {
        for (Record r : m.getSection(section)) {
          if (r.getType() == Type.OPT) {
            m.removeRecord(r, section);
          }
        }
      }
      ScannedReply again = ScannedReply.scan(m.toWire(), q, clock);
      return again.optLast && again.optStart < 0 ? again : null;
    } catch (IOException | MalformedMessageException | RuntimeException e) {
      return null;
    }
  }
}
