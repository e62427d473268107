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
 * {@link CacheEntry#answer}); a miss goes down the chain and the reply is classified, stored and
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
  private final long staleSeconds;
  private final long prefetchWindowNanos;

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
    this.staleSeconds = config.serveStale().seconds();
    this.prefetchWindowNanos = config.prefetch().duration().toNanos();
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
    CacheEntry e = usable(store.success(key, now), q, now);
    if (e == null) {
      e = usable(store.denial(key, now), q, now);
    }
    if (e == null) {
      m.misses.increment();
      return next.handle(q).thenApply(r -> afterMiss(q, key, r, m));
    }
    (e.isDenial() ? m.hitsDenial : m.hitsSuccess).increment();
    long remaining = e.remaining(now);
    if (remaining <= 0) {
      return serveStale(q, key, e, next, m, now);
    }
    if (shouldPrefetch(e, remaining, now)) {
      refresh(q, key, e, next, m, now);
    }
    return answer(q, e, config.keepttl() ? e.duration : remaining);
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

  private CacheEntry usable(CacheEntry e, Query q, long now) {
    return e != null && e.matches(q, partition) && e.usable(now, staleSeconds) ? e : null;
  }

  private static CompletionStage<Response> answer(Query q, CacheEntry e, long ttl) {
    return CompletableFuture.completedFuture(Response.ofFitted(e.answer(q, ttl)));
  }

  /** CoreDNS's {@code shouldPrefetch}: popular enough, and within the last PERCENTAGE of its TTL. */
  private boolean shouldPrefetch(CacheEntry e, long remaining, long now) {
    CacheConfig.Prefetch p = config.prefetch();
    if (!p.enabled()) {
      return false;
    }
    int hits = e.countHit(now, prefetchWindowNanos);
    long threshold = ((long) p.percentage() * e.duration + 99) / 100;
    return hits >= p.amount() && remaining <= threshold;
  }

  private CompletionStage<Response> serveStale(
      Query q, long key, CacheEntry e, Chain next, CacheMetrics.ServerMeters m, long now) {
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
                return Response.ofFitted(e.answer(q, 0));
              });
    }
    refresh(q, key, e, next, m, now);
    m.servedStale.increment();
    return answer(q, e, 0);
  }

  /**
   * Starts a background refresh of {@code e} unless one is in flight for the key. It runs after
   * the current answer is handed back, so the query that triggered it is not delayed.
   */
  private void refresh(
      Query q, long key, CacheEntry e, Chain next, CacheMetrics.ServerMeters m, long now) {
    if (!store.beginRefresh(key, now)) {
      return;
    }
    m.prefetch.increment();
    try {
      refreshes.execute(() -> runRefresh(q, key, e, next, m, now));
    } catch (RuntimeException ex) {
      store.endRefresh(key, now);
      LOG.debug("could not schedule a refresh of {}: {}", q, ex.toString());
    }
  }

  private void runRefresh(
      Query q, long key, CacheEntry old, Chain next, CacheMetrics.ServerMeters m, long started) {
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
              ScannedReply s = ScannedReply.scan(r.wire(), rq, clock.epochSeconds());
              CacheEntry fresh = absorb(rq, key, s, m);
              if (fresh != null) {
                fresh.inheritHits(old, clock.nanoTime());
              }
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
      s = ScannedReply.scan(wire, q, clock.epochSeconds());
    } catch (MalformedMessageException e) {
      return r;
    }
    int duration = duration(s);
    absorb(q, key, s, m);
    for (int i = 0; i < s.ttlCount; i++) {
      Wire.put32(wire, s.ttlOffsets[i], duration);
    }
    if (!q.dnssecOk() && !q.authenticData()) {
      Wire.put16(wire, 2, Wire.flags(wire) & ~Wire.FLAG_AD);
    }
    return r;
  }

  /** Stores a reply if CoreDNS would, returning the new entry, or null. */
  private CacheEntry absorb(Query q, long key, ScannedReply s, CacheMetrics.ServerMeters m) {
    int duration = duration(s);
    if (!s.kind.cacheable() || s.truncated() || duration <= 0) {
      return null;
    }
    if (!s.matches) {
      m.drops.increment();
      return null;
    }
    boolean denial = s.kind.isDenial();
    if ((denial ? disabledDenial : disabledSuccess).contains(q)) {
      return null;
    }
    long now = clock.nanoTime();
    if (s.kind == ReplyKind.SERVER_ERROR && shadowsGoodData(key, q, now)) {
      return null;
    }
    ScannedReply stored = s.optLast ? s : withoutOpt(s, q);
    if (stored == null) {
      return null;
    }
    CacheEntry e = CacheEntry.of(stored, q, now, duration, partition, m);
    if (denial) {
      store.putDenial(key, e);
    } else {
      store.putSuccess(key, e);
    }
    return e;
  }

  /**
   * True when a servable answer that is not itself a failure is stored for the key: a SERVFAIL
   * must not replace it (coredns#7956, deckhouse#14836).
   */
  private boolean shadowsGoodData(long key, Query q, long now) {
    if (usable(store.success(key, now), q, now) != null) {
      return true;
    }
    CacheEntry d = usable(store.denial(key, now), q, now);
    return d != null && !d.isServerError();
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
      ScannedReply again = ScannedReply.scan(m.toWire(), q, clock.epochSeconds());
      return again.optLast && again.optStart < 0 ? again : null;
    } catch (IOException | MalformedMessageException | RuntimeException e) {
      return null;
    }
  }
}
