package dev.jaydns.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** RFC 7766 behaviour of the TCP listener: pipelining, out-of-order answers, timeouts, the cap. */
class TcpBehaviourTest {

  private static byte[] frame(int id, String name) throws IOException {
    Message q = Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN));
    q.getHeader().setID(id);
    return q.toWire();
  }

  @Test
  void hundredPipelinedQueriesOnOneConnectionAreAllAnswered() throws Exception {
    try (RunningJay jay = RunningJay.start(".:0 {\n  testanswer\n}\n");
        Socket s = new Socket(DnsClient.LOOPBACK, jay.port())) {
      s.setSoTimeout(5000);
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      for (int i = 0; i < 100; i++) {
        byte[] q = frame(i, "q" + i + ".example.");
        out.writeShort(q.length);
        out.write(q);
      }
      out.flush();
      DataInputStream in = new DataInputStream(s.getInputStream());
      Set<Integer> ids = new HashSet<>();
      for (int i = 0; i < 100; i++) {
        byte[] r = new byte[in.readUnsignedShort()];
        in.readFully(r);
        Message m = new Message(r);
        assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(m.getQuestion().getName().toString()).isEqualTo("q" + m.getHeader().getID() + ".example.");
        ids.add(m.getHeader().getID());
      }
      assertThat(ids).hasSize(100);
    }
  }

  @Test
  void answersGoOutAsTheyCompleteNotInOrder() throws Exception {
    String corefile =
        """
        slow.test:0 {
          testslow 400
          testanswer
        }
        .:0 {
          testanswer
        }
        """;
    try (RunningJay jay = RunningJay.start(corefile);
        Socket s = new Socket(DnsClient.LOOPBACK, jay.port())) {
      s.setSoTimeout(5000);
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      byte[] slow = frame(1, "a.slow.test.");
      byte[] fast = frame(2, "fast.example.");
      out.writeShort(slow.length);
      out.write(slow);
      out.writeShort(fast.length);
      out.write(fast);
      out.flush();
      DataInputStream in = new DataInputStream(s.getInputStream());
      byte[] first = new byte[in.readUnsignedShort()];
      in.readFully(first);
      byte[] second = new byte[in.readUnsignedShort()];
      in.readFully(second);
      assertThat(new Message(first).getHeader().getID()).isEqualTo(2);
      assertThat(new Message(second).getHeader().getID()).isEqualTo(1);
    }
  }

  @Test
  void aConnectionThatSendsNothingIsClosedAfterTheReadTimeout() throws Exception {
    try (RunningJay jay = RunningJay.start(".:0 {\n  testanswer\n}\n");
        Socket s = new Socket(DnsClient.LOOPBACK, jay.port())) {
      s.setSoTimeout(10_000);
      InputStream in = s.getInputStream();
      // CoreDNS's read timeout is 3 s; the read returns end-of-stream when Jay closes.
      assertThat(in.read()).isEqualTo(-1);
    }
  }

  @Test
  void connectionsOverTheCapAreClosedAndTheOthersKeepWorking() throws Exception {
    JayOptions options = JayOptions.defaults().withEventLoops(1).withMaxTcpConnections(2);
    try (RunningJay jay = RunningJay.start(".:0 {\n  testanswer\n}\n", options);
        Socket a = new Socket(DnsClient.LOOPBACK, jay.port());
        Socket b = new Socket(DnsClient.LOOPBACK, jay.port())) {
      exchange(a, 1);
      exchange(b, 2);
      try (Socket c = new Socket(DnsClient.LOOPBACK, jay.port())) {
        c.setSoTimeout(3000);
        DataOutputStream out = new DataOutputStream(c.getOutputStream());
        byte[] q = frame(3, "c.example.");
        try {
          out.writeShort(q.length);
          out.write(q);
          out.flush();
          assertThat(c.getInputStream().read()).isEqualTo(-1);
        } catch (IOException e) {
          assertThat(e).isNotInstanceOf(SocketTimeoutException.class);
        }
      }
      exchange(a, 4);
      exchange(b, 5);
    }
  }

  private static void exchange(Socket s, int id) throws Exception {
    s.setSoTimeout(3000);
    DataOutputStream out = new DataOutputStream(s.getOutputStream());
    byte[] q = frame(id, "x.example.");
    out.writeShort(q.length);
    out.write(q);
    out.flush();
    DataInputStream in = new DataInputStream(s.getInputStream());
    byte[] r = new byte[in.readUnsignedShort()];
    in.readFully(r);
    assertThat(new Message(r).getHeader().getID()).isEqualTo(id);
  }

  @Test
  void anIdleConnectionIsClosedAfterTheIdleTimeout() throws Exception {
    try (RunningJay jay =
            RunningJay.start(".:0 {\n  timeouts {\n    idle 1s\n  }\n  testanswer\n}\n");
        Socket s = new Socket(DnsClient.LOOPBACK, jay.port())) {
      exchange(s, 1);
      long start = System.nanoTime();
      s.setSoTimeout(10_000);
      assertThat(s.getInputStream().read()).isEqualTo(-1);
      System.out.printf("idle connection closed after %d ms%n", (System.nanoTime() - start) / 1_000_000);
    }
  }
}
