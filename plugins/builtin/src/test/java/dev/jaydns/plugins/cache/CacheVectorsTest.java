package dev.jaydns.plugins.cache;

import static dev.jaydns.plugins.cache.CacheHarness.reply;
import static dev.jaydns.plugins.cache.CacheHarness.rr;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jaydns.plugin.Query;
import dev.jaydns.plugin.Response;
import dev.jaydns.plugin.testkit.TestQuery;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Spec §8 vectors 17-22 at plugin level: U is a scripted chain below the cache. */
class CacheVectorsTest {

  private static final String SERVER = "server=\"dns://127.0.0.1:1053\"";
  private static final String LABELS = "view=\"\",zones=\".\"";

  private static Query a(String name) {
    return TestQuery.query(name, Type.A);
  }

  @Test
  void vector17TtlCountsDownAndHitsAreAuthoritative() throws Exception {
    CacheHarness h = new CacheHarness("cache 30");
    h.upstreamAnswers(
        q -> reply(q, Rcode.NOERROR, List.of(rr("example.org.", Type.A, 300, "1.2.3.4")),
            List.of(), List.of()));

    Message first = h.askMessage(a("example.org."));
    assertThat(first.getSection(Section.ANSWER).get(0).getTTL()).isEqualTo(30);
    assertThat(first.getHeader().getFlag(Flags.AA)).isFalse();
    assertThat(first.getHeader().getFlag(Flags.RA)).isTrue();

    h.clock.advanceMillis(1200);
    Response second = h.ask(a("example.org."));
    Message m = CacheHarness.parse(second.wire());
    assertThat(second.isFitted()).isTrue();
    assertThat(m.getSection(Section.ANSWER).get(0).getTTL()).isEqualTo(29);
    assertThat(m.getSection(Section.ANSWER).get(0).rdataToString()).isEqualTo("1.2.3.4");
    assertThat(m.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(m.getHeader().getFlag(Flags.QR)).isTrue();
    assertThat(m.getHeader().getFlag(Flags.RD)).isTrue();
    assertThat(m.getHeader().getID()).isEqualTo(4242);
    assertThat(h.upstreamCount()).isEqualTo(1);

    assertThat(h.metric("coredns_cache_hits_total{" + SERVER + ",type=\"success\"," + LABELS + "}"))
        .isEqualTo(1.0);
    assertThat(h.metric("coredns_cache_requests_total{" + SERVER + "," + LABELS + "}")).isEqualTo(2.0);
    assertThat(h.metric("coredns_cache_misses_total{" + SERVER + "," + LABELS + "}")).isEqualTo(1.0);
    assertThat(h.metric("coredns_cache_entries{" + SERVER + ",type=\"success\"," + LABELS + "}"))
        .isEqualTo(1.0);
    assertThat(h.metric("coredns_cache_entries{" + SERVER + ",type=\"denial\"," + LABELS + "}"))
        .isEqualTo(0.0);
  }

  @Test
  void vector17InRealTime() throws Exception {
    CacheConfig config = Corefiles.cache("cache 30");
    CacheInstance real =
        new CacheInstance(config, CacheClock.SYSTEM, Runnable::run);
    real.start(new dev.jaydns.plugin.testkit.TestPluginContext(null, config.zones()))
        .toCompletableFuture()
        .join();
    dev.jaydns.plugin.testkit.RecordingChain u =
        dev.jaydns.plugin.testkit.RecordingChain.answering(
            Rcode.NOERROR, q -> List.of(rr("example.org.", Type.A, 300, "1.2.3.4")));
    real.handler().handle(a("example.org."), u).toCompletableFuture().join();
    Thread.sleep(1200);
    Message m =
        CacheHarness.parse(
            real.handler().handle(a("example.org."), u).toCompletableFuture().join().wire());
    assertThat(m.getSection(Section.ANSWER).get(0).getTTL()).isEqualTo(29);
    assertThat(u.count()).isEqualTo(1);
  }

  @Test
  void vector18TtlZeroIsCachedForFiveSeconds() throws Exception {
    CacheHarness h = new CacheHarness("cache 30");
    h.upstreamAnswers(
        q -> reply(q, Rcode.NOERROR, List.of(rr("example.org.", Type.A, 0, "1.2.3.4")),
            List.of(), List.of()));
    Message first = h.askMessage(a("example.org."));
    assertThat(first.getSection(Section.ANSWER).get(0).getTTL()).isEqualTo(5);
    h.clock.advanceMillis(4900);
    Message hit = h.askMessage(a("example.org."));
    assertThat(hit.getSection(Section.ANSWER).get(0).getTTL()).isEqualTo(1);
    assertThat(h.upstreamCount()).isEqualTo(1);
    h.clock.advanceMillis(100);
    h.ask(a("example.org."));
    assertThat(h.upstreamCount()).isEqualTo(2);
  }

  @Test
  void vector19DenialTtlCapsTheSoaTtl() throws Exception {
    CacheHarness h = new CacheHarness("cache {\n denial 9984 5\n}");
    Record soa = rr("org.", Type.SOA, 3600, "ns.org. admin.org. 1 7200 3600 1209600 60");
    h.upstreamAnswers(q -> reply(q, Rcode.NXDOMAIN, List.of(), List.of(soa), List.of()));
    Message first = h.askMessage(a("nope.org."));
    assertThat(first.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(first.getSection(Section.AUTHORITY).get(0).getTTL()).isEqualTo(5);
    h.clock.advanceMillis(2000);
    Message hit = h.askMessage(a("nope.org."));
    assertThat(hit.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(hit.getSection(Section.AUTHORITY).get(0).getTTL()).isEqualTo(3);
    assertThat(hit.getSection(Section.AUTHORITY).get(0).getType()).isEqualTo(Type.SOA);
    assertThat(h.upstreamCount()).isEqualTo(1);
    assertThat(h.metric("coredns_cache_hits_total{" + SERVER + ",type=\"denial\"," + LABELS + "}"))
        .isEqualTo(1.0);
    h.clock.advanceMillis(3000);
    h.ask(a("nope.org."));
    assertThat(h.upstreamCount()).isEqualTo(2);
  }

  @Test
  void vector20ServfailIsCachedFiveSecondsUnlessDisabledAndRefusedNever() throws Exception {
    CacheHarness h = new CacheHarness("cache 30");
    h.upstreamAnswers(q -> reply(q, Rcode.SERVFAIL, List.of(), List.of(), List.of()));
    assertThat(h.askMessage(a("fail.org.")).getRcode()).isEqualTo(Rcode.SERVFAIL);
    h.clock.advanceMillis(4000);
    Response cached = h.ask(a("fail.org."));
    assertThat(cached.isWritten()).isTrue();
    assertThat(cached.rcode()).isEqualTo(Rcode.SERVFAIL);
    assertThat(h.upstreamCount()).isEqualTo(1);
    assertThat(h.metric("coredns_cache_hits_total{" + SERVER + ",type=\"denial\"," + LABELS + "}"))
        .isEqualTo(1.0);

    CacheHarness off = new CacheHarness("cache 30 {\n servfail 0\n}");
    off.upstreamAnswers(q -> reply(q, Rcode.SERVFAIL, List.of(), List.of(), List.of()));
    off.ask(a("fail.org."));
    off.ask(a("fail.org."));
    assertThat(off.upstreamCount()).isEqualTo(2);

    CacheHarness refused = new CacheHarness("cache 30");
    refused.upstreamAnswers(q -> reply(q, Rcode.REFUSED, List.of(), List.of(), List.of()));
    refused.ask(a("no.org."));
    refused.ask(a("no.org."));
    assertThat(refused.upstreamCount()).isEqualTo(2);
  }

  @Test
  void failuresWrittenByNoOneAreNeverCached() throws Exception {
    CacheHarness h = new CacheHarness("cache 30");
    h.upstreamFails();
    assertThat(h.ask(a("down.org.")).isWritten()).isFalse();
    assertThat(h.ask(a("down.org.")).isWritten()).isFalse();
    assertThat(h.upstreamCount()).isEqualTo(2);
  }

  @Test
  void vector21TruncatedRepliesPassThroughUncached() throws Exception {
    CacheHarness h = new CacheHarness("cache 30");
    h.upstreamAnswers(
        q -> {
          Message m = reply(q, Rcode.NOERROR, List.of(rr("big.org.", Type.A, 300, "1.2.3.4")),
              List.of(), List.of());
          m.getHeader().setFlag(Flags.TC);
          return m;
        });
    Message first = h.askMessage(a("big.org."));
    assertThat(first.getHeader().getFlag(Flags.TC)).isTrue();
    h.ask(a("big.org."));
    assertThat(h.upstreamCount()).isEqualTo(2);
  }

  @Test
  void vector22MismatchedQuestionIsDroppedNotStored() throws Exception {
    CacheHarness h = new CacheHarness("cache 30");
    h.upstreamAnswers(
        q -> {
          Query other = a("other.org.");
          return reply(other, Rcode.NOERROR, List.of(rr("other.org.", Type.A, 300, "6.6.6.6")),
              List.of(), List.of());
        });
    h.ask(a("asked.org."));
    h.ask(a("asked.org."));
    assertThat(h.upstreamCount()).isEqualTo(2);
    assertThat(h.metric("coredns_cache_drops_total{" + SERVER + "," + LABELS + "}")).isEqualTo(2.0);
    assertThat(h.metric("coredns_cache_entries{" + SERVER + ",type=\"success\"," + LABELS + "}"))
        .isEqualTo(0.0);
  }

  @Test
  void everyTtlOfTheMissReplyIsTheCachedDurationAndOptIsLeftAlone() throws Exception {
    CacheHarness h = new CacheHarness("cache 30");
    h.upstreamAnswers(
        q -> {
          Message m = reply(q, Rcode.NOERROR, List.of(rr("example.org.", Type.A, 20, "1.2.3.4")),
              List.of(rr("example.org.", Type.NS, 900, "ns.example.org.")),
              List.of(rr("ns.example.org.", Type.A, 900, "5.6.7.8")));
          m.addRecord(new org.xbill.DNS.OPTRecord(1232, 0, 0), Section.ADDITIONAL);
          return m;
        });
    Message first = h.askMessage(TestQuery.of("example.org.", Type.A).edns(1400).build());
    assertThat(first.getSection(Section.ANSWER).get(0).getTTL()).isEqualTo(20);
    assertThat(first.getSection(Section.AUTHORITY).get(0).getTTL()).isEqualTo(20);
    assertThat(first.getSection(Section.ADDITIONAL).get(0).getTTL()).isEqualTo(20);
    assertThat(first.getOPT()).isNotNull();
    assertThat(first.getOPT().getPayloadSize()).isEqualTo(1232);
  }

  @Test
  void maximumTtlAboveTheScanStartHasNoEffect() throws Exception {
    CacheHarness h = new CacheHarness("cache 86400");
    h.upstreamAnswers(
        q -> reply(q, Rcode.NOERROR, List.of(rr("example.org.", Type.A, 86400, "1.2.3.4")),
            List.of(), List.of()));
    assertThat(h.askMessage(a("example.org.")).getSection(Section.ANSWER).get(0).getTTL())
        .isEqualTo(3600);
  }

  @Test
  void delegationsAreCachedWithTheDefaultTtl() throws Exception {
    CacheHarness h = new CacheHarness("cache");
    h.upstreamAnswers(
        q -> reply(q, Rcode.NOERROR, List.of(),
            List.of(rr("sub.example.org.", Type.NS, 86400, "ns.sub.example.org.")), List.of()));
    Message first = h.askMessage(a("www.sub.example.org."));
    assertThat(first.getSection(Section.AUTHORITY).get(0).getTTL()).isEqualTo(5);
    h.ask(a("www.sub.example.org."));
    assertThat(h.upstreamCount()).isEqualTo(1);
  }

  @Test
  void namesOutsideTheCacheZonesPassStraightThrough() throws Exception {
    CacheHarness h = new CacheHarness("cache 30 example.org");
    h.upstreamAnswers(
        q -> reply(q, Rcode.NOERROR, List.of(rr(q.name(), Type.A, 300, "1.2.3.4")),
            List.of(), List.of()));
    h.ask(a("www.example.net."));
    Message m = h.askMessage(a("www.example.net."));
    assertThat(m.getSection(Section.ANSWER).get(0).getTTL()).isEqualTo(300);
    assertThat(h.upstreamCount()).isEqualTo(2);
    h.ask(a("www.example.org."));
    h.ask(a("www.example.org."));
    assertThat(h.upstreamCount()).isEqualTo(3);
    assertThat(h.metric("coredns_cache_requests_total{" + SERVER
        + ",view=\"\",zones=\"example.org.\"}")).isEqualTo(2.0);
  }

  @Test
  void disabledZonesAreNotStored() throws Exception {
    CacheHarness h = new CacheHarness("cache {\n disable success example.org\n}");
    h.upstreamAnswers(
        q -> reply(q, Rcode.NOERROR, List.of(rr(q.name(), Type.A, 300, "1.2.3.4")),
            List.of(), List.of()));
    h.ask(a("www.example.org."));
    h.ask(a("www.example.org."));
    assertThat(h.upstreamCount()).isEqualTo(2);
    h.ask(a("www.example.net."));
    h.ask(a("www.example.net."));
    assertThat(h.upstreamCount()).isEqualTo(3);
  }

  @Test
  void keepttlServesTheStoredTtl() throws Exception {
    CacheHarness h = new CacheHarness("cache 30 {\n keepttl\n}");
    h.upstreamAnswers(
        q -> reply(q, Rcode.NOERROR, List.of(rr("example.org.", Type.A, 300, "1.2.3.4")),
            List.of(), List.of()));
    h.ask(a("example.org."));
    h.clock.advance(Duration.ofSeconds(10));
    assertThat(h.askMessage(a("example.org.")).getSection(Section.ANSWER).get(0).getTTL())
        .isEqualTo(30);
  }
}
