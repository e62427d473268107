package dev.jaydns.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.Socket;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** A query a plugin drops ({@code acl}'s drop) gets no answer at all, over UDP and over TCP. */
class DroppedQueryTest {

  @Test
  void droppedQueriesGetSilenceAndTheConnectionStaysUsable() throws Exception {
    try (RunningJay jay = RunningJay.start(".:0 {\n  acl {\n    drop type A\n  }\n  testanswer\n}\n")) {
      int port = jay.port();
      Message a = Message.newQuery(Record.newRecord(Name.fromString("x.example."), Type.A, DClass.IN));
      Message aaaa = Message.newQuery(Record.newRecord(Name.fromString("x.example."), Type.AAAA, DClass.IN));
      assertThat(DnsClient.udp(port, a.toWire(), 700)).isNull();
      assertThat(DnsClient.udp(port, aaaa.toWire(), 3000)).isNotNull();
      try (Socket s = new Socket(DnsClient.LOOPBACK, port)) {
        s.setSoTimeout(3000);
        DataOutputStream out = new DataOutputStream(s.getOutputStream());
        aaaa.getHeader().setID(7);
        for (Message m : new Message[] {a, aaaa}) {
          byte[] w = m.toWire();
          out.writeShort(w.length);
          out.write(w);
        }
        out.flush();
        DataInputStream in = new DataInputStream(s.getInputStream());
        byte[] r = new byte[in.readUnsignedShort()];
        in.readFully(r);
        assertThat(new Message(r).getHeader().getID()).isEqualTo(7);
      }
    }
  }
}
