package dev.jaydns.plugins.cache;

import static dev.jaydns.plugins.cache.CacheHarness.reply;
import static dev.jaydns.plugins.cache.CacheHarness.rr;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jaydns.plugin.Query;
import dev.jaydns.plugin.testkit.TestQuery;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

class EntryTableTest {

  private static final long SECOND = 1_000_000_000L;

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final CacheMetrics.ServerMeters meters =
      new CacheMetrics(registry, List.of("."), "").forServer("dns://127.0.0.1:1053");

  /** An entry stored at {@code storedNanos} that lives {@code ttl} seconds. */
  private CacheEntry entry(long storedNanos, int ttl) throws Exception {
    Query q = TestQuery.query("e.example.org.", Type.A);
    byte[] wire =
        reply(q, Rcode.NOERROR, List.of(rr("e.example.org.", Type.A, ttl, "192.0.2.1")), List.of(),
                List.of())
            .toWire();
    ScannedReply s = ScannedReply.scan(wire, q, 0);
    return CacheEntry.of(s, q, storedNanos, ttl, 0, meters);
  }

  private double metric(String name) {
    for (String line : registry.scrape().split("\n")) {
      if (line.startsWith(name + "{") && line.contains("type=\"success\"")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return Double.NaN;
  }

  /** The keys of one shard: the low byte picks the shard. */
  private static long keyInShard(int shard, long n) {
    return (n << 8) | shard;
  }

  @Test
  void behavesLikeAMapUnderRandomPutsGetsAndRemoves() throws Exception {
    // 256 shards of 4 entries: small enough that probe runs wrap around and removals shift entries.
    EntryTable table = new EntryTable(1024, 0, false);
    Map<Long, CacheEntry> model = new HashMap<>();
    Random random = new Random(42);
    for (int i = 0; i < 200_000; i++) {
      // Twelve keys per shard whose home slots are the last three of the shard's eight, so probe
      // runs collide and wrap around, and removals shift entries across the wrap.
      long key = keyInShard(random.nextInt(4), random.nextInt(4) * (1L << 26) + 5 + random.nextInt(3));
      switch (random.nextInt(3)) {
        case 0 -> {
          if (model.containsKey(key) || shardSize(model, key) < 4) {
            CacheEntry fresh = entry(0, 300);
            table.put(key, fresh, 0);
            model.put(key, fresh);
          }
        }
        case 1 -> {
          table.remove(key);
          model.remove(key);
        }
        default -> assertThat(table.get(key, 0)).isSameAs(model.get(key));
      }
    }
    for (Map.Entry<Long, CacheEntry> m : model.entrySet()) {
      assertThat(table.get(m.getKey(), 0)).isSameAs(m.getValue());
    }
    assertThat(table.size()).isEqualTo(model.size());
  }

  private static long shardSize(Map<Long, CacheEntry> model, long key) {
    return model.keySet().stream().filter(k -> (k & 255) == (key & 255)).count();
  }

  @Test
  void aFullShardEvictsOneOfItsOwnEntriesAndCountsIt() throws Exception {
    EntryTable table = new EntryTable(1024, 0, false);
    for (long n = 0; n < 4; n++) {
      CacheEntry e = entry(0, 300);
      meters.stored(false);
      table.put(keyInShard(7, n), e, 0);
      table.put(keyInShard(8, n), entry(0, 300), 0);
      meters.stored(false);
    }
    meters.stored(false);
    table.put(keyInShard(7, 99), entry(0, 300), 0);

    assertThat(table.get(keyInShard(7, 99), 0)).isNotNull();
    int left = 0;
    for (long n = 0; n < 4; n++) {
      left += table.get(keyInShard(7, n), 0) != null ? 1 : 0;
      assertThat(table.get(keyInShard(8, n), 0)).as("other shard untouched").isNotNull();
    }
    assertThat(left).isEqualTo(3);
    assertThat(table.size()).isEqualTo(8);
    assertThat(metric("coredns_cache_evictions_total")).isEqualTo(1.0);
    assertThat(metric("coredns_cache_entries")).isEqualTo(8.0);
  }

  @Test
  void aFullShardEvictsADeadEntryBeforeALiveOne() throws Exception {
    // Three entries live for an hour, one for a second; at t=2s only that one is dead.
    long later = 2 * SECOND;
    int deadEvicted = 0;
    // Victims are drawn from three random slots, so over many rounds the dead one goes first
    // far more often than the one in four a blind pick would give.
    for (int round = 0; round < 200; round++) {
      EntryTable t = new EntryTable(1024, 0, false);
      for (long n = 0; n < 3; n++) {
        t.put(keyInShard(round & 255, n), entry(0, 3600), 0);
      }
      t.put(keyInShard(round & 255, 3), entry(0, 1), 0);
      t.put(keyInShard(round & 255, 50), entry(later, 3600), later);
      if (t.get(keyInShard(round & 255, 3), later) == null) {
        deadEvicted++;
      }
    }
    assertThat(deadEvicted).isGreaterThan(100);
  }

  @Test
  void aLookupRemovesAnEntryPastItsStaleWindow() throws Exception {
    EntryTable table = new EntryTable(1024, 10, false);
    meters.stored(false);
    table.put(keyInShard(1, 1), entry(0, 5), 0);

    assertThat(table.get(keyInShard(1, 1), 14 * SECOND)).as("stale but servable").isNotNull();
    assertThat(table.get(keyInShard(1, 1), 15 * SECOND)).as("dead").isNull();
    assertThat(table.size()).isZero();
    assertThat(metric("coredns_cache_entries")).isEqualTo(0.0);
    assertThat(metric("coredns_cache_evictions_total")).isEqualTo(0.0);
  }

  @Test
  void replacingAKeyKeepsOneEntry() throws Exception {
    EntryTable table = new EntryTable(1024, 0, false);
    CacheEntry second = entry(0, 300);
    meters.stored(false);
    table.put(keyInShard(2, 1), entry(0, 300), 0);
    meters.stored(false);
    table.put(keyInShard(2, 1), second, 0);

    assertThat(table.get(keyInShard(2, 1), 0)).isSameAs(second);
    assertThat(table.size()).isEqualTo(1);
    assertThat(metric("coredns_cache_entries")).isEqualTo(1.0);
  }
}
