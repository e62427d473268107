package dev.jaydns.plugins.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import java.security.SecureRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The entries of every server block that shares one cache configuration: a success and a denial
 * cache, each bounded to its CoreDNS capacity, shared by all event loops without a global lock
 * (Caffeine: lock-free reads, W-TinyLFU eviction, and entries removed once even a stale answer
 * could no longer come from them). Each block gets its own partition of the key space, so blocks
 * share the memory budget but never each other's answers.
 */
final class CacheStore {

  /** A refresh older than this is assumed lost and no longer blocks a new one for its key. */
  static final long REFRESH_GIVE_UP_NANOS = 30_000_000_000L;

  private final Cache<Long, CacheEntry> success;
  private final Cache<Long, CacheEntry> denial;
  private final long seed;
  private final AtomicInteger partitions = new AtomicInteger();
  private final ConcurrentHashMap<Long, Long> refreshing = new ConcurrentHashMap<>();

  /**
   * @param staleSeconds how long after expiry an entry may still be served (0 without
   *     serve_stale); entries are dropped after that
   * @param maintenance where Caffeine runs its housekeeping (eviction, removal notices)
   */
  CacheStore(
      int successCapacity,
      int denialCapacity,
      long staleSeconds,
      CacheClock clock,
      Executor maintenance) {
    this.success = build(successCapacity, staleSeconds, clock, maintenance);
    this.denial = build(denialCapacity, staleSeconds, clock, maintenance);
    this.seed = new SecureRandom().nextLong();
  }

  /** A store sized for {@code config}. */
  static CacheStore of(CacheConfig config, CacheClock clock, Executor maintenance) {
    return new CacheStore(
        config.success().effectiveCapacity(),
        config.denial().effectiveCapacity(),
        config.serveStale().seconds(),
        clock,
        maintenance);
  }

  private static Cache<Long, CacheEntry> build(
      int capacity, long staleSeconds, CacheClock clock, Executor maintenance) {
    return Caffeine.newBuilder()
        .maximumSize(capacity)
        .ticker(clock::nanoTime)
        .executor(maintenance)
        .expireAfter(
            new Expiry<Long, CacheEntry>() {
              @Override
              public long expireAfterCreate(Long key, CacheEntry e, long now) {
                return Math.max(0, e.storedNanos + e.lifetimeNanos(staleSeconds) - now);
              }

              @Override
              public long expireAfterUpdate(Long key, CacheEntry e, long now, long current) {
                return expireAfterCreate(key, e, now);
              }

              @Override
              public long expireAfterRead(Long key, CacheEntry e, long now, long current) {
                return current;
              }
            })
        .removalListener(
            (Long key, CacheEntry e, RemovalCause cause) -> {
              if (e != null) {
                e.owner.removed(e.isDenial(), cause == RemovalCause.SIZE);
              }
            })
        .build();
  }

  /** The seed of this store's key hash, random per store so keys cannot be aimed at one another. */
  long seed() {
    return seed;
  }

  /** A new partition of the key space, one per server block using this store. */
  int newPartition() {
    return partitions.getAndIncrement();
  }

  CacheEntry success(Long key) {
    return success.getIfPresent(key);
  }

  CacheEntry denial(Long key) {
    return denial.getIfPresent(key);
  }

  /** Stores a positive answer; it replaces any denial entry of the key. */
  void putSuccess(Long key, CacheEntry e) {
    e.owner.stored(false);
    success.put(key, e);
    denial.invalidate(key);
  }

  /** Stores a negative answer or a server error; a negative answer replaces a positive one. */
  void putDenial(Long key, CacheEntry e) {
    e.owner.stored(true);
    denial.put(key, e);
    if (!e.isServerError()) {
      success.invalidate(key);
    }
  }

  /**
   * Claims the one refresh allowed in flight for {@code key}; false when another is running (and
   * started less than {@link #REFRESH_GIVE_UP_NANOS} ago).
   */
  boolean beginRefresh(Long key, long nowNanos) {
    Long started = refreshing.putIfAbsent(key, nowNanos);
    if (started == null) {
      return true;
    }
    return nowNanos - started > REFRESH_GIVE_UP_NANOS
        && refreshing.replace(key, started, nowNanos);
  }

  /** Releases the claim {@link #beginRefresh} made at {@code startedNanos}. */
  void endRefresh(Long key, long startedNanos) {
    refreshing.remove(key, startedNanos);
  }

  /** Refreshes in flight (for tests). */
  int refreshesInFlight() {
    return refreshing.size();
  }

  /** Runs pending housekeeping now (for tests and the footprint measurement). */
  void cleanUp() {
    success.cleanUp();
    denial.cleanUp();
  }

  long successSize() {
    return success.estimatedSize();
  }

  long denialSize() {
    return denial.estimatedSize();
  }
}
