package dev.jaydns.plugins.cache;

import static dev.jaydns.plugins.cache.CacheHarness.reply;
import static dev.jaydns.plugins.cache.CacheHarness.rr;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jaydns.plugin.Query;
import dev.jaydns.plugin.testkit.TestQuery;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class EntryTableTest {

  private static final long SECOND = 1_000_000_000L;
  private static final HitRules PLAIN = new HitRules(false, 0, 0, 10);

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final CacheMetrics.ServerMeters meters =
      new CacheMetrics(registry, List.of("."), "").forServer("dns://127.0.0.1:1053");
  private final Query query = TestQuery.query("e.example.org.", Type.A);

  /** Stores, at {@code storedNanos}, an answer living {@code ttl} seconds with these addresses. */
  private void put(EntryTable table, long key, long storedNanos, int ttl, List<String> addresses)
      throws Exception {
    List<Record> answer = new ArrayList<>();
    for (String a : addresses) {
      answer.add(rr("e.example.org.", Type.A, ttl, a));
    }
    byte[] wire = reply(query, Rcode.NOERROR, answer, List.of(), List.of()).toWire();
    ScannedReply scanned = ScannedReply.scan(wire, query, CacheClock.SYSTEM);
    table.put(key, scanned, query, storedNanos, ttl, 0, meters, 0);
  }

  private void put(EntryTable table, long key, long storedNanos, int ttl) throws Exception {
    put(table, key, storedNanos, ttl, List.of("192.0.2.1"));
  }

  /** The addresses answered for {@code key} at {@code nowNanos}, or null on a miss. */
  private List<String> get(EntryTable table, long key, long nowNanos) throws Exception {
    CacheHit hit = table.lookup(key, query, 0, nowNanos, PLAIN);
    if (hit == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (Record r : new Message(hit.answer).getSection(Section.ANSWER)) {
      out.add(((ARecord) r).getAddress().getHostAddress());
    }
    return out;
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
    Map<Long, List<String>> model = new HashMap<>();
    Random random = new Random(42);
    int serial = 0;
    for (int i = 0; i < 100_000; i++) {
      // Twelve keys per shard whose home slots are the last three of the shard's eight, so probe
      // runs collide and wrap around, and removals shift entries across the wrap.
      long key = keyInShard(random.nextInt(4), random.nextInt(4) * (1L << 26) + 5 + random.nextInt(3));
      switch (random.nextInt(3)) {
        case 0 -> {
          if (model.containsKey(key) || shardSize(model, key) < 4) {
            // 1 to 24 records, so entries differ in size and the slab is compacted and grown.
            List<String> addresses = new ArrayList<>();
            for (int n = 1 + random.nextInt(24); n > 0; n--) {
              serial++;
              addresses.add("10." + (serial >> 16 & 255) + "." + (serial >> 8 & 255) + "." + (serial & 255));
            }
            put(table, key, 0, 300, addresses);
            model.put(key, addresses);
          }
        }
        case 1 -> {
          table.remove(key);
          model.remove(key);
        }
        default -> assertThat(get(table, key, 0)).isEqualTo(model.get(key));
      }
    }
    for (Map.Entry<Long, List<String>> m : model.entrySet()) {
      assertThat(get(table, m.getKey(), 0)).isEqualTo(m.getValue());
    }
    assertThat(table.size()).isEqualTo(model.size());
    // Four entries of at most 465 bytes per shard: compaction keeps each used slab within a
    // quarter of that (rounded to 256 bytes) however many entries came and went; the other 252
    // shards keep their first 512 bytes.
    assertThat(table.slabBytes()).isLessThanOrEqualTo(252 * 512 + 4 * 2560);
  }

  private static long shardSize(Map<Long, List<String>> model, long key) {
    return model.keySet().stream().filter(k -> (k & 255) == (key & 255)).count();
  }

  @Test
  void aHitFromAnotherQuestionUnderTheSameKeyIsAMiss() throws Exception {
    EntryTable table = new EntryTable(1024, 0, false);
    put(table, keyInShard(3, 1), 0, 300);
    Query other = TestQuery.query("f.example.org.", Type.A);
    assertThat(table.lookup(keyInShard(3, 1), other, 0, 0, PLAIN)).isNull();
    assertThat(table.lookup(keyInShard(3, 1), query, 1, 0, PLAIN)).as("another partition").isNull();
    assertThat(get(table, keyInShard(3, 1), 0)).containsExactly("192.0.2.1");
  }

  @Test
  void aHitCarriesTheRemainingTtlAndAStaleHitZero() throws Exception {
    EntryTable table = new EntryTable(1024, 10, false);
    put(table, keyInShard(4, 1), 0, 30);
    CacheHit fresh = table.lookup(keyInShard(4, 1), query, 0, 12 * SECOND, PLAIN);
    assertThat(new Message(fresh.answer).getSection(Section.ANSWER).get(0).getTTL()).isEqualTo(18);
    assertThat(fresh.stale).isFalse();
    CacheHit kept = table.lookup(keyInShard(4, 1), query, 0, 12 * SECOND, new HitRules(true, 0, 0, 10));
    assertThat(new Message(kept.answer).getSection(Section.ANSWER).get(0).getTTL()).isEqualTo(30);
    CacheHit stale = table.lookup(keyInShard(4, 1), query, 0, 35 * SECOND, PLAIN);
    assertThat(stale.stale).isTrue();
    assertThat(new Message(stale.answer).getSection(Section.ANSWER).get(0).getTTL()).isZero();
  }

  @Test
  void aFullShardEvictsOneOfItsOwnEntriesAndCountsIt() throws Exception {
    EntryTable table = new EntryTable(1024, 0, false);
    for (long n = 0; n < 4; n++) {
      meters.stored(false);
      put(table, keyInShard(7, n), 0, 300);
      put(table, keyInShard(8, n), 0, 300);
      meters.stored(false);
    }
    meters.stored(false);
    put(table, keyInShard(7, 99), 0, 300);

    assertThat(get(table, keyInShard(7, 99), 0)).isNotNull();
    int left = 0;
    for (long n = 0; n < 4; n++) {
      left += get(table, keyInShard(7, n), 0) != null ? 1 : 0;
      assertThat(get(table, keyInShard(8, n), 0)).as("other shard untouched").isNotNull();
    }
    assertThat(left).isEqualTo(3);
    assertThat(table.size()).isEqualTo(8);
    assertThat(metric("coredns_cache_evictions_total")).isEqualTo(1.0);
    assertThat(metric("coredns_cache_entries")).isEqualTo(8.0);
  }

  @Test
  void aFullShardEvictsADeadEntryAmongItsOldestBeforeALiveOne() throws Exception {
    // Four entries, the second stored lives a second, the others an hour; at t=2s only it is dead.
    EntryTable t = new EntryTable(1024, 0, false);
    put(t, keyInShard(5, 0), 0, 3600);
    put(t, keyInShard(5, 1), 0, 1);
    put(t, keyInShard(5, 2), 0, 3600);
    put(t, keyInShard(5, 3), 0, 3600);
    long later = 2 * SECOND;
    put(t, keyInShard(5, 50), later, 3600);

    for (long n : new long[] {0, 2, 3, 50}) {
      assertThat(get(t, keyInShard(5, n), later)).as("entry %d kept", n).isNotNull();
    }
    assertThat(t.size()).isEqualTo(4);
  }

  @Test
  void aFullShardOfLiveEntriesEvictsItsOldest() throws Exception {
    EntryTable t = new EntryTable(1024, 0, false);
    put(t, keyInShard(6, 0), 0, 3600);
    put(t, keyInShard(6, 1), SECOND, 3600);
    put(t, keyInShard(6, 2), 2 * SECOND, 3600);
    put(t, keyInShard(6, 3), 3 * SECOND, 3600);
    // Storing a key again makes it the newest: 1 is now the oldest.
    put(t, keyInShard(6, 0), 4 * SECOND, 3600);
    put(t, keyInShard(6, 50), 5 * SECOND, 3600);

    assertThat(get(t, keyInShard(6, 1), 5 * SECOND)).as("the oldest, evicted").isNull();
    for (long n : new long[] {0, 2, 3, 50}) {
      assertThat(get(t, keyInShard(6, n), 5 * SECOND)).as("entry %d kept", n).isNotNull();
    }
  }

  @Test
  void aLookupRemovesAnEntryPastItsStaleWindow() throws Exception {
    EntryTable table = new EntryTable(1024, 10, false);
    meters.stored(false);
    put(table, keyInShard(1, 1), 0, 5);

    assertThat(get(table, keyInShard(1, 1), 14 * SECOND)).as("stale but servable").isNotNull();
    assertThat(get(table, keyInShard(1, 1), 15 * SECOND)).as("dead").isNull();
    assertThat(table.size()).isZero();
    assertThat(metric("coredns_cache_entries")).isEqualTo(0.0);
    assertThat(metric("coredns_cache_evictions_total")).isEqualTo(0.0);
  }

  @Test
  void replacingAKeyKeepsOneEntry() throws Exception {
    EntryTable table = new EntryTable(1024, 0, false);
    meters.stored(false);
    put(table, keyInShard(2, 1), 0, 300, List.of("192.0.2.1"));
    meters.stored(false);
    put(table, keyInShard(2, 1), 0, 300, List.of("192.0.2.2", "192.0.2.3"));

    assertThat(get(table, keyInShard(2, 1), 0)).containsExactly("192.0.2.2", "192.0.2.3");
    assertThat(table.size()).isEqualTo(1);
    assertThat(metric("coredns_cache_entries")).isEqualTo(1.0);
  }
}
