package dev.jaydns.plugins.cache;

import static dev.jaydns.plugins.cache.CacheHarness.reply;
import static dev.jaydns.plugins.cache.CacheHarness.rr;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jaydns.plugin.Query;
import dev.jaydns.plugin.Response;
import dev.jaydns.plugin.Transport;
import dev.jaydns.plugin.testkit.TestQuery;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** A13: prefetch before expiry, serve_stale refresh, SERVFAIL never shadowing good data. */
class CacheRefreshTest {

  private static final String SERVER = "server=\"dns://127.0.0.1:1053\"";
  private static final String LABELS = "view=\"\",zones=\".\"";
  private static final Record SOA =
      rr("example.org.", Type.SOA, 60, "ns.example.org. admin.example.org. 1 7200 3600 1209600 60");

  private static Query a() {
    return TestQuery.query("www.example.org.", Type.A);
  }

  /** U answers A with the address the test sets, or fails with the rcode the test sets. */
  private static final class Upstream {
    final AtomicReference<String> address = new AtomicReference<>("192.0.2.1");
    final AtomicReference<Integer> rcode = new AtomicReference<>(Rcode.NOERROR);

    Message answer(Query q) {
      int rc = rcode.get();
      if (rc == Rcode.NXDOMAIN) {
        return reply(q, rc, List.of(), List.of(SOA), List.of());
      }
      if (rc != Rcode.NOERROR) {
        return reply(q, rc, List.of(), List.of(), List.of());
      }
      return reply(q, rc, List.of(rr(q.name(), Type.A, 300, address.get())), List.of(), List.of());
    }
  }

  private static String address(Message m) {
    return m.getSection(Section.ANSWER).get(0).rdataToString();
  }

  @Test
  void prefetchRefreshesAHotNameBeforeExpiryInTheBackground() throws Exception {
    CacheHarness h = new CacheHarness("cache 30 {\n prefetch 2 1m 10%\n}");
    Upstream u = new Upstream();
    h.upstreamAnswers(u::answer);
    h.ask(a());
    h.clock.advance(Duration.ofSeconds(10));
    h.ask(a());
    h.clock.advance(Duration.ofSeconds(10));
    h.ask(a());
    assertThat(h.refreshes).isEmpty();
    u.address.set("192.0.2.2");

    // 27.5 s in: 3 s left, within the last 10 % (ceil(3.0)), and popular: prefetch.
    h.clock.advanceMillis(7500);
    Message triggering = h.askMessage(a());
    assertThat(address(triggering)).isEqualTo("192.0.2.1");
    assertThat(triggering.getSection(Section.ANSWER).get(0).getTTL()).isEqualTo(3);
    // The triggering query got its answer before the refresh even started.
    assertThat(h.upstreamCount()).isEqualTo(1);
    assertThat(h.refreshes).hasSize(1);
    h.runRefreshes();
    assertThat(h.upstreamCount()).isEqualTo(2);
    Query sent = h.upstream.queries().get(1);
    assertThat(sent.transport()).isEqualTo(Transport.TCP);
    assertThat(sent.name()).isEqualTo("www.example.org.");
    assertThat(h.metric("coredns_cache_prefetch_total{" + SERVER + "," + LABELS + "}"))
        .isEqualTo(1.0);

    // Past the original expiry: still a hit, with the refreshed data and a fresh TTL.
    h.clock.advance(Duration.ofSeconds(5));
    Message after = h.askMessage(a());
    assertThat(address(after)).isEqualTo("192.0.2.2");
    assertThat(after.getSection(Section.ANSWER).get(0).getTTL()).isEqualTo(25);
    assertThat(h.upstreamCount()).isEqualTo(2);
    assertThat(h.refreshes).isEmpty();
  }

  @Test
  void prefetchNeedsPopularity() throws Exception {
    CacheHarness h = new CacheHarness("cache 30 {\n prefetch 3 1m 10%\n}");
    Upstream u = new Upstream();
    h.upstreamAnswers(u::answer);
    h.ask(a());
    h.clock.advance(Duration.ofSeconds(28));
    h.ask(a());
    assertThat(h.refreshes).isEmpty();
  }

  @Test
  void oneRefreshInFlightPerKeyAndTheTriggeringQueriesAreNotDelayed() throws Exception {
    CacheHarness h = new CacheHarness("cache 30 {\n prefetch 1 1m 50%\n}");
    Upstream u = new Upstream();
    h.upstreamAnswers(u::answer);
    h.ask(a());
    CompletableFuture<Response> pending = h.upstreamHangs();
    h.clock.advance(Duration.ofSeconds(20));
    for (int i = 0; i < 50; i++) {
      Response r = h.ask(a());
      assertThat(r.isFitted()).isTrue();
      h.runRefreshes();
    }
    assertThat(h.upstreamCount()).isEqualTo(2);
    pending.complete(Response.of(u.answer(h.upstream.queries().get(1))));
    h.clock.advance(Duration.ofSeconds(1));
    h.ask(a());
    h.runRefreshes();
    assertThat(h.upstreamCount()).isEqualTo(2);
  }

  @Test
  void servfailFromAPrefetchDoesNotReplaceAValidAnswer() throws Exception {
    CacheHarness h = new CacheHarness("cache 30 {\n prefetch 1 1m 50%\n}");
    Upstream u = new Upstream();
    h.upstreamAnswers(u::answer);
    h.ask(a());
    u.rcode.set(Rcode.SERVFAIL);
    h.clock.advance(Duration.ofSeconds(20));
    h.ask(a());
    h.runRefreshes();
    assertThat(h.upstreamCount()).isEqualTo(2);
    Message m = h.askMessage(a());
    assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(address(m)).isEqualTo("192.0.2.1");
    assertThat(h.metric("coredns_cache_entries{" + SERVER + ",type=\"denial\"," + LABELS + "}"))
        .isEqualTo(0.0);
  }

  @Test
  void serveStaleAnswersFromAnExpiredEntryWithTtlZeroAndRefreshesIt() throws Exception {
    CacheHarness h = new CacheHarness("cache 30 {\n serve_stale 1h\n}");
    Upstream u = new Upstream();
    h.upstreamAnswers(u::answer);
    h.ask(a());
    u.address.set("192.0.2.2");
    h.clock.advance(Duration.ofSeconds(40));
    Message stale = h.askMessage(a());
    assertThat(address(stale)).isEqualTo("192.0.2.1");
    assertThat(stale.getSection(Section.ANSWER).get(0).getTTL()).isZero();
    assertThat(h.upstreamCount()).isEqualTo(1);
    h.runRefreshes();
    assertThat(h.upstreamCount()).isEqualTo(2);
    Message fresh = h.askMessage(a());
    assertThat(address(fresh)).isEqualTo("192.0.2.2");
    assertThat(fresh.getSection(Section.ANSWER).get(0).getTTL()).isEqualTo(30);
    assertThat(h.metric("coredns_cache_served_stale_total{" + SERVER + "," + LABELS + "}"))
        .isEqualTo(1.0);
  }

  @Test
  void serveStaleWindowEnds() throws Exception {
    CacheHarness h = new CacheHarness("cache 30 {\n serve_stale 10s\n}");
    Upstream u = new Upstream();
    h.upstreamAnswers(u::answer);
    h.ask(a());
    h.clock.advance(Duration.ofSeconds(40));
    h.ask(a());
    assertThat(h.upstreamCount()).isEqualTo(2);
  }

  @Test
  void servfailDuringAStaleRefreshKeepsTheStaleAnswerServable() throws Exception {
    CacheHarness h = new CacheHarness("cache 30 {\n serve_stale 1h\n}");
    Upstream u = new Upstream();
    h.upstreamAnswers(u::answer);
    h.ask(a());
    u.rcode.set(Rcode.SERVFAIL);
    for (int i = 0; i < 5; i++) {
      h.clock.advance(Duration.ofSeconds(40));
      Message m = h.askMessage(a());
      assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
      assertThat(address(m)).isEqualTo("192.0.2.1");
      h.runRefreshes();
    }
    assertThat(h.upstreamCount()).isEqualTo(6);
  }

  @Test
  void staleNxdomainIsReplacedOnceTheNameAppearsEvenUnderConstantLoad() throws Exception {
    CacheHarness h = new CacheHarness("cache 30 {\n serve_stale 1h\n denial 9984 5\n}");
    Upstream u = new Upstream();
    u.rcode.set(Rcode.NXDOMAIN);
    h.upstreamAnswers(u::answer);
    assertThat(h.askMessage(a()).getRcode()).isEqualTo(Rcode.NXDOMAIN);
    u.rcode.set(Rcode.NOERROR);
    int noerror = 0;
    for (int i = 0; i < 100; i++) {
      h.clock.advanceMillis(100);
      Message m = h.askMessage(a());
      if (m.getRcode() == Rcode.NOERROR) {
        noerror++;
      }
      h.runRefreshes();
    }
    // 5 s of NXDOMAIN (TTL 5), one stale NXDOMAIN while refreshing, then the new answer.
    assertThat(noerror).isEqualTo(50);
    assertThat(h.upstreamCount()).isEqualTo(2);
    assertThat(h.metric("coredns_cache_entries{" + SERVER + ",type=\"denial\"," + LABELS + "}"))
        .isEqualTo(0.0);
  }

  @Test
  void refreshedNxdomainReplacesAStalePositive() throws Exception {
    CacheHarness h = new CacheHarness("cache 30 {\n serve_stale 1h\n}");
    Upstream u = new Upstream();
    h.upstreamAnswers(u::answer);
    h.ask(a());
    u.rcode.set(Rcode.NXDOMAIN);
    h.clock.advance(Duration.ofSeconds(31));
    assertThat(h.askMessage(a()).getRcode()).isEqualTo(Rcode.NOERROR);
    h.runRefreshes();
    assertThat(h.askMessage(a()).getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(h.metric("coredns_cache_entries{" + SERVER + ",type=\"success\"," + LABELS + "}"))
        .isEqualTo(0.0);
  }

  @Test
  void verifyModeAsksFirstAndFallsBackToStale() throws Exception {
    CacheHarness h = new CacheHarness("cache 30 {\n serve_stale 1h verify\n}");
    Upstream u = new Upstream();
    h.upstreamAnswers(u::answer);
    h.ask(a());
    u.rcode.set(Rcode.SERVFAIL);
    h.clock.advance(Duration.ofSeconds(40));
    Message stale = h.askMessage(a());
    assertThat(stale.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(stale.getSection(Section.ANSWER).get(0).getTTL()).isZero();
    assertThat(h.upstreamCount()).isEqualTo(2);
    assertThat(h.refreshes).isEmpty();

    u.rcode.set(Rcode.NOERROR);
    u.address.set("192.0.2.9");
    Message verified = h.askMessage(a());
    assertThat(address(verified)).isEqualTo("192.0.2.9");
    assertThat(verified.getSection(Section.ANSWER).get(0).getTTL()).isEqualTo(30);
    assertThat(h.upstreamCount()).isEqualTo(3);
    assertThat(address(h.askMessage(a()))).isEqualTo("192.0.2.9");
    assertThat(h.upstreamCount()).isEqualTo(3);
    assertThat(h.metric("coredns_cache_served_stale_total{" + SERVER + "," + LABELS + "}"))
        .isEqualTo(1.0);
  }

  @Test
  void servfailIsCachedWhenNothingGoodIsStored() throws Exception {
    CacheHarness h = new CacheHarness("cache 30");
    Upstream u = new Upstream();
    h.upstreamAnswers(u::answer);
    h.ask(a());
    u.rcode.set(Rcode.SERVFAIL);
    h.clock.advance(Duration.ofSeconds(31));
    assertThat(h.askMessage(a()).getRcode()).isEqualTo(Rcode.SERVFAIL);
    assertThat(h.askMessage(a()).getRcode()).isEqualTo(Rcode.SERVFAIL);
    assertThat(h.upstreamCount()).isEqualTo(2);
  }

  @Test
  void aRefreshThatNeverCompletesStopsBlockingAfterThirtySeconds() throws Exception {
    CacheHarness h = new CacheHarness("cache 300 {\n prefetch 1 10m 90%\n}");
    Upstream u = new Upstream();
    h.upstreamAnswers(u::answer);
    h.ask(a());
    h.upstreamHangs();
    h.clock.advance(Duration.ofSeconds(100));
    h.ask(a());
    h.runRefreshes();
    h.clock.advance(Duration.ofSeconds(29));
    h.ask(a());
    h.runRefreshes();
    assertThat(h.upstreamCount()).isEqualTo(2);
    h.clock.advance(Duration.ofSeconds(2));
    h.ask(a());
    h.runRefreshes();
    assertThat(h.upstreamCount()).isEqualTo(3);
  }
}
