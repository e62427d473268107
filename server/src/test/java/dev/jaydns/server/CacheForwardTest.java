package dev.jaydns.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * cache in front of forward through Jay's real listeners, against an upstream on loopback: spec
 * vectors 17, 18, 20 and 23, the TC flow Jay improves on (A3), and coalescing.
 */
class CacheForwardTest {

  private static Message reply(Message q, int rcode, long ttl, String address) {
    Message r = new Message(q.getHeader().getID());
    r.getHeader().setFlag(Flags.QR);
    r.getHeader().setFlag(Flags.RA);
    r.getHeader().setFlag(Flags.RD);
    r.getHeader().setRcode(rcode);
    r.addRecord(q.getQuestion(), Section.QUESTION);
    if (address != null) {
      try {
        r.addRecord(new ARecord(q.getQuestion().getName(), DClass.IN, ttl, InetAddress.getByName(address)), Section.ANSWER);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return r;
  }

  private static Function<Message, Message> answering(long ttl) {
    return q -> reply(q, Rcode.NOERROR, ttl, "1.2.3.4");
  }

  private static Message query(String name, int type) throws Exception {
    return Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
  }

  private static RunningJay jay(String cacheLine, FakeUpstream up) throws Exception {
    return RunningJay.start(
        ".:0 {\n  bind 127.0.0.1\n  errors\n  %s\n  forward . %s\n}\n".formatted(cacheLine, up.address()));
  }

  @Test
  void vector17SecondQueryIsACacheHitWithAaAndALowerTtl() throws Exception {
    try (FakeUpstream up = new FakeUpstream("127.0.0.21", answering(300));
        RunningJay jay = jay("cache 30", up)) {
      int port = jay.port("127.0.0.1");
      Message first = DnsClient.udp(port, query("example.org.", Type.A));
      assertThat(first.getSection(Section.ANSWER).get(0).getTTL()).isEqualTo(30);
      Thread.sleep(1200);
      Message second = DnsClient.udp(port, query("example.org.", Type.A));
      assertThat(second.getSection(Section.ANSWER).get(0).getTTL()).isEqualTo(29);
      assertThat(second.getHeader().getFlag(Flags.AA)).isTrue();
      assertThat(up.seen()).hasSize(1);
      var registry = jay.jay.registry();
      assertThat(registry.find("coredns.cache.hits").tag("type", "success").counter().count()).isEqualTo(1);
      assertThat(registry.find("coredns.cache.requests").counter().count()).isEqualTo(2);
      assertThat(registry.find("coredns.cache.misses").counter().count()).isEqualTo(1);
    }
  }

  @Test
  void vector18TtlZeroIsServedWithFiveAndCached() throws Exception {
    try (FakeUpstream up = new FakeUpstream("127.0.0.22", answering(0));
        RunningJay jay = jay("cache 30", up)) {
      int port = jay.port("127.0.0.1");
      assertThat(DnsClient.udp(port, query("zero.example.", Type.A)).getSection(Section.ANSWER).get(0).getTTL())
          .isEqualTo(5);
      DnsClient.udp(port, query("zero.example.", Type.A));
      assertThat(up.seen()).hasSize(1);
    }
  }

  @Test
  void vector20ServfailIsCachedBrieflyRefusedNever() throws Exception {
    try (FakeUpstream up = new FakeUpstream("127.0.0.23", q -> reply(q,
            q.getQuestion().getName().toString().startsWith("refused") ? Rcode.REFUSED : Rcode.SERVFAIL, 0, null));
        RunningJay jay = jay("cache 30", up)) {
      int port = jay.port("127.0.0.1");
      assertThat(DnsClient.udp(port, query("fail.example.", Type.A)).getRcode()).isEqualTo(Rcode.SERVFAIL);
      assertThat(DnsClient.udp(port, query("fail.example.", Type.A)).getRcode()).isEqualTo(Rcode.SERVFAIL);
      assertThat(up.seen()).hasSize(1);
      assertThat(DnsClient.udp(port, query("refused.example.", Type.A)).getRcode()).isEqualTo(Rcode.REFUSED);
      assertThat(DnsClient.udp(port, query("refused.example.", Type.A)).getRcode()).isEqualTo(Rcode.REFUSED);
      assertThat(up.seen()).hasSize(3);
    }
  }

  @Test
  void truncatedUpstreamAnswerIsFetchedOverTcpCachedWholeAndTheClientsTcpRetryHits() throws Exception {
    Function<Message, Message> big =
        q -> {
          Message r = reply(q, Rcode.NOERROR, 300, null);
          for (int i = 0; i < 40; i++) {
            try {
              r.addRecord(new TXTRecord(q.getQuestion().getName(), DClass.IN, 300, "record number " + i + " of a large RRset"), Section.ANSWER);
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          }
          return r;
        };
    try (FakeUpstream up = new FakeUpstream("127.0.0.24", big);
        RunningJay jay = jay("cache 30", up)) {
      int port = jay.port("127.0.0.1");
      Message udp = DnsClient.udp(port, query("big.example.", Type.TXT));
      assertThat(udp.getHeader().getFlag(Flags.TC)).isTrue();
      assertThat(udp.getOPT()).isNull();
      assertThat(udp.toWire().length).isLessThanOrEqualTo(512);
      Message tcp = DnsClient.tcp(port, query("big.example.", Type.TXT));
      assertThat(tcp.getHeader().getFlag(Flags.TC)).isFalse();
      assertThat(tcp.getSection(Section.ANSWER)).hasSize(40);
      assertThat(tcp.getHeader().getFlag(Flags.AA)).isTrue(); // a cache hit
      // Jay asked once over UDP (truncated), retried over TCP itself, and the client's TCP retry
      // was answered from the cache.
      assertThat(up.count("udp")).isEqualTo(1);
      assertThat(up.count("tcp")).isEqualTo(1);
    }
  }

  @Test
  void hundredConcurrentMissesForOneNameAskTheUpstreamOnce() throws Exception {
    try (FakeUpstream up =
            new FakeUpstream(
                "127.0.0.25",
                q -> {
                  try {
                    Thread.sleep(300);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  return reply(q, Rcode.NOERROR, 300, "1.2.3.4");
                });
        RunningJay jay = jay("cache 30", up)) {
      int port = jay.port("127.0.0.1");
      List<CompletableFuture<Message>> all = new ArrayList<>();
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(100);
      for (int i = 0; i < 100; i++) {
        all.add(CompletableFuture.supplyAsync(() -> {
          try {
            return DnsClient.udp(port, query("herd.example.", Type.A));
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }, pool));
      }
      for (CompletableFuture<Message> f : all) {
        assertThat(f.get().getRcode()).isEqualTo(Rcode.NOERROR);
      }
      pool.shutdown();
      assertThat(up.seen()).hasSize(1);
    }
  }

  @Test
  void vector23SilentUpstreamGivesServfailWithinTheBudget() throws Exception {
    try (FakeUpstream up = new FakeUpstream("127.0.0.26", q -> null);
        RunningJay jay = jay("cache 30", up)) {
      int port = jay.port("127.0.0.1");
      long start = System.nanoTime();
      byte[] r = DnsClient.udp(port, query("silent.example.", Type.A).toWire(), 9000);
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertThat(r).isNotNull();
      Message m = new Message(r);
      assertThat(m.getRcode()).isEqualTo(Rcode.SERVFAIL);
      assertThat(m.getHeader().getFlag(Flags.RA)).isFalse();
      assertThat(m.getQuestion().getName().toString()).isEqualTo("silent.example.");
      System.out.printf("SERVFAIL for a silent upstream after %d ms%n", ms);
    }
  }
}
