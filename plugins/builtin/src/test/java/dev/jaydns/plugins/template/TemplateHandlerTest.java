package dev.jaydns.plugins.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jaydns.plugin.Response;
import dev.jaydns.plugin.testkit.RecordingChain;
import dev.jaydns.plugin.testkit.TestQuery;
import dev.jaydns.plugins.testing.Snippets;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class TemplateHandlerTest {

  private final RecordingChain next = RecordingChain.answering(Rcode.NOERROR, q -> List.of());

  private static TemplateHandler handler(String corefile) throws Exception {
    return new TemplateHandler(TemplatePlugin.parse(Snippets.config("template", corefile)));
  }

  private Response ask(TemplateHandler h, String name, int type) {
    return Snippets.run(h, TestQuery.query(name, type), next);
  }

  private static List<String> section(Response r, int section) {
    return r.message().getSection(section).stream().map(Record::toString).toList();
  }

  @Test
  void everythingNxdomain() throws Exception {
    TemplateHandler h = handler(". {\n template ANY ANY {\n  rcode NXDOMAIN\n }\n}\n");
    Response r = ask(h, "anything.example.", Type.MX);
    assertThat(r.rcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(r.message().getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(next.count()).isZero();
  }

  @Test
  void blockedZoneWithSoaAndExtendedError() throws Exception {
    TemplateHandler h =
        handler(
            ". {\n template ANY ANY invalid {\n  rcode NXDOMAIN\n"
                + "  authority \"invalid. 60 {{ .Class }} SOA ns.invalid. hostmaster.invalid. (1 60 60 60 60)\"\n"
                + "  ederror 21 \"Blocked according to RFC2606\"\n }\n}\n");
    Response r =
        Snippets.run(h, TestQuery.of("x.invalid.", Type.A).dclass(DClass.CH).edns(1232).build(), next);
    assertThat(r.rcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(section(r, Section.AUTHORITY))
        .containsExactly("invalid.\t\t60\tCH\tSOA\tns.invalid. hostmaster.invalid. 1 60 60 60 60");
    ExtendedErrorCodeOption ede =
        (ExtendedErrorCodeOption) r.message().getOPT().getOptions(15).get(0);
    assertThat(ede.getErrorCode()).isEqualTo(21);
    assertThat(ede.getText()).isEqualTo("Blocked according to RFC2606");
    ask(h, "x.example.", Type.A);
    assertThat(next.count()).isEqualTo(1);
  }

  @Test
  void namedGroupsAndParseInt() throws Exception {
    TemplateHandler h =
        handler(
            ". {\n template IN A example {\n"
                + "  match (^|[.])ip-(?P<a>[0-9]*)-(?P<b>[0-9]*)-(?P<c>[0-9]*)-(?P<d>[0-9]*)[.]example[.]$\n"
                + "  answer \"{{ .Name }} 60 IN A {{ .Group.a }}.{{ .Group.b }}.{{ .Group.c }}.{{ .Group.d }}\"\n"
                + "  fallthrough\n }\n"
                + " template IN A example {\n"
                + "  match \"^ip0a(?P<b>[a-f0-9]{2})(?P<c>[a-f0-9]{2})(?P<d>[a-f0-9]{2})[.]example[.]$\"\n"
                + "  answer \"{{ .Name }} 60 IN A 10.{{ parseInt .Group.b 16 8 }}.{{ parseInt .Group.c 16 8 }}.{{ parseInt .Group.d 16 8 }}\"\n"
                + "  answer \"{{ index .Match 0 }} 60 IN TXT {{ index .Group `d` }}\"\n"
                + "  fallthrough\n }\n}\n");
    assertThat(section(ask(h, "ip-10-1-2-3.example.", Type.A), Section.ANSWER))
        .containsExactly("ip-10-1-2-3.example.\t60\tIN\tA\t10.1.2.3");
    Response hex = ask(h, "ip0a7b7c01.example.", Type.A);
    assertThat(section(hex, Section.ANSWER))
        .containsExactly(
            "ip0a7b7c01.example.\t60\tIN\tA\t10.123.124.1",
            "ip0a7b7c01.example.\t60\tIN\tTXT\t\"01\"");
  }

  @Test
  void secondTemplateAfterFallthroughAndParseInt() throws Exception {
    TemplateHandler h =
        handler(
            ". {\n template IN A example {\n  match ^nomatch\n  answer \"x 1 IN A 1.1.1.1\"\n  fallthrough\n }\n"
                + " template IN A example {\n"
                + "  match \"^ip0a(?P<b>[a-f0-9]{2})(?P<c>[a-f0-9]{2})(?P<d>[a-f0-9]{2})[.]example[.]$\"\n"
                + "  answer \"{{ .Name }} 60 IN A 10.{{ parseInt .Group.b 16 8 }}.{{ parseInt .Group.c 16 8 }}.{{ parseInt .Group.d 16 8 }}\"\n"
                + "  fallthrough\n }\n}\n");
    assertThat(section(ask(h, "ip0a7b7c01.example.", Type.A), Section.ANSWER))
        .containsExactly("ip0a7b7c01.example.\t60\tIN\tA\t10.123.124.1");
    ask(h, "other.example.", Type.A);
    assertThat(next.count()).isEqualTo(1);
  }

  @Test
  void noRegexMatchWithoutFallthroughIsServfail() throws Exception {
    TemplateHandler h =
        handler(". {\n template IN A example {\n  match ^a[.]\n  answer \"{{ .Name }} 5 IN A 10.0.0.1\"\n }\n}\n");
    Response r = ask(h, "b.example.", Type.A);
    assertThat(r.isWritten()).isFalse();
    assertThat(r.rcode()).isEqualTo(Rcode.SERVFAIL);
    assertThat(next.count()).isZero();
  }

  @Test
  void otherTypesAndClassesPassOn() throws Exception {
    TemplateHandler h = handler(". {\n template IN A example {\n  answer \"{{ .Name }} 5 IN A 10.0.0.1\"\n }\n}\n");
    ask(h, "a.example.", Type.AAAA);
    Snippets.run(h, TestQuery.of("a.example.", Type.A).dclass(DClass.CH).build(), next);
    assertThat(next.count()).isEqualTo(2);
    assertThat(section(ask(h, "a.example.", Type.ANY), Section.ANSWER)).hasSize(1);
  }

  @Test
  void additionalAuthorityAndCname() throws Exception {
    TemplateHandler h =
        handler(
            ". {\n template IN ANY foogle.com {\n  match \"^foogle\\.com\\.$\"\n"
                + "  answer \"foogle.com 60 IN CNAME google.com\"\n"
                + "  authority \"foogle.com. 60 IN NS ns0.foogle.com.\"\n"
                + "  additional \"ns0.foogle.com. 60 IN A 203.0.113.8\"\n }\n}\n");
    Response r = ask(h, "foogle.com.", Type.A);
    assertThat(section(r, Section.ANSWER)).containsExactly("foogle.com.\t\t60\tIN\tCNAME\tgoogle.com.");
    assertThat(section(r, Section.AUTHORITY)).hasSize(1);
    assertThat(section(r, Section.ADDITIONAL)).hasSize(1);
    Message m = r.message();
    assertThat(m.getQuestion().getName().toString()).isEqualTo("foogle.com.");
  }

  @Test
  void aBadRecordIsServfailAndCounted() throws Exception {
    TemplateHandler h =
        handler(". {\n template IN A example {\n  answer \"{{ .Name }} 60 IN A {{ .Group.nope }}\"\n }\n}\n");
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    h.metrics(new TemplateMetrics(registry));
    Response r = ask(h, "a.example.", Type.A);
    assertThat(r.rcode()).isEqualTo(Rcode.SERVFAIL);
    assertThat(r.error().getMessage()).contains("invalid record");
    assertThat(registry.get("coredns.template.rr.failures").counter().count()).isEqualTo(1);
    assertThat(registry.get("coredns.template.matches").tag("zone", "example.").counter().count())
        .isEqualTo(1);
  }

  @Test
  void setupErrors() {
    TemplatePlugin p = new TemplatePlugin();
    assertThat(Snippets.error(p, ". {\n template XX A {\n  rcode NXDOMAIN\n }\n}\n"))
        .isEqualTo("plugin/template: Corefile:2:11: invalid query class XX");
    assertThat(Snippets.error(p, ". {\n template IN BOGUS {\n  rcode NXDOMAIN\n }\n}\n"))
        .contains("invalid RR type BOGUS");
    assertThat(Snippets.error(p, ". {\n template IN A\n}\n")).contains("no answer section for template found");
    assertThat(Snippets.error(p, ". {\n template IN A {\n  rcode NOPE\n }\n}\n")).contains("unknown rcode NOPE");
    assertThat(Snippets.error(p, ". {\n template IN A {\n  match (\n  rcode NXDOMAIN\n }\n}\n"))
        .contains("could not parse regex");
    assertThat(Snippets.error(p, ". {\n template IN A {\n  answer \"{{ printf .Name }}\"\n }\n}\n"))
        .contains("'printf' is not supported");
    assertThat(Snippets.error(p, ". {\n template IN A {\n  answer \"{{ .Meta \\\"x\\\" }}\"\n }\n}\n"))
        .contains("metadata");
    assertThat(Snippets.error(p, ". {\n template IN A {\n  anwser x\n }\n}\n"))
        .contains("unknown property 'anwser'; did you mean 'answer'?");
  }

  @Test
  void aZoneWrittenAsACidrMatchesItsReverseNames() throws Exception {
    TemplateHandler h =
        handler(
            ". {\n template IN PTR 10.0.0.0/8 {\n"
                + "  answer \"{{ .Name }} 60 IN PTR host.example.\"\n }\n}\n");
    Response r = ask(h, "7.0.0.10.in-addr.arpa.", Type.PTR);
    assertThat(section(r, Section.ANSWER))
        .containsExactly("7.0.0.10.in-addr.arpa.\t60\tIN\tPTR\thost.example.");
    ask(h, "7.0.0.11.in-addr.arpa.", Type.PTR);
    assertThat(next.count()).isEqualTo(1);
  }

  @Test
  void templatedCnameTargetsAreResolvedForAddressQueriesAndUpstreamIsAcceptedAndIgnored()
      throws Exception {
    TemplateHandler h =
        handler(
            ". {\n template IN ANY foogle.com {\n  match ^foogle[.]com[.]$\n"
                + "  answer \"foogle.com 60 IN CNAME google.com\"\n  upstream 10.0.0.1\n }\n}\n");
    RecordingChain upstream =
        RecordingChain.answering(
            Rcode.NOERROR,
            q ->
                List.of(
                    new org.xbill.DNS.ARecord(
                        org.xbill.DNS.Name.fromConstantString(q.name()),
                        DClass.IN,
                        30,
                        new byte[] {10, 0, 0, 9})));
    Response a = Snippets.run(h, TestQuery.query("foogle.com.", Type.A), upstream);
    assertThat(section(a, Section.ANSWER))
        .containsExactly(
            "foogle.com.\t\t60\tIN\tCNAME\tgoogle.com.", "google.com.\t\t30\tIN\tA\t10.0.0.9");
    assertThat(upstream.queries().get(0).name()).isEqualTo("google.com.");
    assertThat(upstream.queries().get(0).qtype()).isEqualTo(Type.A);

    Response mx = Snippets.run(h, TestQuery.query("foogle.com.", Type.MX), upstream);
    assertThat(section(mx, Section.ANSWER)).hasSize(1);
    assertThat(upstream.count()).isEqualTo(1);

    Response failed =
        Snippets.run(
            h,
            TestQuery.query("foogle.com.", Type.AAAA),
            RecordingChain.failing(Rcode.SERVFAIL, "down"));
    assertThat(section(failed, Section.ANSWER)).containsExactly("foogle.com.\t\t60\tIN\tCNAME\tgoogle.com.");
  }
}
