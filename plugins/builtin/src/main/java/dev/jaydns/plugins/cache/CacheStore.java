package dev.jaydns.plugins.cache;

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

  CacheEntry success(long key, long nowNanos) {
    return success.get(key, nowNanos);
  }

  CacheEntry denial(long key, long nowNanos) {
    return denial.get(key, nowNanos);
  }

  /** Stores a positive answer; it replaces any denial entry of the key. */
  void putSuccess(long key, CacheEntry e) {
    e.owner.stored(false);
    success.put(key, e, e.storedNanos);
    denial.remove(key);
  }

  /** Stores a negative answer or a server error; a negative answer replaces a positive one. */
  void putDenial(long key, CacheEntry e) {
    e.owner.stored(true);
    denial.put(key, e, e.storedNanos);
    if (!e.isServerError()) {
      success.remove(key);
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
