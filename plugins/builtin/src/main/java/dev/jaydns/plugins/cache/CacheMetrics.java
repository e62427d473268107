package dev.jaydns.plugins.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The cache's meters for one server block, CoreDNS 1.13's names, labels and types:
 * {@code coredns_cache_entries}, {@code _requests_total}, {@code _hits_total}, {@code
 * _misses_total}, {@code _prefetch_total}, {@code _drops_total}, {@code _served_stale_total} and
 * {@code _evictions_total}, labelled {@code server}, {@code zones}, {@code view} (and {@code type}
 * = success|denial where CoreDNS has it). Meters are resolved once per listener label.
 */
final class CacheMetrics {

  static final String SUCCESS = "success";
  static final String DENIAL = "denial";

  private final MeterRegistry registry;
  private final String zones;
  private final String view;
  private final ConcurrentHashMap<String, ServerMeters> servers = new ConcurrentHashMap<>();
  private final List<Gauge> gauges = new ArrayList<>();
  /** Entries this block holds in the shared store, per type. */
  final LongAdder successEntries = new LongAdder();

  final LongAdder denialEntries = new LongAdder();

  CacheMetrics(MeterRegistry registry, List<String> zones, String view) {
    this.registry = registry;
    this.zones = String.join(",", zones);
    this.view = view;
  }

  /** The meters of one listener label, made on first use. */
  ServerMeters forServer(String server) {
    ServerMeters m = servers.get(server);
    return m != null ? m : servers.computeIfAbsent(server, ServerMeters::new);
  }

  /** Removes the gauges this block registered (counters live on across reloads, as CoreDNS's). */
  synchronized void close() {
    for (Gauge g : gauges) {
      if (registry.find(g.getId().getName()).tags(g.getId().getTags()).gauge() == g) {
        registry.remove(g);
      }
    }
    gauges.clear();
  }

  private Gauge entriesGauge(String server, String type, LongAdder source) {
    Tags tags = Tags.of("server", server, "type", type, "zones", zones, "view", view);
    // A reload starts the new generation before the old one stops: the gauge must read the new
    // block's entries, so the old registration is replaced rather than reused.
    Meter old = registry.find("coredns.cache.entries").tags(tags).meter();
    if (old != null) {
      registry.remove(old);
    }
    Gauge g =
        Gauge.builder("coredns.cache.entries", source, LongAdder::sum)
            .description("The number of elements in the cache.")
            .tags(tags)
            .strongReference(true)
            .register(registry);
    synchronized (this) {
      gauges.add(g);
    }
    return g;
  }

  /** The meters of one {@code server} label. */
  final class ServerMeters {
    final Counter requests;
    final Counter hitsSuccess;
    final Counter hitsDenial;
    final Counter misses;
    final Counter prefetch;
    final Counter drops;
    final Counter servedStale;
    final Counter evictionsSuccess;
    final Counter evictionsDenial;

    ServerMeters(String server) {
      Tags base = Tags.of("server", server, "zones", zones, "view", view);
      requests = counter("coredns.cache.requests", "The count of cache requests.", base);
      hitsSuccess = counter("coredns.cache.hits", "The count of cache hits.", typed(base, SUCCESS));
      hitsDenial = counter("coredns.cache.hits", "The count of cache hits.", typed(base, DENIAL));
      misses =
          counter(
              "coredns.cache.misses",
              "The count of cache misses. Deprecated, derive misses from cache hits/requests"
                  + " counters.",
              base);
      prefetch =
          counter(
              "coredns.cache.prefetch",
              "The number of times the cache has prefetched a cached item.",
              base);
      drops =
          counter(
              "coredns.cache.drops",
              "The number responses that are not cached, because the reply is malformed.",
              base);
      servedStale =
          counter(
              "coredns.cache.served.stale",
              "The number of requests served from stale cache entries.",
              base);
      evictionsSuccess =
          counter("coredns.cache.evictions", "The count of cache evictions.", typed(base, SUCCESS));
      evictionsDenial =
          counter("coredns.cache.evictions", "The count of cache evictions.", typed(base, DENIAL));
      entriesGauge(server, SUCCESS, successEntries);
      entriesGauge(server, DENIAL, denialEntries);
    }

    private Tags typed(Tags base, String type) {
      return base.and("type", type);
    }

    private Counter counter(String name, String help, Tags tags) {
      return Counter.builder(name).description(help).tags(tags).register(registry);
    }

    /** An entry of this block was added to the store. */
    void stored(boolean denial) {
      (denial ? denialEntries : successEntries).increment();
    }

    /** An entry of this block left the store; {@code evicted} when capacity pushed it out. */
    void removed(boolean denial, boolean evicted) {
      (denial ? denialEntries : successEntries).decrement();
      if (evicted) {
        (denial ? evictionsDenial : evictionsSuccess).increment();
      }
    }
  }
}
