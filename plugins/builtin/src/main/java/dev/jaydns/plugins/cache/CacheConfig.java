package dev.jaydns.plugins.cache;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The {@code cache} directive of one server block, as parsed: every option of CoreDNS 1.13 with its
 * default. Immutable; the field names follow the Corefile tokens.
 *
 * @param zones the zones whose names are cached (the block's zones when the directive names none)
 * @param success capacity and TTL bounds of the success (positive) cache
 * @param denial capacity and TTL bounds of the denial (negative) cache
 * @param prefetch when popular entries are refreshed before they expire
 * @param serveStale how long an expired entry may still be served, and how it is refreshed
 * @param servfail how long a SERVFAIL or NOTIMP answer is cached; zero disables that
 * @param disable zones for which one of the two caches stores nothing
 * @param keepttl serve the stored TTL instead of the remaining one
 */
public record CacheConfig(
    List<String> zones,
    Bucket success,
    Bucket denial,
    Prefetch prefetch,
    ServeStale serveStale,
    Duration servfail,
    Disable disable,
    boolean keepttl) {

  /** CoreDNS's {@code defaultCap}: entries requested per cache. */
  public static final int DEFAULT_CAPACITY = 10000;
  /** CoreDNS's {@code maxTTL}: the success cache's TTL cap. */
  public static final int DEFAULT_SUCCESS_TTL = 3600;
  /** CoreDNS's {@code maxNTTL}: the denial cache's TTL cap. */
  public static final int DEFAULT_DENIAL_TTL = 1800;
  /** CoreDNS's {@code minTTL} and {@code minNTTL}. */
  public static final int DEFAULT_MIN_TTL = 5;
  /** CoreDNS's {@code minimalDefaultTTL}: how long SERVFAIL is cached unless {@code servfail} says otherwise. */
  public static final Duration DEFAULT_SERVFAIL = Duration.ofSeconds(5);
  /** CoreDNS's shard count: capacity is rounded to a multiple of it. */
  public static final int SHARDS = 256;
  /** CoreDNS's smallest shard. */
  public static final int MIN_SHARD_SIZE = 4;

  public CacheConfig {
    zones = List.copyOf(zones);
    Objects.requireNonNull(success, "success");
    Objects.requireNonNull(denial, "denial");
    Objects.requireNonNull(prefetch, "prefetch");
    Objects.requireNonNull(serveStale, "serveStale");
    Objects.requireNonNull(servfail, "servfail");
    Objects.requireNonNull(disable, "disable");
  }

  /** The configuration CoreDNS gives a bare {@code cache} line in a block serving {@code zones}. */
  public static CacheConfig defaults(List<String> zones) {
    return new CacheConfig(
        zones,
        new Bucket(DEFAULT_CAPACITY, DEFAULT_SUCCESS_TTL, DEFAULT_MIN_TTL),
        new Bucket(DEFAULT_CAPACITY, DEFAULT_DENIAL_TTL, DEFAULT_MIN_TTL),
        Prefetch.OFF,
        ServeStale.OFF,
        DEFAULT_SERVFAIL,
        Disable.NONE,
        false);
  }

  /**
   * What decides which server blocks share one store (and so one capacity budget): the whole
   * configuration except the zones, which differ per block by construction.
   */
  public String storeKey() {
    return "cache/"
        + success
        + "/"
        + denial
        + "/"
        + prefetch
        + "/"
        + serveStale
        + "/"
        + servfail
        + "/"
        + disable
        + "/"
        + keepttl;
  }

  /**
   * Capacity and TTL bounds of one of the two caches: {@code success CAPACITY [TTL [MINTTL]]} or
   * {@code denial ...}.
   *
   * @param capacity the capacity as written (any integer; see {@link #effectiveCapacity()})
   * @param ttl the largest TTL, in seconds, that an answer is cached and served with
   * @param minttl the smallest TTL, in seconds
   */
  public record Bucket(int capacity, int ttl, int minttl) {

    /**
     * The number of entries CoreDNS really keeps: 256 shards of {@code max(capacity / 256, 4)}
     * entries, so 10000 gives 9984 and anything up to 1279 gives 1024.
     */
    public int effectiveCapacity() {
      return SHARDS * Math.max(capacity / SHARDS, MIN_SHARD_SIZE);
    }

    Bucket withCapacity(int c) {
      return new Bucket(c, ttl, minttl);
    }

    Bucket withTtl(int t) {
      return new Bucket(capacity, t, minttl);
    }

    Bucket withMinttl(int m) {
      return new Bucket(capacity, ttl, m);
    }
  }

  /**
   * {@code prefetch AMOUNT [DURATION [PERCENTAGE%]]}: an entry hit at least {@code amount} times,
   * with no gap of {@code duration} or more between hits, is refreshed in the background once its
   * remaining TTL falls to {@code percentage} percent of its original TTL.
   */
  public record Prefetch(int amount, Duration duration, int percentage) {

    public static final Prefetch OFF = new Prefetch(0, Duration.ofMinutes(1), 10);

    public boolean enabled() {
      return amount > 0;
    }
  }

  /**
   * {@code serve_stale [DURATION [REFRESH_MODE]]}: an entry expired less than {@code duration}
   * ago is still served (TTL 0); with {@code verify} the upstream is asked first.
   */
  public record ServeStale(Duration duration, boolean verify) {

    public static final ServeStale OFF = new ServeStale(Duration.ZERO, false);

    /** The stale window in whole seconds, as CoreDNS compares it. */
    public long seconds() {
      return duration.getSeconds();
    }

    public boolean enabled() {
      return seconds() > 0;
    }
  }

  /** {@code disable success|denial [ZONES...]}: zones for which a cache stores nothing. */
  public record Disable(List<String> success, List<String> denial) {

    public static final Disable NONE = new Disable(List.of(), List.of());

    public Disable {
      success = List.copyOf(success);
      denial = List.copyOf(denial);
    }
  }
}
