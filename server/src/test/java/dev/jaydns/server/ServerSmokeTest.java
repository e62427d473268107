package dev.jaydns.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class ServerSmokeTest {

  @Test
  void answersOverUdpAndTcp() throws Exception {
    try (RunningJay jay = RunningJay.start(".:0 {\n  testanswer 192.0.2.7\n}\n")) {
      Message q = Message.newQuery(Record.newRecord(Name.fromString("example.org."), Type.A, 1));
      Message r = DnsClient.udp(jay.port(), q);
      assertThat(r.getRcode()).isEqualTo(Rcode.NOERROR);
      assertThat(r.getSection(Section.ANSWER)).hasSize(1);
      Message t = DnsClient.tcp(jay.port(), q);
      assertThat(t.getSection(Section.ANSWER)).hasSize(1);
      assertThat(t.getSection(Section.ADDITIONAL).get(0).rdataToString()).contains("tcp");
    }
  }
}
