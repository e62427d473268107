package dev.jaydns.plugins.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jaydns.plugin.Query;
import dev.jaydns.plugin.Response;
import dev.jaydns.plugin.testkit.RecordingChain;
import dev.jaydns.plugin.testkit.TestQuery;
import dev.jaydns.plugins.testing.Snippets;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.GenericEDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class RewriteHandlerTest {

  /** Answers every query with one A record owned by the name it received, TTL 300. */
  private final RecordingChain next =
      RecordingChain.answering(
          Rcode.NOERROR,
          q -> List.of(new ARecord(name(q.name()), DClass.IN, 300, ip("10.0.0.1"))));

  private static Name name(String s) {
    try {
      return Name.fromString(s);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static InetAddress ip(String s) {
    try {
      return InetAddress.getByName(s);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static RewriteHandler handler(String rules) throws Exception {
    return new RewriteHandler(
        RewritePlugin.parse(Snippets.config("rewrite", ". {\n" + rules + "}\n")));
  }

  private Response ask(RewriteHandler h, Query q) {
    return Snippets.run(h, q, next);
  }

  private String seen() {
    return next.queries().get(next.count() - 1).name();
  }

  @Test
  void exactNameIsRewrittenAndTheAnswerMappedBackInTheClientsSpelling() throws Exception {
    RewriteHandler h = handler(" rewrite name exact a.example.org b.example.net\n");
    Message m = ask(h, TestQuery.query("A.Example.org.", Type.A)).message();
    assertThat(seen()).isEqualTo("b.example.net.");
    assertThat(m.getQuestion().getName().toString()).isEqualTo("A.Example.org.");
    assertThat(m.getSection(Section.ANSWER).get(0).getName().toString())
        .isEqualTo("A.Example.org.");
    assertThat(m.getQuestion().getType()).isEqualTo(Type.A);
  }

  @Test
  void theShortFormIsExact() throws Exception {
    RewriteHandler h = handler(" rewrite name a.example.org b.example.net\n");
    ask(h, TestQuery.query("a.example.org.", Type.A));
    assertThat(seen()).isEqualTo("b.example.net.");
    ask(h, TestQuery.query("x.a.example.org.", Type.A));
    assertThat(seen()).isEqualTo("x.a.example.org.");
  }

  @Test
  void prefixSuffixSubstringAndRegex() throws Exception {
    RewriteHandler h =
        handler(
            " rewrite continue name prefix foo bar\n"
                + " rewrite continue name suffix .schmoogle.com. .google.com.\n"
                + " rewrite continue name substring west-1 east-2\n"
                + " rewrite name regex (.*)-(us-east-2)\\.example\\.org {1}.service.{2}.consul\n");
    ask(h, TestQuery.query("foo.www.schmoogle.com.", Type.A));
    assertThat(seen()).isEqualTo("bar.www.google.com.");
    ask(h, TestQuery.query("ftp-us-west-1.example.org.", Type.A));
    assertThat(seen()).isEqualTo("ftp.service.us-east-2.consul.");
  }

  @Test
  void regexWithAnswerNameAndValue() throws Exception {
    RewriteHandler h =
        handler(
            " rewrite stop {\n  name regex (.*)-(us-west-1)\\.coredns\\.rocks {1}.service.{2}.consul\n"
                + "  answer name (.*)\\.service\\.(us-west-1)\\.consul {1}-{2}.coredns.rocks\n"
                + " }\n");
    Message m = ask(h, TestQuery.query("ftp-us-west-1.coredns.rocks.", Type.A)).message();
    assertThat(seen()).isEqualTo("ftp.service.us-west-1.consul.");
    assertThat(m.getQuestion().getName().toString()).isEqualTo("ftp-us-west-1.coredns.rocks.");
    assertThat(m.getSection(Section.ANSWER).get(0).getName().toString())
        .isEqualTo("ftp-us-west-1.coredns.rocks.");

    RecordingChain cnames =
        RecordingChain.answering(
            Rcode.NOERROR,
            q ->
                List.of(
                    new CNAMERecord(
                        name(q.name()), DClass.IN, 60, name("www.service.us-west-1.consul."))));
    RewriteHandler v =
        handler(
            " rewrite name regex (.*)-(us-west-1)\\.coredns\\.rocks {1}.service.{2}.consul"
                + " answer name (.*)\\.service\\.(us-west-1)\\.consul {1}-{2}.coredns.rocks"
                + " answer value (.*)\\.service\\.(us-west-1)\\.consul {1}-{2}.coredns.rocks\n");
    Message c =
        Snippets.run(v, TestQuery.query("ftp-us-west-1.coredns.rocks.", Type.CNAME), cnames)
            .message();
    Record cname = c.getSection(Section.ANSWER).get(0);
    assertThat(cname.getName().toString()).isEqualTo("ftp-us-west-1.coredns.rocks.");
    assertThat(((CNAMERecord) cname).getTarget().toString()).isEqualTo("www-us-west-1.coredns.rocks.");
  }

  @Test
  void answerAutoReversesASuffixRule() throws Exception {
    RewriteHandler h = handler(" rewrite name suffix .internal. .example.org. answer auto\n");
    Message m = ask(h, TestQuery.query("db.internal.", Type.A)).message();
    assertThat(seen()).isEqualTo("db.example.org.");
    assertThat(m.getSection(Section.ANSWER).get(0).getName().toString()).isEqualTo("db.internal.");
  }

  @Test
  void stopEndsTheListAndContinueDoesNot() throws Exception {
    RewriteHandler stop =
        handler(" rewrite name a.example.org b.example.org\n rewrite name b.example.org c.example.org\n");
    ask(stop, TestQuery.query("a.example.org.", Type.A));
    assertThat(seen()).isEqualTo("b.example.org.");
    RewriteHandler cont =
        handler(
            " rewrite continue name a.example.org b.example.org\n"
                + " rewrite name b.example.org c.example.org\n");
    Message m = ask(cont, TestQuery.query("a.example.org.", Type.A)).message();
    assertThat(seen()).isEqualTo("c.example.org.");
    assertThat(m.getSection(Section.ANSWER).get(0).getName().toString()).isEqualTo("a.example.org.");
  }

  @Test
  void typeAndClassRulesKeepTheClientsQuestion() throws Exception {
    RewriteHandler h = handler(" rewrite continue type ANY HINFO\n rewrite class CH IN\n");
    Message m =
        ask(h, TestQuery.of("example.org.", Type.ANY).dclass(DClass.CH).build()).message();
    Query down = next.queries().get(0);
    assertThat(down.qtype()).isEqualTo(Type.HINFO);
    assertThat(down.qclass()).isEqualTo(DClass.IN);
    assertThat(m.getQuestion().getType()).isEqualTo(Type.ANY);
    assertThat(m.getQuestion().getDClass()).isEqualTo(DClass.CH);
  }

  @Test
  void ttlSetAndClamped() throws Exception {
    Message set = ask(handler(" rewrite ttl example.org 15\n"), TestQuery.query("example.org.", Type.A)).message();
    assertThat(set.getSection(Section.ANSWER).get(0).getTTL()).isEqualTo(15);
    Message clamped =
        ask(handler(" rewrite ttl regex .*\\.org 30-120\n"), TestQuery.query("x.example.org.", Type.A))
            .message();
    assertThat(clamped.getSection(Section.ANSWER).get(0).getTTL()).isEqualTo(120);
    Message floor =
        ask(handler(" rewrite ttl suffix .org 600-\n"), TestQuery.of("x.example.org.", Type.A).edns(1232).dnssecOk().build())
            .message();
    assertThat(floor.getSection(Section.ANSWER).get(0).getTTL()).isEqualTo(600);
    Message other = ask(handler(" rewrite ttl example.org 15\n"), TestQuery.query("example.net.", Type.A)).message();
    assertThat(other.getSection(Section.ANSWER).get(0).getTTL()).isEqualTo(300);
  }

  @Test
  void rcodeRule() throws Exception {
    RecordingChain nx = RecordingChain.answering(Rcode.NXDOMAIN, q -> List.of());
    RewriteHandler h = handler(" rewrite rcode suffix .example.org. NXDOMAIN NOERROR\n");
    assertThat(Snippets.run(h, TestQuery.query("a.example.org.", Type.A), nx).rcode())
        .isEqualTo(Rcode.NOERROR);
    assertThat(Snippets.run(h, TestQuery.query("a.example.net.", Type.A), nx).rcode())
        .isEqualTo(Rcode.NXDOMAIN);
  }

  @Test
  void edns0LocalSubnetNsidAndUnset() throws Exception {
    RewriteHandler h =
        handler(
            " rewrite continue edns0 local set 0xffee 0x61626364\n"
                + " rewrite continue edns0 subnet set 24 56\n"
                + " rewrite continue edns0 nsid append\n"
                + " rewrite edns0 local set 0xffed {client_port}\n");
    ask(h, TestQuery.of("example.org.", Type.A).from(new InetSocketAddress("192.0.2.77", 4660)).build());
    OPTRecord opt = next.queries().get(0).message().getOPT();
    assertThat(opt).isNotNull();
    assertThat(opt.getPayloadSize()).isEqualTo(4096);
    List<EDNSOption> options = opt.getOptions();
    assertThat(options).extracting(EDNSOption::getCode).containsExactly(0xffee, 8, 3, 0xffed);
    assertThat(((GenericEDNSOption) options.get(0)).toString()).contains("61626364");
    ClientSubnetOption ecs = (ClientSubnetOption) options.get(1);
    assertThat(ecs.getSourcePrefixLength()).isEqualTo(24);
    assertThat(ecs.getAddress().getHostAddress()).isEqualTo("192.0.2.0");
    assertThat(options.get(3).toString()).contains("1234");

    RewriteHandler unset = handler(" rewrite edns0 local unset 0xffee\n");
    Message withOption = TestQuery.of("example.org.", Type.A).edns(1232).message();
    OPTRecord o = withOption.getOPT();
    withOption.removeRecord(o, Section.ADDITIONAL);
    withOption.addRecord(
        new OPTRecord(1232, 0, 0, 0, List.of(new GenericEDNSOption(0xffee, new byte[] {1}))),
        Section.ADDITIONAL);
    Query q = TestQuery.query("example.org.", Type.A).withMessage(withOption);
    ask(unset, q);
    OPTRecord after = next.queries().get(1).message().getOPT();
    assertThat(after.getPayloadSize()).isEqualTo(1232);
    assertThat(after.getOptions()).isEmpty();
  }

  @Test
  void revertRemovesTheOptionFromTheAnswer() throws Exception {
    RecordingChain echo =
        new RecordingChain(
            q -> {
              Message reply = RecordingChain.reply(q, Rcode.NOERROR);
              reply.addRecord(q.message().getOPT(), Section.ADDITIONAL);
              return CompletableFuture.completedFuture(Response.of(reply));
            });
    RewriteHandler h = handler(" rewrite edns0 local set 0xffee abcd revert\n");
    Response r = Snippets.run(h, TestQuery.of("example.org.", Type.A).edns(1232).build(), echo);
    assertThat(echo.queries().get(0).message().getOPT().getOptions(0xffee)).hasSize(1);
    assertThat(r.message().getOPT().getOptions(0xffee)).isEmpty();
  }

  @Test
  void anIllegalNameAfterRewriteIsServfailAndNothingPasses() throws Exception {
    String label = "x".repeat(60);
    RewriteHandler h = handler(" rewrite name suffix .org. ." + label + "." + label + "." + label + "." + label + ".org.\n");
    Response r = ask(h, TestQuery.query("a.example.org.", Type.A));
    assertThat(r.isWritten()).isFalse();
    assertThat(r.rcode()).isEqualTo(Rcode.SERVFAIL);
    assertThat(r.error().getMessage()).startsWith("invalid name after rewrite: a.example.");
    assertThat(next.count()).isZero();
  }

  @Test
  void aQueryNoRuleMatchesPassesUntouched() throws Exception {
    RewriteHandler h = handler(" rewrite name a.example.org b.example.org\n");
    Query q = TestQuery.query("c.example.org.", Type.A);
    ask(h, q);
    assertThat(next.queries().get(0)).isSameAs(q);
  }

  @Test
  void failuresPassThroughUnchanged() throws Exception {
    RewriteHandler h = handler(" rewrite name a.example.org b.example.org\n");
    Response r =
        Snippets.run(h, TestQuery.query("a.example.org.", Type.A), RecordingChain.failing(Rcode.SERVFAIL, "down"));
    assertThat(r.isWritten()).isFalse();
    assertThat(r.error().getMessage()).isEqualTo("down");
  }

  /**
   * A chain where www.example.org is a CNAME to x.cdn.example.net (with its A record) and any
   * other name has one A record 10.0.0.2 plus an A record of an unrelated name.
   */
  private static RecordingChain cdn() {
    return new RecordingChain(
        q -> {
          Message m = RecordingChain.reply(q, Rcode.NOERROR);
          if (q.name().equals("www.example.org.")) {
            m.addRecord(
                new CNAMERecord(name("www.example.org."), DClass.IN, 60, name("x.cdn.example.net.")),
                Section.ANSWER);
            m.addRecord(new ARecord(name("x.cdn.example.net."), DClass.IN, 60, ip("10.0.0.1")), Section.ANSWER);
          } else {
            m.addRecord(new ARecord(name(q.name()), DClass.IN, 30, ip("10.0.0.2")), Section.ANSWER);
            m.addRecord(new ARecord(name("unrelated.example."), DClass.IN, 30, ip("10.0.0.3")), Section.ANSWER);
          }
          return CompletableFuture.completedFuture(Response.of(m));
        });
  }

  private static List<String> answer(Response r) {
    return r.message().getSection(Section.ANSWER).stream()
        .map(x -> x.getName() + " " + Type.string(x.getType()) + " " + x.rdataToString())
        .toList();
  }

  @Test
  void cnameTargetsAreRewrittenAndTheNewTargetResolved() throws Exception {
    RecordingChain chain = cdn();
    for (String rule :
        List.of(
            " rewrite cname exact x.cdn.example.net. x.other.cdn.com.\n",
            " rewrite cname regex (.*).cdn.example.net. {1}.other.cdn.com.\n",
            " rewrite cname suffix .cdn.example.net. .other.cdn.com.\n")) {
      Response r = Snippets.run(handler(rule), TestQuery.query("www.example.org.", Type.A), chain);
      assertThat(answer(r))
          .as(rule)
          .containsExactly(
              "www.example.org. CNAME x.other.cdn.com.", "x.other.cdn.com. A 10.0.0.2");
      Query again = chain.queries().get(chain.count() - 1);
      assertThat(again.name()).isEqualTo("x.other.cdn.com.");
      assertThat(again.qtype()).isEqualTo(Type.A);
    }
    assertThat(chain.count()).isEqualTo(6);
  }

  @Test
  void cnameRulesCompareTheTargetAsWritten() throws Exception {
    RecordingChain chain = cdn();
    // As in CoreDNS, FROM is not made fully qualified, so without the final dot it never matches.
    Response r =
        Snippets.run(
            handler(" rewrite cname exact x.cdn.example.net x.other.cdn.com\n"),
            TestQuery.query("www.example.org.", Type.A),
            chain);
    assertThat(answer(r)).containsExactly("www.example.org. CNAME x.cdn.example.net.", "x.cdn.example.net. A 10.0.0.1");
    assertThat(chain.count()).isEqualTo(1);
  }

  @Test
  void aStopCnameRuleEndsTheListForEveryQuery() throws Exception {
    RewriteHandler h =
        handler(
            " rewrite cname exact a.example. b.example.\n"
                + " rewrite name exact www.example.org. other.example.org.\n");
    ask(h, TestQuery.query("www.example.org.", Type.A));
    assertThat(seen()).isEqualTo("www.example.org.");
    RewriteHandler cont =
        handler(
            " rewrite continue cname exact a.example. b.example.\n"
                + " rewrite name exact www.example.org. other.example.org.\n");
    ask(cont, TestQuery.query("www.example.org.", Type.A));
    assertThat(seen()).isEqualTo("other.example.org.");
  }

  @Test
  void aFailedLookupOfTheNewTargetLeavesTheAnswer() throws Exception {
    RecordingChain chain =
        new RecordingChain(
            q ->
                q.name().equals("www.example.org.")
                    ? cdn().handle(q)
                    : Response.failed(Rcode.SERVFAIL, new RuntimeException("down")));
    Response r =
        Snippets.run(
            handler(" rewrite cname exact x.cdn.example.net. y.example.\n"),
            TestQuery.query("www.example.org.", Type.A),
            chain);
    assertThat(answer(r)).containsExactly("www.example.org. CNAME x.cdn.example.net.", "x.cdn.example.net. A 10.0.0.1");
    assertThat(chain.count()).isEqualTo(2);
  }
}
