package dev.jaydns.server;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.*;

class MetricsScratchTest {
  @Test
  void dump() throws Exception {
    int http = HttpProbe.freePort();
    try (RunningJay jay = RunningJay.start(".:0 {\n prometheus 127.0.0.1:" + http + "\n health 127.0.0.1:" + HttpProbe.freePort() + "\n testanswer\n}\n")) {
      Message q = Message.newQuery(org.xbill.DNS.Record.newRecord(Name.fromString("a.example."), Type.A, DClass.IN));
      DnsClient.udp(jay.port(), q);
      DnsClient.tcp(jay.port(), q);
      Thread.sleep(1500);
      System.out.println(HttpProbe.get(http, "/metrics").body());
    }
  }
}
