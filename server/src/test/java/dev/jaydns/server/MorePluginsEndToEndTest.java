package dev.jaydns.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * dns64, template CNAME resolution and hosts through real listeners on loopback: the AAAA
 * synthesized from a hosts entry, and a templated CNAME whose target hosts answers.
 */
class MorePluginsEndToEndTest {

  private static Message query(String name, int type) throws Exception {
    return Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
  }

  private static List<String> answers(Message m) {
    return m.getSection(Section.ANSWER).stream()
        .map(r -> r.getName() + " " + r.getTTL() + " " + Type.string(r.getType()) + " " + r.rdataToString())
        .toList();
  }

  @Test
  void dns64AndTemplateCnamesResolveThroughTheChain() throws Exception {
    int port = FreePorts.udpAndTcp();
    String corefile =
        """
        .:%1$d {
            bind 127.0.0.1
            dns64 {
                allow_ipv4
            }
            template IN A alias.example.org {
                answer "alias.example.org 60 IN CNAME v4only.example.org"
            }
            hosts {
                192.0.2.33 v4only.example.org
                2001:db8::1 dual.example.org
                192.0.2.34 dual.example.org
                ttl 60
            }
        }
        """
            .formatted(port);
    try (RunningJay jay = RunningJay.start(corefile)) {
      Message six = DnsClient.udp(port, query("v4only.example.org.", Type.AAAA));
      assertThat(six.getRcode()).isEqualTo(Rcode.NOERROR);
      assertThat(answers(six)).containsExactly("v4only.example.org. 60 AAAA 64:ff9b:0:0:0:0:c000:221");

      Message dual = DnsClient.tcp(port, query("dual.example.org.", Type.AAAA));
      assertThat(answers(dual)).containsExactly("dual.example.org. 60 AAAA 2001:db8:0:0:0:0:0:1");

      Message alias = DnsClient.udp(port, query("alias.example.org.", Type.A));
      assertThat(answers(alias))
          .containsExactly(
              "alias.example.org. 60 CNAME v4only.example.org.",
              "v4only.example.org. 60 A 192.0.2.33");
    }
  }
}
