package dev.jaydns.plugins.cache;

import static dev.jaydns.plugins.cache.CacheHarness.reply;
import static dev.jaydns.plugins.cache.CacheHarness.rr;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jaydns.plugin.Query;
import dev.jaydns.plugin.testkit.TestQuery;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** A13 cache keys (DO, CD, class, case) and the byte-level hit path (compression, OPT, AD). */
class CacheKeyAndWireTest {

  private static CacheHarness answeringA() throws Exception {
    CacheHarness h = new CacheHarness("cache 30");
    h.upstreamAnswers(
        q -> reply(q, Rcode.NOERROR, List.of(rr(q.name(), Type.A, 300, "1.2.3.4")),
            List.of(), List.of()));
    return h;
  }

  @Test
  void doBitIsPartOfTheKey() throws Exception {
    CacheHarness h = answeringA();
    h.ask(TestQuery.of("example.org.", Type.A).dnssecOk().build());
    h.ask(TestQuery.of("example.org.", Type.A).edns(1232).build());
    assertThat(h.upstreamCount()).isEqualTo(2);
    h.ask(TestQuery.of("example.org.", Type.A).dnssecOk().build());
    h.ask(TestQuery.query("example.org.", Type.A));
    assertThat(h.upstreamCount()).isEqualTo(2);
  }

  @Test
  void answerFetchedWithCheckingDisabledIsNeverServedToAValidatingClient() throws Exception {
    CacheHarness h = answeringA();
    h.ask(TestQuery.of("example.org.", Type.A).checkingDisabled().build());
    h.ask(TestQuery.query("example.org.", Type.A));
    assertThat(h.upstreamCount()).isEqualTo(2);
    Message cd = h.askMessage(TestQuery.of("example.org.", Type.A).checkingDisabled().build());
    assertThat(cd.getHeader().getFlag(Flags.CD)).isTrue();
    assertThat(h.upstreamCount()).isEqualTo(2);
  }

  @Test
  void classIsPartOfTheKey() throws Exception {
    CacheHarness h = new CacheHarness("cache 30");
    Record soa = rr("org.", Type.SOA, 60, "ns.org. admin.org. 1 7200 3600 1209600 60");
    h.upstreamAnswers(
        q -> q.qclass() == DClass.CH
            ? reply(q, Rcode.NXDOMAIN, List.of(), List.of(soa), List.of())
            : reply(q, Rcode.NOERROR, List.of(rr(q.name(), Type.A, 300, "1.2.3.4")), List.of(),
                List.of()));
    assertThat(h.askMessage(TestQuery.of("example.org.", Type.A).dclass(DClass.CH).build())
        .getRcode()).isEqualTo(Rcode.NXDOMAIN);
    Message in = h.askMessage(TestQuery.query("example.org.", Type.A));
    assertThat(in.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(h.upstreamCount()).isEqualTo(2);
    assertThat(h.askMessage(TestQuery.of("example.org.", Type.A).dclass(DClass.CH).build())
        .getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(h.upstreamCount()).isEqualTo(2);
  }

  @Test
  void typeIsPartOfTheKey() throws Exception {
    CacheHarness h = answeringA();
    h.ask(TestQuery.query("example.org.", Type.A));
    h.ask(TestQuery.query("example.org.", Type.AAAA));
    assertThat(h.upstreamCount()).isEqualTo(2);
  }

  @Test
  void keyIgnoresCaseAndTheHitEchoesTheClientsSpelling() throws Exception {
    CacheHarness h = answeringA();
    h.ask(TestQuery.query("www.example.org.", Type.A));
    Message m = h.askMessage(TestQuery.query("WwW.ExAmPlE.org.", Type.A));
    assertThat(h.upstreamCount()).isEqualTo(1);
    byte[] wire = m.toWire();
    assertThat(m.getQuestion().getName().toString()).isEqualTo("WwW.ExAmPlE.org.");
    // The answer's owner is compressed to the question, so it reads in the client's spelling too.
    assertThat(m.getSection(Section.ANSWER).get(0).getName().toString())
        .isEqualTo("WwW.ExAmPlE.org.");
    assertThat(wire.length).isGreaterThan(12);
  }

  @Test
  void namesDifferingOnlyPastTheFirstEightBytesAreDifferentKeys() throws Exception {
    CacheHarness h = answeringA();
    h.ask(TestQuery.query("abcdefghijkl1.example.org.", Type.A));
    h.ask(TestQuery.query("abcdefghijkl2.example.org.", Type.A));
    h.ask(TestQuery.query("ABCDEFGHIJKL1.example.org.", Type.A));
    assertThat(h.upstreamCount()).isEqualTo(2);
  }

  @Test
  void compressedAnswersSurviveTheHitPath() throws Exception {
    CacheHarness h = new CacheHarness("cache 30");
    h.upstreamAnswers(
        q -> {
          Message m = reply(q, Rcode.NOERROR,
              List.of(rr("www.example.org.", Type.CNAME, 300, "web.cdn.example.net."),
                  rr("web.cdn.example.net.", Type.CNAME, 300, "edge.cdn.example.net."),
                  rr("edge.cdn.example.net.", Type.A, 300, "192.0.2.1"),
                  rr("edge.cdn.example.net.", Type.A, 300, "192.0.2.2")),
              List.of(rr("cdn.example.net.", Type.NS, 300, "ns1.cdn.example.net.")),
              List.of(rr("ns1.cdn.example.net.", Type.A, 300, "192.0.2.53")));
          m.addRecord(new org.xbill.DNS.OPTRecord(1232, 0, 0), Section.ADDITIONAL);
          return m;
        });
    Message miss = h.askMessage(TestQuery.of("www.example.org.", Type.A).edns(4096).build());
    h.clock.advanceMillis(3000);
    Query q = TestQuery.of("WWW.example.ORG.", Type.A).id(777).edns(1400).build();
    byte[] wire = h.ask(q).wire();
    Message hit = CacheHarness.parse(wire);
    assertThat(h.upstreamCount()).isEqualTo(1);
    assertThat(hit.getHeader().getID()).isEqualTo(777);
    for (int section : new int[] {Section.ANSWER, Section.AUTHORITY}) {
      List<Record> want = miss.getSection(section);
      List<Record> got = hit.getSection(section);
      assertThat(got).hasSize(want.size());
      for (int i = 0; i < want.size(); i++) {
        assertThat(got.get(i).getName()).isEqualTo(want.get(i).getName());
        assertThat(got.get(i).rdataToString()).isEqualTo(want.get(i).rdataToString());
        assertThat(got.get(i).getTTL()).isEqualTo(27);
      }
    }
    assertThat(hit.getSection(Section.ADDITIONAL)).hasSize(2);
    assertThat(hit.getSection(Section.ADDITIONAL).get(0).getName())
        .isEqualTo(Name.fromString("ns1.cdn.example.net."));
    assertThat(hit.getSection(Section.ADDITIONAL).get(0).getTTL()).isEqualTo(27);
    // One OPT only: the client's, mirrored; the upstream's was not stored.
    assertThat(hit.getOPT().getPayloadSize()).isEqualTo(1400);
    assertThat(hit.getHeader().getCount(Section.ADDITIONAL)).isEqualTo(2);
  }

  @Test
  void noOptForClientsWithoutEdnsAndDoIsEchoed() throws Exception {
    CacheHarness h = new CacheHarness("cache 30");
    h.upstreamAnswers(
        q -> {
          Message m = reply(q, Rcode.NOERROR, List.of(rr(q.name(), Type.A, 300, "1.2.3.4")),
              List.of(), List.of());
          m.addRecord(new org.xbill.DNS.OPTRecord(1232, 0, 0), Section.ADDITIONAL);
          return m;
        });
    h.ask(TestQuery.query("example.org.", Type.A));
    Message plain = h.askMessage(TestQuery.query("example.org.", Type.A));
    assertThat(plain.getOPT()).isNull();
    assertThat(plain.getSection(Section.ADDITIONAL)).isEmpty();
    Message edns = h.askMessage(TestQuery.of("example.org.", Type.A).edns(2000).build());
    assertThat(edns.getOPT().getPayloadSize()).isEqualTo(2000);
    assertThat(edns.getOPT().getFlags() & org.xbill.DNS.ExtendedFlags.DO).isZero();
    h.ask(TestQuery.of("example.org.", Type.A).dnssecOk().build());
    Message dnssec = h.askMessage(TestQuery.of("example.org.", Type.A).dnssecOk().build());
    assertThat(dnssec.getOPT().getFlags() & org.xbill.DNS.ExtendedFlags.DO).isNotZero();
  }

  @Test
  void adBitIsKeptOnlyForClientsThatAskedForDoOrAd() throws Exception {
    CacheHarness h = new CacheHarness("cache 30");
    h.upstreamAnswers(
        q -> {
          Message m = reply(q, Rcode.NOERROR, List.of(rr(q.name(), Type.A, 300, "1.2.3.4")),
              List.of(), List.of());
          m.getHeader().setFlag(Flags.AD);
          return m;
        });
    assertThat(h.askMessage(TestQuery.query("example.org.", Type.A)).getHeader().getFlag(Flags.AD))
        .isFalse();
    assertThat(h.askMessage(TestQuery.query("example.org.", Type.A)).getHeader().getFlag(Flags.AD))
        .isFalse();
    assertThat(h.askMessage(TestQuery.of("example.org.", Type.A).authenticData().build())
        .getHeader().getFlag(Flags.AD)).isTrue();
    assertThat(h.upstreamCount()).isEqualTo(1);
  }

  @Test
  void hitCopiesRdAndCdFromTheQueryAndRaFromTheEntry() throws Exception {
    CacheHarness h = answeringA();
    h.ask(TestQuery.of("example.org.", Type.A).noRecursion().build());
    Message m = h.askMessage(TestQuery.of("example.org.", Type.A).noRecursion().build());
    assertThat(m.getHeader().getFlag(Flags.RD)).isFalse();
    assertThat(m.getHeader().getFlag(Flags.RA)).isTrue();
    assertThat(m.getHeader().getFlag(Flags.CD)).isFalse();
    assertThat(h.upstreamCount()).isEqualTo(1);
  }

  @Test
  void optInTheMiddleOfTheAdditionalSectionIsCutCleanly() throws Exception {
    CacheHarness h = new CacheHarness("cache 30");
    h.upstreamAnswersWire(
        q -> {
          Message m = reply(q, Rcode.NOERROR, List.of(rr(q.name(), Type.A, 300, "1.2.3.4")),
              List.of(), List.of(rr("x.example.org.", Type.A, 300, "9.9.9.9")));
          byte[] w = m.toWire();
          // Insert an OPT record before the additional A record by hand.
          Message withOpt = reply(q, Rcode.NOERROR,
              List.of(rr(q.name(), Type.A, 300, "1.2.3.4")), List.of(), List.of());
          withOpt.addRecord(new org.xbill.DNS.OPTRecord(1232, 0, 0), Section.ADDITIONAL);
          byte[] head = withOpt.toWire();
          byte[] tail = java.util.Arrays.copyOfRange(w, w.length - 16, w.length);
          byte[] out = java.util.Arrays.copyOf(head, head.length + tail.length);
          System.arraycopy(tail, 0, out, head.length, tail.length);
          out[11] = 2;
          return out;
        });
    h.ask(TestQuery.query("example.org.", Type.A));
    Message hit = h.askMessage(TestQuery.query("example.org.", Type.A));
    assertThat(h.upstreamCount()).isEqualTo(1);
    assertThat(hit.getOPT()).isNull();
    assertThat(hit.getSection(Section.ADDITIONAL)).hasSize(1);
    assertThat(hit.getSection(Section.ADDITIONAL).get(0).rdataToString()).isEqualTo("9.9.9.9");
  }

  @Test
  void questionKeyFoldsAsciiCaseOnly() {
    byte[] a = "\u0003ABC\u00c1Z[@`".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    byte[] b = "\u0003abc\u00c1z[@`".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    byte[] c = "\u0003abc\u00e1z[@`".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThat(QuestionKey.equalIgnoreCase(a, b, 0, a.length)).isTrue();
    assertThat(QuestionKey.equalIgnoreCase(a, c, 0, a.length)).isFalse();
    assertThat(QuestionKey.hash(1, a, 0, a.length, false, false, 0))
        .isEqualTo(QuestionKey.hash(1, b, 0, b.length, false, false, 0))
        .isNotEqualTo(QuestionKey.hash(1, c, 0, c.length, false, false, 0))
        .isNotEqualTo(QuestionKey.hash(1, b, 0, b.length, true, false, 0))
        .isNotEqualTo(QuestionKey.hash(1, b, 0, b.length, false, true, 0))
        .isNotEqualTo(QuestionKey.hash(1, b, 0, b.length, false, false, 1));
    assertThat(QuestionKey.lower(0x5A5B404160617A7BL)).isEqualTo(0x7A5B406160617A7BL);
  }
}
