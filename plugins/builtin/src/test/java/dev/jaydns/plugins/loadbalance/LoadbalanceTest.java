package dev.jaydns.plugins.loadbalance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jaydns.plugin.Response;
import dev.jaydns.plugin.testkit.RecordingChain;
import dev.jaydns.plugin.testkit.TestQuery;
import dev.jaydns.plugins.testing.Snippets;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

class LoadbalanceTest {

  private static List<Record> records() throws Exception {
    Name www = Name.fromString("www.example.org.");
    Name cdn = Name.fromString("cdn.example.net.");
    List<Record> out = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      out.add(new ARecord(cdn, DClass.IN, 60, InetAddress.getByName("10.0.0." + i)));
    }
    out.add(new TXTRecord(cdn, DClass.IN, 60, "x"));
    out.add(new CNAMERecord(www, DClass.IN, 60, cdn));
    return out;
  }

  private static LoadbalanceHandler handler(String corefile) throws Exception {
    return (LoadbalanceHandler) Snippets.setup(new LoadbalancePlugin(), corefile).handler();
  }

  @Test
  void shufflesAddressesAfterTheCname() throws Exception {
    List<Record> answer = records();
    RecordingChain next = RecordingChain.answering(Rcode.NOERROR, q -> answer);
    LoadbalanceHandler h = handler(". {\n loadbalance round_robin\n}\n");
    Set<String> orders = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      Response r = Snippets.run(h, TestQuery.query("www.example.org.", Type.A), next);
      List<Record> got = r.message().getSection(Section.ANSWER);
      assertThat(got.get(0).getType()).isEqualTo(Type.CNAME);
      assertThat(got.get(1).getType()).isEqualTo(Type.TXT);
      assertThat(got.subList(2, 6)).containsExactlyInAnyOrderElementsOf(answer.subList(0, 4));
      orders.add(got.subList(2, 6).toString());
    }
    assertThat(orders).hasSizeGreaterThan(1);
  }

  @Test
  void answersOtherThanNoerrorAreLeftAlone() throws Exception {
    List<Record> answer = records();
    RecordingChain next = RecordingChain.answering(Rcode.SERVFAIL, q -> answer);
    LoadbalanceHandler h = handler(". {\n loadbalance\n}\n");
    Response r = Snippets.run(h, TestQuery.query("www.example.org.", Type.A), next);
    assertThat(r.message().getSection(Section.ANSWER)).containsExactlyElementsOf(answer);
  }

  @Test
  void anAnswerAlreadyInOrderIsPassedOnAsItCame() throws Exception {
    Name n = Name.fromString("one.example.");
    List<Record> answer =
        List.of(
            new CNAMERecord(Name.fromString("www.example."), DClass.IN, 60, n),
            new ARecord(n, DClass.IN, 60, InetAddress.getByName("10.0.0.1")));
    LoadbalanceHandler h = handler(". {\n loadbalance\n}\n");
    Response in = Response.of(RecordingChain.reply(TestQuery.query("www.example.", Type.A), 0));
    in.message().addRecord(answer.get(0), Section.ANSWER);
    in.message().addRecord(answer.get(1), Section.ANSWER);
    assertThat(h.balance(Type.A, in)).isSameAs(in);
  }

  @Test
  void preferredSubnetsComeFirstInTheirOrder() throws Exception {
    Name n = Name.fromString("svc.example.");
    List<Record> answer = new ArrayList<>();
    for (String ip : List.of("172.0.100.1", "10.9.20.1", "172.0.200.1", "10.9.30.1")) {
      answer.add(new ARecord(n, DClass.IN, 60, InetAddress.getByName(ip)));
    }
    answer.add(new TXTRecord(n, DClass.IN, 60, "t"));
    RecordingChain next = RecordingChain.answering(Rcode.NOERROR, q -> answer);
    LoadbalanceHandler h =
        handler(". {\n loadbalance round_robin {\n  prefer 10.9.30.0/24 10.9.20.0/24\n }\n}\n");
    for (int i = 0; i < 20; i++) {
      List<String> got =
          Snippets.run(h, TestQuery.query("svc.example.", Type.A), next)
              .message()
              .getSection(Section.ANSWER)
              .stream()
              .map(Record::rdataToString)
              .toList();
      assertThat(got.subList(0, 2)).containsExactly("10.9.30.1", "10.9.20.1");
      assertThat(got.subList(2, 4)).containsExactlyInAnyOrder("172.0.100.1", "172.0.200.1");
      // As CoreDNS's prefer: CNAMEs, addresses, MX, then the rest.
      assertThat(got.get(4)).isEqualTo("\"t\"");
    }
  }

  @Test
  void setupReadsEveryOption() throws Exception {
    LoadbalanceConfig rr = LoadbalancePlugin.parse(Snippets.config("loadbalance", ". {\n loadbalance\n}\n"));
    assertThat(rr.isWeighted()).isFalse();
    assertThat(rr.prefer()).isEmpty();
    LoadbalanceConfig w =
        LoadbalancePlugin.parse(
            Snippets.config(
                "loadbalance",
                ". {\n loadbalance weighted db.weights {\n  reload 10s\n }\n}\n",
                new dev.jaydns.plugin.BlockSettings(),
                Path.of("/etc/jay")));
    assertThat(w.weighted()).isEqualTo(Path.of("/etc/jay/db.weights"));
    assertThat(w.reload()).isEqualTo(Duration.ofSeconds(10));
    LoadbalanceConfig dflt =
        LoadbalancePlugin.parse(
            Snippets.config("loadbalance", ". {\n loadbalance weighted /w\n}\n"));
    assertThat(dflt.reload()).isEqualTo(Duration.ofSeconds(30));
    LoadbalanceConfig p =
        LoadbalancePlugin.parse(
            Snippets.config("loadbalance", ". {\n loadbalance {\n  prefer 10.0.0.0/8 fd00::/8\n }\n}\n"));
    assertThat(p.prefer()).hasSize(2);
  }

  @Test
  void setupRejectsWithPositions() {
    LoadbalancePlugin p = new LoadbalancePlugin();
    assertThat(Snippets.error(p, ". {\n loadbalance random\n}\n"))
        .isEqualTo("plugin/loadbalance: Corefile:2:14: unknown policy: random");
    assertThat(Snippets.error(p, ". {\n loadbalance round_robin x\n}\n"))
        .contains("unexpected argument 'x'");
    assertThat(Snippets.error(p, ". {\n loadbalance weighted\n}\n")).contains("missing WEIGHTFILE");
    assertThat(Snippets.error(p, ". {\n loadbalance weighted a b\n}\n"))
        .contains("Corefile:2:25: unexpected argument 'b'");
    assertThat(Snippets.error(p, ". {\n loadbalance {\n  reload 5s\n }\n}\n"))
        .isEqualTo(
            "plugin/loadbalance: Corefile:3:3: 'reload' applies to the 'weighted' policy only");
    assertThat(Snippets.error(p, ". {\n loadbalance weighted w {\n  reload -1s\n }\n}\n"))
        .contains("at least 0s");
    assertThat(Snippets.error(p, ". {\n loadbalance weighted w {\n  reload\n }\n}\n"))
        .contains("missing reload duration");
    assertThat(Snippets.error(p, ". {\n loadbalance weighted w {\n  prefer 10.0.0.0/8\n }\n}\n"))
        .contains("'prefer' cannot be combined with the 'weighted' policy");
    assertThat(Snippets.error(p, ". {\n loadbalance {\n  prefer\n }\n}\n"))
        .contains("'prefer' needs at least one CIDR");
    assertThat(Snippets.error(p, ". {\n loadbalance {\n  prefer 10.0.0.1\n }\n}\n"))
        .isEqualTo(
            "plugin/loadbalance: Corefile:3:10: invalid CIDR \"10.0.0.1\": invalid CIDR address:"
                + " 10.0.0.1");
    assertThat(Snippets.error(p, ". {\n loadbalance {\n  limit_answers 2\n }\n}\n"))
        .contains("unknown property 'limit_answers'");
  }
}
