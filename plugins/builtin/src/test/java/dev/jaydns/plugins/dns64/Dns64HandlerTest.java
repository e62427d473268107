package dev.jaydns.plugins.dns64;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jaydns.plugin.Query;
import dev.jaydns.plugin.Response;
import dev.jaydns.plugin.testkit.RecordingChain;
import dev.jaydns.plugin.testkit.TestPluginContext;
import dev.jaydns.plugin.testkit.TestQuery;
import dev.jaydns.plugins.testing.Snippets;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class Dns64HandlerTest {

  private static final InetSocketAddress V6_CLIENT = new InetSocketAddress("::1", 40000);
  private static final InetSocketAddress V4_CLIENT = new InetSocketAddress("127.0.0.1", 40000);

  private final MeterRegistry registry = new SimpleMeterRegistry();

  private Dns64Handler handler(String corefile) throws Exception {
    var instance = Snippets.setup(new Dns64Plugin(), corefile);
    instance.start(new TestPluginContext(null, registry, List.of("."), List.of(V4_CLIENT)));
    return (Dns64Handler) instance.handler();
  }

  private double translated() {
    var c = registry.find("coredns.dns64.requests.translated").tag("server", "dns://127.0.0.1:1053").counter();
    return c == null ? 0 : c.count();
  }

  private static Query aaaa(String name, InetSocketAddress client) {
    return TestQuery.of(name, Type.AAAA).edns(1232).id(777).from(client).build();
  }

  private static Name n(String s) {
    return Name.fromConstantString(s);
  }

  private static Record a(String name, long ttl, String ip) throws Exception {
    return new ARecord(n(name), DClass.IN, ttl, InetAddress.getByName(ip));
  }

  private static Record soa(long ttl) {
    return new SOARecord(
        n("example.org."), DClass.IN, ttl, n("ns.example.org."), n("admin.example.org."), 1, 2, 3,
        4, 5);
  }

  /**
   * A chain answering AAAA with {@code onAaaa} and A with a CNAME, two A records (TTL 900), an NS
   * in authority and an A in additional.
   */
  private static RecordingChain chain(Function<Query, Message> onAaaa) {
    return new RecordingChain(
        q -> {
          if (q.qtype() == Type.AAAA) {
            return CompletableFuture.completedFuture(Response.of(onAaaa.apply(q)));
          }
          try {
            Message m = RecordingChain.reply(q, Rcode.NOERROR);
            m.addRecord(
                new CNAMERecord(n("www.example.org."), DClass.IN, 900, n("web.example.org.")),
                Section.ANSWER);
            m.addRecord(a("web.example.org.", 900, "192.0.2.33"), Section.ANSWER);
            m.addRecord(a("web.example.org.", 30, "198.51.100.7"), Section.ANSWER);
            m.addRecord(
                new NSRecord(n("example.org."), DClass.IN, 3600, n("ns.example.org.")),
                Section.AUTHORITY);
            m.addRecord(a("ns.example.org.", 3600, "192.0.2.53"), Section.ADDITIONAL);
            return CompletableFuture.completedFuture(Response.of(m));
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
  }

  private static Message noData(Query q, long soaTtl) {
    Message m = RecordingChain.reply(q, Rcode.NOERROR);
    m.addRecord(soa(soaTtl), Section.AUTHORITY);
    return m;
  }

  private static Message withAaaa(Query q) {
    Message m = RecordingChain.reply(q, Rcode.NOERROR);
    try {
      m.addRecord(
          new AAAARecord(n("www.example.org."), DClass.IN, 60, InetAddress.getByName("2001:db8::1")),
          Section.ANSWER);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return m;
  }

  private static List<String> answers(Response r) {
    return r.message().getSection(Section.ANSWER).stream()
        .map(
            rec ->
                rec.getName() + " " + rec.getTTL() + " " + Type.string(rec.getType()) + " "
                    + (rec instanceof AAAARecord six
                        ? dev.jaydns.plugin.net.IpLiteral.format(six.getAddress())
                        : rec.rdataToString()))
        .toList();
  }

  @Test
  void anEmptyAaaaAnswerIsSynthesizedFromTheALookup() throws Exception {
    Dns64Handler h = handler(". {\n dns64\n}\n");
    RecordingChain next = chain(q -> noData(q, 300));
    Response r = Snippets.run(h, aaaa("www.example.org.", V6_CLIENT), next);

    assertThat(next.count()).isEqualTo(2);
    Query aQuery = next.queries().get(1);
    assertThat(aQuery.qtype()).isEqualTo(Type.A);
    assertThat(aQuery.name()).isEqualTo("www.example.org.");
    assertThat(aQuery.id()).isEqualTo(777);
    assertThat(aQuery.ednsUdpSize()).isEqualTo(1232);
    assertThat(aQuery.remote()).isEqualTo(V6_CLIENT);

    Message m = r.message();
    assertThat(m.getHeader().getID()).isEqualTo(777);
    assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(m.getHeader().getFlag(Flags.QR)).isTrue();
    assertThat(m.getHeader().getFlag(Flags.RA)).isTrue();
    assertThat(m.getHeader().getFlag(Flags.AA)).isFalse();
    assertThat(m.getQuestion().getType()).isEqualTo(Type.AAAA);
    // TTLs are capped by the AAAA answer's SOA TTL (300); the CNAME passes unchanged.
    assertThat(answers(r))
        .containsExactly(
            "www.example.org. 900 CNAME web.example.org.",
            "web.example.org. 300 AAAA 64:ff9b::c000:221",
            "web.example.org. 30 AAAA 64:ff9b::c633:6407");
    assertThat(m.getSection(Section.AUTHORITY)).hasSize(1);
    assertThat(m.getSection(Section.AUTHORITY).get(0).getType()).isEqualTo(Type.NS);
    assertThat(m.getSection(Section.ADDITIONAL)).extracting(Record::getType).containsExactly(Type.A);
    assertThat(translated()).isEqualTo(1);
  }

  @Test
  void withoutSoaTheTtlIsCappedAt600AndTheCustomPrefixIsUsed() throws Exception {
    Dns64Handler h = handler(". {\n dns64 2001:db8:122::/48\n}\n");
    RecordingChain next = chain(q -> RecordingChain.reply(q, Rcode.NOERROR));
    Response r = Snippets.run(h, aaaa("www.example.org.", V6_CLIENT), next);
    assertThat(answers(r))
        .contains("web.example.org. 600 AAAA 2001:db8:122:c000:2:2100::");
  }

  @Test
  void ipv4ClientsAreLeftAloneUnlessAllowed() throws Exception {
    RecordingChain next = chain(q -> noData(q, 300));
    Response plain = Snippets.run(handler(". {\n dns64\n}\n"), aaaa("www.example.org.", V4_CLIENT), next);
    assertThat(next.count()).isEqualTo(1);
    assertThat(answers(plain)).isEmpty();

    Response allowed =
        Snippets.run(
            handler(". {\n dns64 {\n  allow_ipv4\n }\n}\n"), aaaa("www.example.org.", V4_CLIENT), next);
    assertThat(next.count()).isEqualTo(3);
    assertThat(answers(allowed)).hasSize(3);
  }

  @Test
  void anAaaaAnswerWithAddressesStandsUnlessTranslateAll() throws Exception {
    RecordingChain next = chain(Dns64HandlerTest::withAaaa);
    Response kept = Snippets.run(handler(". {\n dns64\n}\n"), aaaa("www.example.org.", V6_CLIENT), next);
    assertThat(next.count()).isEqualTo(1);
    assertThat(answers(kept)).containsExactly("www.example.org. 60 AAAA 2001:db8::1");
    assertThat(translated()).isZero();

    Response all =
        Snippets.run(
            handler(". {\n dns64 {\n  translate_all\n }\n}\n"),
            aaaa("www.example.org.", V6_CLIENT),
            next);
    assertThat(next.count()).isEqualTo(3);
    assertThat(answers(all)).hasSize(3).noneMatch(s -> s.contains("2001:db8::1"));
    assertThat(translated()).isEqualTo(1);
  }

  @Test
  void nxdomainAndFailuresPassThrough() throws Exception {
    Dns64Handler h = handler(". {\n dns64 {\n  translate_all\n }\n}\n");
    RecordingChain nx = chain(q -> RecordingChain.reply(q, Rcode.NXDOMAIN));
    assertThat(Snippets.run(h, aaaa("www.example.org.", V6_CLIENT), nx).rcode())
        .isEqualTo(Rcode.NXDOMAIN);
    assertThat(nx.count()).isEqualTo(1);

    RecordingChain failing = RecordingChain.failing(Rcode.SERVFAIL, "upstream down");
    Response failed = Snippets.run(h, aaaa("www.example.org.", V6_CLIENT), failing);
    assertThat(failed.isWritten()).isFalse();
    assertThat(failing.count()).isEqualTo(1);
    assertThat(translated()).isZero();
  }

  @Test
  void aWrittenServfailIsTreatedAsEmpty() throws Exception {
    Dns64Handler h = handler(". {\n dns64\n}\n");
    RecordingChain next = chain(q -> RecordingChain.reply(q, Rcode.SERVFAIL));
    Response r = Snippets.run(h, aaaa("www.example.org.", V6_CLIENT), next);
    assertThat(r.rcode()).isEqualTo(Rcode.NOERROR);
    assertThat(answers(r)).hasSize(3);
  }

  @Test
  void aFailedALookupLeavesTheAaaaAnswer() throws Exception {
    Dns64Handler h = handler(". {\n dns64\n}\n");
    RecordingChain next =
        new RecordingChain(
            q ->
                q.qtype() == Type.AAAA
                    ? CompletableFuture.completedFuture(Response.of(noData(q, 300)))
                    : Response.failed(Rcode.SERVFAIL, new RuntimeException("down")));
    Response r = Snippets.run(h, aaaa("www.example.org.", V6_CLIENT), next);
    assertThat(next.count()).isEqualTo(2);
    assertThat(r.rcode()).isEqualTo(Rcode.NOERROR);
    assertThat(r.message().getSection(Section.AUTHORITY)).extracting(Record::getType).containsExactly(Type.SOA);
    assertThat(translated()).isZero();
  }

  @Test
  void otherTypesAndClassesAreNotTouched() throws Exception {
    Dns64Handler h = handler(". {\n dns64\n}\n");
    RecordingChain next = chain(q -> noData(q, 300));
    Snippets.run(h, TestQuery.of("www.example.org.", Type.A).from(V6_CLIENT).build(), next);
    Snippets.run(
        h, TestQuery.of("www.example.org.", Type.AAAA).dclass(DClass.CH).from(V6_CLIENT).build(), next);
    assertThat(next.count()).isEqualTo(2);
    assertThat(translated()).isZero();
  }

  @Test
  void answerScanFindsTypesPastCompressedNames() throws Exception {
    Query q = aaaa("www.example.org.", V6_CLIENT);
    Message m = RecordingChain.reply(q, Rcode.NOERROR);
    m.addRecord(new CNAMERecord(n("www.example.org."), DClass.IN, 9, n("web.example.org.")), Section.ANSWER);
    assertThat(Dns64Handler.answerHolds(m.toWire(), Type.AAAA)).isFalse();
    m.addRecord(
        new AAAARecord(n("web.example.org."), DClass.IN, 9, InetAddress.getByName("2001:db8::2")),
        Section.ANSWER);
    assertThat(Dns64Handler.answerHolds(m.toWire(), Type.AAAA)).isTrue();
  }
}
