package dev.jaydns.plugins.cache;

import static dev.jaydns.plugins.cache.CacheHarness.reply;
import static dev.jaydns.plugins.cache.CacheHarness.rr;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jaydns.plugin.Query;
import dev.jaydns.plugin.testkit.TestQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Several threads (as event loops do) hitting, missing and evicting in one store at once. */
class CacheConcurrencyTest {

  @Test
  void everyAnswerMatchesItsQuestionUnderConcurrentHitsMissesAndEvictions() throws Exception {
    CacheHarness h = new CacheHarness("cache 30 {\n success 1\n}");
    // The address is a function of the name, so a crossed answer is detectable.
    h.upstreamAnswers(
        q -> reply(q, Rcode.NOERROR,
            List.of(rr(q.name(), Type.A, 300, "10.0." + (q.name().hashCode() & 0xff) + ".1")),
            List.of(), List.of()));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(pool.submit(() -> {
          int checked = 0;
          ThreadLocalRandom random = ThreadLocalRandom.current();
          for (int i = 0; i < 5000; i++) {
            String name = "n" + random.nextInt(2000) + ".example.org.";
            Query q = TestQuery.of(random.nextBoolean() ? name : name.toUpperCase(), Type.A)
                .id(i).build();
            Message m = CacheHarness.parse(h.ask(q).wire());
            assertThat(m.getHeader().getID()).isEqualTo(i);
            assertThat(m.getQuestion().getName().toString()).isEqualTo(q.originalName());
            assertThat(m.getSection(Section.ANSWER).get(0).rdataToString())
                .isEqualTo("10.0." + (name.hashCode() & 0xff) + ".1");
            checked++;
          }
          return checked;
        }));
      }
      int total = 0;
      for (Future<Integer> f : results) {
        total += f.get(60, TimeUnit.SECONDS);
      }
      assertThat(total).isEqualTo(20000);
    } finally {
      pool.shutdownNow();
    }
    CacheStore store = h.context.shared(h.instance.config().storeKey(), () -> null);
    assertThat(store.successSize()).isLessThanOrEqualTo(1024);
    assertThat(h.metric("coredns_cache_entries{server=\"dns://127.0.0.1:1053\",type=\"success\","
        + "view=\"\",zones=\".\"}")).isEqualTo((double) store.successSize());
  }
}
