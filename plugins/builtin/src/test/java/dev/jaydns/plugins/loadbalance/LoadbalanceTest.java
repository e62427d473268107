package dev.jaydns.plugins.loadbalance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jaydns.plugin.Response;
import dev.jaydns.plugin.testkit.RecordingChain;
import dev.jaydns.plugin.testkit.TestQuery;
import dev.jaydns.plugins.testing.Snippets;
import java.net.InetAddress;
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

  @Test
  void shufflesAddressesAfterTheCname() throws Exception {
    List<Record> answer = records();
    RecordingChain next = RecordingChain.answering(Rcode.NOERROR, q -> answer);
    LoadbalanceHandler h =
        (LoadbalanceHandler) Snippets.setup(new LoadbalancePlugin(), ". {\n loadbalance round_robin\n}\n").handler();
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
  void setup() throws Exception {
    assertThat(Snippets.setup(new LoadbalancePlugin(), ". {\n loadbalance\n}\n").handler()).isNotNull();
    LoadbalancePlugin p = new LoadbalancePlugin();
    assertThat(Snippets.error(p, ". {\n loadbalance random\n}\n"))
        .isEqualTo("plugin/loadbalance: Corefile:2:14: unknown policy: random");
    assertThat(Snippets.error(p, ". {\n loadbalance weighted w.txt\n}\n")).contains("'weighted' policy is not supported");
    assertThat(Snippets.error(p, ". {\n loadbalance round_robin x\n}\n")).contains("unexpected argument 'x'");
  }
}
