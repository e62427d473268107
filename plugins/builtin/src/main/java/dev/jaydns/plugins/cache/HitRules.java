package dev.jaydns.plugins.cache;

/**
 * How a server block's cache serves a hit: the TTL it writes and when a hit asks for a prefetch
 * (CoreDNS's {@code shouldPrefetch}: at least {@code prefetchAmount} hits with no gap longer than
 * the window, and within the last {@code prefetchPercentage} of the TTL).
 *
 * @param keepTtl answer with the stored TTL instead of what is left of it
 * @param prefetchAmount hits needed for a prefetch; 0 when prefetch is off
 */
record HitRules(
    boolean keepTtl, int prefetchAmount, long prefetchWindowNanos, int prefetchPercentage) {

  static HitRules of(CacheConfig config) {
    CacheConfig.Prefetch p = config.prefetch();
    return new HitRules(
        config.keepttl(),
        p.amount(),
        p.duration().toNanos(),
        p.percentage());
  }
}
