package dev.jaydns.plugins.cache;

/**
 * What a cache lookup found: the answer, made while the entry's shard was locked (its bytes may
 * move once the lock is released), and what the handler decides the rest with.
 */
final class CacheHit {

  /** The answer, every TTL already set: what is left, the stored TTL, or 0 when stale. */
  final byte[] answer;
  /** Expired, but within the serve_stale window. */
  final boolean stale;
  /** Popular and near expiry: the entry should be refreshed in the background. */
  final boolean prefetch;
  /** The entry's prefetch popularity, carried over to the entry that refreshes it. */
  final int hits;

  CacheHit(byte[] answer, boolean stale, boolean prefetch, int hits) {
    this.answer = answer;
    this.stale = stale;
    this.prefetch = prefetch;
    this.hits = hits;
  }
}
