package dev.jaydns.plugins.cache;

import static dev.jaydns.plugins.cache.CacheHarness.reply;
import static dev.jaydns.plugins.cache.CacheHarness.rr;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jaydns.plugin.PluginContext;
import dev.jaydns.plugin.testkit.TestPluginContext;
import dev.jaydns.plugin.testkit.TestQuery;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** A13: eviction at capacity, one budget across the blocks that share a cache config, gauges. */
class CacheCapacityTest {

  /** One generation's context for a block listening on {@code port}: the shared map is common. */
  private static PluginContext block(
      Map<String, Object> shared, MeterRegistry registry, List<String> zones, int port) {
    return new TestPluginContext(
        null, registry, zones, List.of(new InetSocketAddress("127.0.0.1", port)), shared);
  }

  /** A query as block {@code b}'s listener labels it (block 4 listens on 1053, the others on 53). */
  private static dev.jaydns.plugin.Query query(int b, String name) {
    return TestQuery.of(name, Type.A).server("dns://127.0.0.1:" + (b == 4 ? 1053 : 53)).build();
  }

  private static CacheStore store(Map<String, Object> shared) {
    return (CacheStore) shared.values().iterator().next();
  }

  @Test
  void evictsAtCapacityAndCountsIt() throws Exception {
    CacheHarness h = new CacheHarness("cache 30 {\n success 1\n}");
    h.upstreamAnswers(
        q -> reply(q, Rcode.NOERROR, List.of(rr(q.name(), Type.A, 300, "1.2.3.4")), List.of(),
            List.of()));
    for (int i = 0; i < 3000; i++) {
      h.ask(TestQuery.query("host" + i + ".example.org.", Type.A));
    }
    CacheStore store = h.context.shared(h.instance.config().storeKey(), () -> null);
    long size = store.successSize();
    assertThat(size).isLessThanOrEqualTo(1024).isGreaterThan(900);
    String labels = "server=\"dns://127.0.0.1:1053\",type=\"success\",view=\"\",zones=\".\"";
    assertThat(h.metric("coredns_cache_entries{" + labels + "}")).isEqualTo((double) size);
    assertThat(h.metric("coredns_cache_evictions_total{" + labels + "}"))
        .isEqualTo((double) (3000 - size));
  }

  @Test
  void blocksSharingAConfigShareOneBudgetButNotTheirAnswers() throws Exception {
    Map<String, Object> shared = new ConcurrentHashMap<>();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    ManualClock clock = new ManualClock();
    String corefile =
        "cluster.local:53 {\n cache 30 {\n success 1\n }\n}\n"
            + "in-addr.arpa:53 {\n cache 30 {\n success 1\n }\n}\n"
            + "ip6.arpa:53 {\n cache 30 {\n success 1\n }\n}\n"
            + ".:53 {\n cache 30 {\n success 1\n }\n}\n"
            + ".:1053 {\n cache 30 {\n success 1\n }\n}\n";
    List<CacheHarness> blocks = new ArrayList<>();
    for (int b = 0; b < 5; b++) {
      CacheConfig config = CachePlugin.parse(Corefiles.pluginConfig(corefile, b));
      int port = b == 4 ? 1053 : 53;
      String address = b == 4 ? "1.1.1.1" : "2.2.2.2";
      CacheHarness h =
          new CacheHarness(config, clock, registry, block(shared, registry, config.zones(), port));
      h.upstreamAnswers(
          q -> reply(q, Rcode.NOERROR, List.of(rr(q.name(), Type.A, 300, address)), List.of(),
              List.of()));
      blocks.add(h);
    }
    assertThat(shared).hasSize(1);
    String[] suffix = {"svc.cluster.local.", "in-addr.arpa.", "ip6.arpa.", "example.org.",
        "example.org."};
    for (int i = 0; i < 1000; i++) {
      for (int b = 0; b < 5; b++) {
        blocks.get(b).ask(query(b, "n" + i + "." + suffix[b]));
      }
    }
    CacheStore store = store(shared);
    assertThat(store.successSize()).isLessThanOrEqualTo(1024);
    // One server label per block here, so the blocks' entries gauges add up to the store's size.
    double sum = 0;
    for (String l : registry.scrape().split("\n")) {
      if (l.startsWith("coredns_cache_entries{") && l.contains("type=\"success\"")) {
        sum += Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1));
      }
    }
    assertThat(sum).isEqualTo((double) store.successSize());

    // Blocks .:53 and .:1053 both cache example.org names, each with its own upstream's answer.
    CacheHarness dot53 = blocks.get(3);
    CacheHarness dot1053 = blocks.get(4);
    dot53.ask(query(3, "same.example.org."));
    dot1053.ask(query(4, "same.example.org."));
    Message from53 = dot53.askMessage(query(3, "same.example.org."));
    Message from1053 = dot1053.askMessage(query(4, "same.example.org."));
    assertThat(from53.getSection(Section.ANSWER).get(0).rdataToString()).isEqualTo("2.2.2.2");
    assertThat(from1053.getSection(Section.ANSWER).get(0).rdataToString()).isEqualTo("1.1.1.1");
  }

  @Test
  void aReloadHandsTheEntriesGaugeToTheNewGeneration() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    ManualClock clock = new ManualClock();
    CacheConfig config = Corefiles.cache("cache 30");
    CacheHarness old = new CacheHarness(config, clock, registry, null);
    old.upstreamAnswers(
        q -> reply(q, Rcode.NOERROR, List.of(rr(q.name(), Type.A, 300, "1.2.3.4")), List.of(),
            List.of()));
    old.ask(TestQuery.query("a.example.org.", Type.A));
    old.ask(TestQuery.query("b.example.org.", Type.A));
    String line = "coredns_cache_entries{server=\"dns://127.0.0.1:1053\",type=\"success\","
        + "view=\"\",zones=\".\"}";
    assertThat(old.metric(line)).isEqualTo(2.0);

    CacheHarness fresh = new CacheHarness(config, clock, registry, null);
    fresh.upstreamAnswers(
        q -> reply(q, Rcode.NOERROR, List.of(rr(q.name(), Type.A, 300, "1.2.3.4")), List.of(),
            List.of()));
    old.instance.stop().toCompletableFuture().join();
    assertThat(fresh.metric(line)).isEqualTo(0.0);
    fresh.ask(TestQuery.query("a.example.org.", Type.A));
    assertThat(fresh.metric(line)).isEqualTo(1.0);
    fresh.instance.stop().toCompletableFuture().join();
    assertThat(fresh.metric(line)).isEqualTo(-1.0);
  }
}
