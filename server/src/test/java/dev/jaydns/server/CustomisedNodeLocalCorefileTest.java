package dev.jaydns.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A customised NodeLocal DNSCache Corefile through real listeners: {@code hosts} overrides one
 * cluster name, {@code rewrite} renames an external name, {@code template} blocks a zone, with
 * {@code cache} and {@code forward} to a fake upstream on loopback, as operators write them.
 */
class CustomisedNodeLocalCorefileTest {

  private DatagramSocket upstream;
  private Thread upstreamThread;
  /** Question names the upstream received, in order. */
  private final List<String> asked = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startUpstream() throws Exception {
    upstream = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
    upstreamThread = new Thread(this::serve, "fake-upstream");
    upstreamThread.setDaemon(true);
    upstreamThread.start();
  }

  @AfterEach
  void stopUpstream() throws Exception {
    upstream.close();
    upstreamThread.join(5000);
  }

  /** Answers every A query with 203.0.113.7 owned by the question name, TTL 300. */
  private void serve() {
    byte[] buf = new byte[65535];
    while (!upstream.isClosed()) {
      try {
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        upstream.receive(p);
        Message q = new Message(java.util.Arrays.copyOf(buf, p.getLength()));
        Record question = q.getQuestion();
        asked.add(question.getName().toString().toLowerCase(java.util.Locale.ROOT));
        Message r = new Message(q.getHeader().getID());
        r.getHeader().setFlag(Flags.QR);
        r.getHeader().setFlag(Flags.RD);
        r.getHeader().setFlag(Flags.RA);
        r.addRecord(question, Section.QUESTION);
        if (question.getType() == Type.A) {
          r.addRecord(
              new ARecord(question.getName(), DClass.IN, 300, InetAddress.getByName("203.0.113.7")),
              Section.ANSWER);
        }
        byte[] out = r.toWire();
        upstream.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
      } catch (SocketException closed) {
        return;
      } catch (Exception e) {
        // A malformed probe: ignore it and keep serving.
      }
    }
  }

  private static Message query(String name, int type) throws Exception {
    Message m = Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
    return m;
  }

  private static List<String> answers(Message m) {
    return m.getSection(Section.ANSWER).stream()
        .map(r -> r.getName() + " " + r.getTTL() + " " + r.rdataToString())
        .toList();
  }

  @Test
  void everyAnswerOfTheCustomisedCorefile() throws Exception {
    int port = FreePorts.udpAndTcp();
    int up = upstream.getLocalPort();
    String corefile =
        """
        cluster.local:%1$d {
            errors
            bind 127.0.0.1
            cache 30
            hosts {
                10.0.0.42 legacy-db.default.svc.cluster.local
                ttl 60
                fallthrough
            }
            forward . 127.0.0.1:%2$d
        }
        .:%1$d {
            errors
            bind 127.0.0.1
            cache 30
            rewrite name exact legacy.example.com. modern.example.net.
            template ANY ANY blocked.example.org {
                rcode NXDOMAIN
                authority "blocked.example.org. 60 IN SOA ns.blocked.example.org. hostmaster.blocked.example.org. (1 60 60 60 60)"
            }
            forward . 127.0.0.1:%2$d
        }
        """
            .formatted(port, up);
    try (RunningJay jay = RunningJay.start(corefile)) {
      // hosts override: answered locally, never forwarded; cache 30 caps the TTLs it stores.
      Message db = DnsClient.udp(port, query("legacy-db.default.svc.cluster.local.", Type.A));
      assertThat(db.getRcode()).isEqualTo(Rcode.NOERROR);
      assertThat(db.getHeader().getFlag(Flags.AA)).isTrue();
      assertThat(answers(db)).containsExactly("legacy-db.default.svc.cluster.local. 30 10.0.0.42");
      assertThat(asked).doesNotContain("legacy-db.default.svc.cluster.local.");

      // Any other cluster name falls through hosts to the upstream.
      Message other = DnsClient.udp(port, query("api.default.svc.cluster.local.", Type.A));
      assertThat(answers(other)).containsExactly("api.default.svc.cluster.local. 30 203.0.113.7");
      assertThat(asked).contains("api.default.svc.cluster.local.");

      // rewrite: upstream asked for the new name, the client sees the name it asked for.
      Message legacy = DnsClient.udp(port, query("legacy.example.com.", Type.A));
      assertThat(legacy.getQuestion().getName().toString()).isEqualTo("legacy.example.com.");
      assertThat(answers(legacy)).containsExactly("legacy.example.com. 30 203.0.113.7");
      assertThat(asked).contains("modern.example.net.").doesNotContain("legacy.example.com.");
      // Served again from the cache: same answer, no new upstream query.
      int before = asked.size();
      Message again = DnsClient.udp(port, query("legacy.example.com.", Type.A));
      assertThat(answers(again)).hasSize(1);
      assertThat(again.getSection(Section.ANSWER).get(0).getName().toString())
          .isEqualTo("legacy.example.com.");
      assertThat(asked).hasSize(before);

      // template: the blocked zone is NXDOMAIN with its SOA, over UDP and TCP, never forwarded.
      for (Message blocked :
          List.of(
              DnsClient.udp(port, query("ads.blocked.example.org.", Type.A)),
              DnsClient.tcp(port, query("blocked.example.org.", Type.AAAA)))) {
        assertThat(blocked.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(blocked.getSection(Section.ANSWER)).isEmpty();
        List<Record> authority = blocked.getSection(Section.AUTHORITY);
        assertThat(authority).hasSize(1);
        assertThat(authority.get(0)).isInstanceOf(SOARecord.class);
        assertThat(authority.get(0).getName().toString()).isEqualTo("blocked.example.org.");
      }
      assertThat(asked).noneMatch(n -> n.endsWith("blocked.example.org."));

      // Everything else goes upstream unchanged.
      Message www = DnsClient.udp(port, query("www.example.org.", Type.A));
      assertThat(answers(www)).containsExactly("www.example.org. 30 203.0.113.7");
      assertThat(asked).contains("www.example.org.");
    }
  }
}
