package dev.jaydns.plugins.cache;

import dev.jaydns.plugin.Query;
import java.security.SecureRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The entries of every server block that shares one cache configuration: a success and a denial
 * cache ({@link EntryTable}: CoreDNS's 256 shards of fixed size), shared by all event loops. Each
 * block gets its own partition of the key space, so blocks share the memory budget but never each
 * other's answers.
 */
final class CacheStore {

  /** A refresh older than this is assumed lost and no longer blocks a new one for its key. */
  static final long REFRESH_GIVE_UP_NANOS = 30_000_000_000L;

  private final EntryTable success;
  private final EntryTable denial;
  private final long seed;
  private final AtomicInteger partitions = new AtomicInteger();
  private final ConcurrentHashMap<Long, Long> refreshing = new ConcurrentHashMap<>();

  /**
   * @param staleSeconds how long after expiry an entry may still be served (0 without
   *     serve_stale); after that it is dead, and removed when met
   */
  CacheStore(int successCapacity, int denialCapacity, long staleSeconds) {
    this.success = new EntryTable(successCapacity, staleSeconds, false);
    this.denial = new EntryTable(denialCapacity, staleSeconds, true);
    this.seed = new SecureRandom().nextLong();
  }

  /** A store sized for {@code config}. */
  static CacheStore of(CacheConfig config) {
    return new CacheStore(
        config.success().effectiveCapacity(),
        config.denial().effectiveCapacity(),
        config.serveStale().seconds());
  }

  /** The seed of this store's key hash, random per store so keys cannot be aimed at one another. */
  long seed() {
    return seed;
  }

  /** A new partition of the key space, one per server block using this store. */
  int newPartition() {
    return partitions.getAndIncrement();
  }

  /** The positive answer to {@code query} stored under {@code key}, or null. */
  CacheHit success(long key, Query query, int partition, long nowNanos, HitRules rules) {
    return success.lookup(key, query, partition, nowNanos, rules);
  }

  /** The negative answer or cached server error for {@code query} under {@code key}, or null. */
  CacheHit denial(long key, Query query, int partition, long nowNanos, HitRules rules) {
    return denial.lookup(key, query, partition, nowNanos, rules);
  }

  /**
   * True when an answer that may be served and is not itself a server error is stored for {@code
   * query}: a SERVFAIL must not replace it.
   */
  boolean holdsGoodAnswer(long key, Query query, int partition, long nowNanos) {
    return success.probe(key, query, partition, nowNanos) != EntryTable.ABSENT
        || denial.probe(key, query, partition, nowNanos) == EntryTable.ANSWER;
  }

  /**
   * Stores {@code reply} (whose OPT record, if any, is its last) for {@code query}: a positive
   * answer replaces any denial entry of the key, a negative answer any positive one; a server
   * error replaces only a denial entry.
   *
   * @param hits prefetch popularity carried over from the entry this one refreshes (0 for none)
   */
  void put(
      long key,
      ScannedReply reply,
      Query query,
      long nowNanos,
      int duration,
      int partition,
      CacheMetrics.ServerMeters owner,
      int hits) {
    boolean negative = reply.kind.isDenial();
    owner.stored(negative);
    if (negative) {
      denial.put(key, reply, query, nowNanos, duration, partition, owner, hits);
      if (reply.kind != ReplyKind.SERVER_ERROR) {
        success.remove(key);
      }
    } else {
      success.put(key, reply, query, nowNanos, duration, partition, owner, hits);
      denial.remove(key);
    }
  }

  /**
   * Claims the one refresh allowed in flight for {@code key}; false when another is running (and
   * started less than {@link #REFRESH_GIVE_UP_NANOS} ago).
   */
  boolean beginRefresh(long key, long nowNanos) {
    Long started = refreshing.putIfAbsent(key, nowNanos);
    if (started == null) {
      return true;
    }
    return nowNanos - started > REFRESH_GIVE_UP_NANOS
        && refreshing.replace(key, started, nowNanos);
  }

  /** Releases the claim {@link #beginRefresh} made at {@code startedNanos}. */
  void endRefresh(long key, long startedNanos) {
    refreshing.remove(key, startedNanos);
  }

  /** Refreshes in flight (for tests). */
  int refreshesInFlight() {
    return refreshing.size();
  }

  long successSize() {
    return success.size();
  }

  long denialSize() {
    return denial.size();
  }
}
