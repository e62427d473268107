package dev.jaydns.plugins.forward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jaydns.plugin.Query;
import dev.jaydns.plugin.Response;
import dev.jaydns.plugin.testkit.TestQuery;
import dev.jaydns.plugin.wire.Wire;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** forward against in-process fault-injecting upstreams on 127.0.0.x: real sockets, loopback only. */
class ForwardExchangeTest {

  @TempDir Path dir;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
  }

  private FakeUpstream upstream(String ip) throws Exception {
    FakeUpstream u = new FakeUpstream(ip);
    closeables.add(u);
    return u;
  }

  private ForwardHarness forward(String... lines) throws Exception {
    ForwardHarness h = new ForwardHarness(". {\n" + String.join("\n", lines) + "\n}\n", dir);
    closeables.add(h);
    return h;
  }

  private static String a(Response r) {
    Message m = r.message();
    List<Record> rrs = m.getSection(Section.ANSWER);
    return rrs.isEmpty() ? null : ((ARecord) rrs.get(0)).getAddress().getHostAddress();
  }

  @Test
  void udpAnswerPassesThroughWithTheClientsIdAndJaysOwnEdnsSize() throws Exception {
    FakeUpstream up = upstream("127.0.0.2");
    ForwardHarness h = forward("forward . " + up.address());
    Query q = TestQuery.of("Example.ORG.", Type.A).id(4242).edns(4096).build();
    Response r = h.ask(q);
    assertThat(r.isWritten()).isTrue();
    assertThat(Wire.id(r.wire())).isEqualTo(4242);
    assertThat(a(r)).isEqualTo("192.0.2.1");
    assertThat(r.message().getQuestion().getName().toString()).isEqualTo("Example.ORG.");
    assertThat(up.udpQueries.get()).isEqualTo(1);
    Message seen = up.queries().get(0);
    assertThat(seen.getOPT().getPayloadSize()).isEqualTo(1232);
    assertThat(seen.getQuestion().getName().toString()).isEqualTo("Example.ORG.");
  }

  @Test
  void upstreamIdsAreRandomAndNotTheClients() throws Exception {
    FakeUpstream up = upstream("127.0.0.2");
    ForwardHarness h = forward("forward . " + up.address());
    for (int i = 0; i < 20; i++) {
      h.ask(TestQuery.of("n" + i + ".example.org.", Type.A).id(4242).build());
    }
    assertThat(up.queries()).extracting(m -> m.getHeader().getID()).doesNotHaveDuplicates().doesNotContain(4242);
  }

  @Test
  void aUdpSocketCarriesAHundredQueriesThenANewOneOpens() throws Exception {
    FakeUpstream up = upstream("127.0.0.2");
    ForwardHarness h = forward("forward . " + up.address());
    for (int i = 0; i < 150; i++) {
      h.ask(TestQuery.of("n" + i + ".example.org.", Type.A).build());
    }
    assertThat(h.counter("coredns.proxy.conn.cache.misses", "proto", "udp", "to", up.address())).isEqualTo(2);
    assertThat(h.counter("coredns.proxy.conn.cache.hits", "proto", "udp", "to", up.address())).isEqualTo(148);
    assertThat(up.connectedUdpSockets()).as("the first socket closed after its hundredth answer").isEqualTo(1);
  }

  @Test
  void aUdpSocketClosesOnceItsExpireHasPassed() throws Exception {
    FakeUpstream up = upstream("127.0.0.2");
    ForwardHarness h = forward("forward . " + up.address() + " {", "expire 200ms", "}");
    h.ask(TestQuery.of("example.org.", Type.A).build());
    assertThat(up.connectedUdpSockets()).isEqualTo(1);
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (up.connectedUdpSockets() > 0 && System.nanoTime() < end) {
      Thread.sleep(20);
    }
    assertThat(up.connectedUdpSockets()).as("no socket left to the upstream").isZero();
    h.ask(TestQuery.of("example.org.", Type.A).build());
    assertThat(h.counter("coredns.proxy.conn.cache.misses", "proto", "udp", "to", up.address())).isEqualTo(2);
  }

  @Test
  void clientWithoutEdnsIsAskedWithoutEdns() throws Exception {
    FakeUpstream up = upstream("127.0.0.2");
    ForwardHarness h = forward("forward . " + up.address());
    h.ask(TestQuery.of("example.org.", Type.A).build());
    assertThat(up.queries().get(0).getOPT()).isNull();
  }

  @Test
  void transportFollowsTheClientUnlessForced() throws Exception {
    FakeUpstream up = upstream("127.0.0.2");
    ForwardHarness plain = forward("forward . " + up.address());
    plain.ask(TestQuery.of("a.example.org.", Type.A).tcp().build());
    assertThat(up.tcpQueries.get()).isEqualTo(1);
    plain.ask(TestQuery.of("b.example.org.", Type.A).build());
    assertThat(up.udpQueries.get()).isEqualTo(1);

    ForwardHarness forced = forward("forward . " + up.address() + " {", "force_tcp", "}");
    forced.ask(TestQuery.of("c.example.org.", Type.A).build());
    assertThat(up.tcpQueries.get()).isEqualTo(2);

    ForwardHarness prefer = forward("forward . " + up.address() + " {", "prefer_udp", "}");
    prefer.ask(TestQuery.of("d.example.org.", Type.A).tcp().build());
    assertThat(up.udpQueries.get()).isEqualTo(2);
  }

  @Test
  void tcpConnectionIsReusedAndPipelined() throws Exception {
    FakeUpstream up = upstream("127.0.0.2");
    // Answers held back and sent in reverse order: replies are matched by ID, not by order.
    List<FakeUpstream.Exchange> held = new ArrayList<>();
    CountDownLatch all = new CountDownLatch(10);
    up.behave(
        e -> {
          synchronized (held) {
            held.add(e);
            all.countDown();
            if (held.size() == 10) {
              for (int i = held.size() - 1; i >= 0; i--) {
                held.get(i).reply(held.get(i).answer());
              }
            }
          }
        });
    ForwardHarness h = forward("forward . " + up.address() + " {", "force_tcp", "}");
    List<CompletableFuture<Response>> futures = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      futures.add(h.askAsync(TestQuery.of("p" + i + ".example.org.", Type.A).id(100 + i).build()));
    }
    for (int i = 0; i < 10; i++) {
      Response r = futures.get(i).get(10, TimeUnit.SECONDS);
      assertThat(Wire.id(r.wire())).isEqualTo(100 + i);
      assertThat(r.message().getQuestion().getName().toString()).isEqualTo("p" + i + ".example.org.");
    }
    assertThat(up.tcpConnections.get()).isEqualTo(1);
    up.behave(e -> e.reply(e.answer()));
    for (int i = 0; i < 5; i++) {
      h.ask(TestQuery.of("s" + i + ".example.org.", Type.A).build());
    }
    assertThat(up.tcpConnections.get()).as("connection reused").isEqualTo(1);
    assertThat(h.counter("coredns.proxy.conn.cache.hits", "proto", "tcp", "to", up.address())).isGreaterThanOrEqualTo(5);
    assertThat(h.counter("coredns.proxy.conn.cache.misses", "proto", "tcp", "to", up.address())).isEqualTo(1);
  }

  @Test
  void silentUpstreamGivesServfailWithinTheBudget() throws Exception {
    FakeUpstream up = upstream("127.0.0.2");
    up.behave(e -> {});
    ForwardHarness h = forward("forward . " + up.address());
    Response r = h.ask(TestQuery.query("example.org.", Type.A));
    assertThat(r.isWritten()).isFalse();
    assertThat(r.rcode()).isEqualTo(Rcode.SERVFAIL);
    assertThat(r.error()).hasMessageContaining("i/o timeout");
    assertThat(up.udpQueries.get()).as("retried until the budget was spent").isGreaterThanOrEqualTo(2);
  }

  @Test
  void silentUpstreamWithCoreDnsTimesGivesServfailWithinFiveSeconds() throws Exception {
    FakeUpstream up = upstream("127.0.0.2");
    up.behave(e -> {});
    ForwardHarness h = new ForwardHarness(". {\nforward . " + up.address() + "\n}\n", dir, ForwardTiming.DEFAULT);
    closeables.add(h);
    CompletableFuture<Response> f = h.askAsync(TestQuery.query("example.org.", Type.A));
    // CoreDNS: attempts of 2 s while less than 5 s have passed; Jay cuts the last one at the budget.
    Response r = f.get(20, TimeUnit.SECONDS);
    assertThat(r.rcode()).isEqualTo(Rcode.SERVFAIL);
    assertThat(up.queries()).filteredOn(m -> m.getQuestion().getType() == Type.A).hasSize(3);
  }

  @Test
  void garbageWrongIdAndWrongQuestionAreDroppedAndTheRealAnswerUsed() throws Exception {
    FakeUpstream up = upstream("127.0.0.2");
    up.behave(
        e -> {
          e.reply(new byte[] {1, 2, 3, 4, 5});
          byte[] wrongId = e.answer().toWire();
          wrongId[0] ^= 0x55;
          e.reply(wrongId);
          Message other = FakeUpstream.answer(e.query, "198.51.100.7");
          other.removeAllRecords(Section.QUESTION);
          other.removeAllRecords(Section.ANSWER);
          other.addRecord(Record.newRecord(Name.fromString("evil.example."), Type.A, DClass.IN), Section.QUESTION);
          other.addRecord(new ARecord(Name.fromString("evil.example."), DClass.IN, 300, InetAddress.getByName("198.51.100.7")), Section.ANSWER);
          e.reply(other);
          Message wrongType = FakeUpstream.answer(e.query, "198.51.100.8");
          wrongType.removeAllRecords(Section.QUESTION);
          wrongType.addRecord(Record.newRecord(e.query.getQuestion().getName(), Type.AAAA, DClass.IN), Section.QUESTION);
          e.reply(wrongType);
          Message wrongClass = FakeUpstream.answer(e.query, "198.51.100.9");
          wrongClass.removeAllRecords(Section.QUESTION);
          wrongClass.addRecord(Record.newRecord(e.query.getQuestion().getName(), Type.A, DClass.CH), Section.QUESTION);
          e.reply(wrongClass);
          e.replyLater(e.answer().toWire(), 50);
        });
    for (String mode : new String[] {"", "force_tcp"}) {
      ForwardHarness h = forward("forward . " + up.address() + " {", mode, "}");
      Response r = h.ask(TestQuery.query("example.org.", Type.A));
      assertThat(a(r)).as(mode).isEqualTo("192.0.2.1");
      assertThat(h.counter("jay.forward.replies.dropped", "reason", "malformed")).isEqualTo(1);
      assertThat(h.counter("jay.forward.replies.dropped", "reason", "id")).isEqualTo(1);
      assertThat(h.counter("jay.forward.replies.dropped", "reason", "question")).isEqualTo(3);
    }
  }

  @Test
  void answerFromAnotherPortIsIgnored() throws Exception {
    FakeUpstream up = upstream("127.0.0.2");
    up.behave(
        e -> {
          e.spoof(FakeUpstream.answer(e.query, "198.51.100.66").toWire());
          e.replyLater(e.answer().toWire(), 50);
        });
    ForwardHarness h = forward("forward . " + up.address());
    Response r = h.ask(TestQuery.query("example.org.", Type.A));
    // The socket is connected to the upstream: the kernel drops the spoof before Jay reads it.
    assertThat(a(r)).isEqualTo("192.0.2.1");

    // Only a spoof, never the real answer: nothing is passed on.
    up.behave(e -> e.spoof(FakeUpstream.answer(e.query, "198.51.100.66").toWire()));
    Response spoofOnly = h.ask(TestQuery.query("other.example.org.", Type.A));
    assertThat(spoofOnly.isWritten()).isFalse();
    assertThat(spoofOnly.rcode()).isEqualTo(Rcode.SERVFAIL);
  }

  @Test
  void spoofOverForceTcpIsIgnored() throws Exception {
    FakeUpstream up = upstream("127.0.0.2");
    // Over TCP Jay opens no UDP socket a spoof could reach; a forged frame on the connection with
    // another ID is dropped.
    up.behave(
        e -> {
          byte[] forged = FakeUpstream.answer(e.query, "198.51.100.66").toWire();
          forged[1] ^= 0x01;
          e.reply(forged);
          e.reply(e.answer());
        });
    ForwardHarness h = forward("forward . " + up.address() + " {", "force_tcp", "}");
    Response r = h.ask(TestQuery.query("example.org.", Type.A));
    assertThat(a(r)).isEqualTo("192.0.2.1");
    assertThat(up.udpQueries.get()).isZero();
  }

  @Test
  void truncatedUdpAnswerIsRetriedOverTcpAndReturnedWhole() throws Exception {
    FakeUpstream up = upstream("127.0.0.2");
    up.behave(
        e -> {
          Message full = e.answer();
          for (int i = 2; i < 60; i++) {
            full.addRecord(
                new ARecord(e.query.getQuestion().getName(), DClass.IN, 300, InetAddress.getByName("192.0.2." + i)),
                Section.ANSWER);
          }
          if (e.tcp) {
            e.reply(full);
          } else {
            Message tc = FakeUpstream.answer(e.query, "192.0.2.1");
            tc.getHeader().setFlag(Flags.TC);
            e.reply(tc);
          }
        });
    ForwardHarness h = forward("forward . " + up.address());
    Response r = h.ask(TestQuery.of("big.example.org.", Type.A).build());
    assertThat(r.message().getHeader().getFlag(Flags.TC)).isFalse();
    assertThat(r.message().getSection(Section.ANSWER)).hasSize(59);
    assertThat(up.udpQueries.get()).isEqualTo(1);
    assertThat(up.tcpQueries.get()).isEqualTo(1);
  }

  @Test
  void slowAnswerWithinTheReadTimeoutIsUsed() throws Exception {
    FakeUpstream up = upstream("127.0.0.2");
    up.behave(e -> e.replyLater(e.answer().toWire(), 150));
    ForwardHarness h = forward("forward . " + up.address());
    assertThat(a(h.ask(TestQuery.query("example.org.", Type.A)))).isEqualTo("192.0.2.1");
    assertThat(up.udpQueries.get()).isEqualTo(1);
  }

  @Test
  void slowUpstreamIsAbandonedForTheNextOne() throws Exception {
    FakeUpstream slow = upstream("127.0.0.2");
    slow.behave(e -> e.replyLater(e.answer().toWire(), 2000));
    FakeUpstream fast = upstream("127.0.0.3");
    fast.behave(e -> e.reply(FakeUpstream.answer(e.query, "192.0.2.3")));
    ForwardHarness h = forward("forward . " + slow.address() + " " + fast.address() + " {", "policy sequential", "}");
    assertThat(a(h.ask(TestQuery.query("example.org.", Type.A)))).isEqualTo("192.0.2.3");
  }

  @Test
  void refusedWithNextGoesToTheNextForwardLine() throws Exception {
    FakeUpstream refusing = upstream("127.0.0.2");
    refusing.behave(e -> e.reply(FakeUpstream.rcode(e.query, Rcode.REFUSED)));
    FakeUpstream good = upstream("127.0.0.3");
    ForwardHarness h =
        forward(
            "forward . " + refusing.address() + " {",
            "next REFUSED",
            "}",
            "forward . " + good.address());
    assertThat(a(h.ask(TestQuery.query("example.org.", Type.A)))).isEqualTo("192.0.2.1");
    assertThat(good.total()).isEqualTo(1);

    ForwardHarness without = forward("forward . " + refusing.address(), "forward . " + good.address());
    Response r = without.ask(TestQuery.query("example.org.", Type.A));
    assertThat(r.isWritten()).isTrue();
    assertThat(r.rcode()).isEqualTo(Rcode.REFUSED);
  }

  @Test
  void nextWithoutAFollowingForwardWritesTheAnswer() throws Exception {
    FakeUpstream refusing = upstream("127.0.0.2");
    refusing.behave(e -> e.reply(FakeUpstream.rcode(e.query, Rcode.REFUSED)));
    ForwardHarness h = forward("forward . " + refusing.address() + " {", "next REFUSED", "}");
    Response r = h.ask(TestQuery.query("example.org.", Type.A));
    assertThat(r.rcode()).isEqualTo(Rcode.REFUSED);
    assertThat(h.next.count()).isZero();
  }

  @Test
  void failoverTriesTheNextUpstream() throws Exception {
    FakeUpstream failing = upstream("127.0.0.2");
    failing.behave(e -> e.reply(FakeUpstream.rcode(e.query, Rcode.SERVFAIL)));
    FakeUpstream good = upstream("127.0.0.3");
    ForwardHarness h =
        forward("forward . " + failing.address() + " " + good.address() + " {", "policy sequential", "failover SERVFAIL", "}");
    assertThat(a(h.ask(TestQuery.query("example.org.", Type.A)))).isEqualTo("192.0.2.1");
    ForwardHarness plain =
        forward("forward . " + failing.address() + " " + good.address() + " {", "policy sequential", "}");
    assertThat(plain.ask(TestQuery.query("example.org.", Type.A)).rcode()).isEqualTo(Rcode.SERVFAIL);
  }

  @Test
  void nonMatchingAndExceptedNamesPassToTheChain() throws Exception {
    FakeUpstream up = upstream("127.0.0.2");
    ForwardHarness h = forward("forward example.org " + up.address() + " {", "except private.example.org", "}");
    assertThat(h.ask(TestQuery.query("example.net.", Type.A)).error()).hasMessage("next reached");
    assertThat(h.ask(TestQuery.query("a.private.example.org.", Type.A)).error()).hasMessage("next reached");
    assertThat(a(h.ask(TestQuery.query("www.example.org.", Type.A)))).isEqualTo("192.0.2.1");
    assertThat(up.total()).isEqualTo(1);
    assertThat(h.next.count()).isEqualTo(2);
  }

  @Test
  void chaosClassIsForwarded() throws Exception {
    FakeUpstream up = upstream("127.0.0.2");
    ForwardHarness h = forward("forward . " + up.address());
    Response r = h.ask(TestQuery.of("version.bind.", Type.TXT).dclass(DClass.CH).build());
    assertThat(r.isWritten()).isTrue();
    assertThat(up.queries().get(0).getQuestion().getDClass()).isEqualTo(DClass.CH);
  }

  @Test
  void maxConcurrentRefusesAtOnce() throws Exception {
    FakeUpstream up = upstream("127.0.0.2");
    up.behave(e -> {});
    ForwardHarness h = forward("forward . " + up.address() + " {", "max_concurrent 3", "}");
    List<CompletableFuture<Response>> pending = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      pending.add(h.askAsync(TestQuery.query("q" + i + ".example.org.", Type.A)));
    }
    while (up.total() < 3) {
      Thread.sleep(5);
    }
    Response rejected = h.ask(TestQuery.query("q4.example.org.", Type.A));
    assertThat(rejected.isWritten()).isFalse();
    assertThat(rejected.rcode()).isEqualTo(Rcode.REFUSED);
    assertThat(rejected.error()).hasMessage("concurrent queries exceeded maximum 3");
    assertThat(pending).allMatch(f -> !f.isDone());
    assertThat(h.counter("coredns.forward.max.concurrent.rejects")).isEqualTo(1);
    for (CompletableFuture<Response> f : pending) {
      assertThat(f.get(10, TimeUnit.SECONDS).rcode()).isEqualTo(Rcode.SERVFAIL);
    }
    up.behave(e -> e.reply(e.answer()));
    assertThat(a(h.ask(TestQuery.query("after.example.org.", Type.A)))).isEqualTo("192.0.2.1");
  }

  @Test
  void identicalQueriesInFlightShareOneUpstreamExchange() throws Exception {
    FakeUpstream up = upstream("127.0.0.2");
    up.behave(e -> e.replyLater(e.answer().toWire(), 200));
    ForwardHarness h = forward("forward . " + up.address());
    List<CompletableFuture<Response>> futures = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      String name = i % 2 == 0 ? "same.example.org." : "SAME.example.ORG.";
      futures.add(h.askAsync(TestQuery.of(name, Type.A).id(1000 + i).build()));
    }
    for (int i = 0; i < 100; i++) {
      Response r = futures.get(i).get(10, TimeUnit.SECONDS);
      assertThat(Wire.id(r.wire())).isEqualTo(1000 + i);
      assertThat(r.message().getQuestion().getName().toString())
          .isEqualTo(i % 2 == 0 ? "same.example.org." : "SAME.example.ORG.");
      assertThat(a(r)).isEqualTo("192.0.2.1");
    }
    assertThat(up.total()).isEqualTo(1);
    // Different DO bit or type: not the same question.
    h.ask(TestQuery.of("same.example.org.", Type.A).dnssecOk().build());
    h.ask(TestQuery.of("same.example.org.", Type.AAAA).build());
    assertThat(up.total()).isEqualTo(3);
  }

  @Test
  void oneOfThreeUpstreamsDownIsMarkedDownAndUpAgain() throws Exception {
    FakeUpstream a = upstream("127.0.0.2");
    FakeUpstream b = upstream("127.0.0.3");
    FakeUpstream c = upstream("127.0.0.4");
    a.behave(e -> {});
    ForwardHarness h =
        forward(
            "forward . " + a.address() + " " + b.address() + " " + c.address() + " {",
            "policy sequential",
            "health_check 50ms",
            "}");
    var upstreamA = h.instance.lines().get(0).upstreams().get(0);
    for (int i = 0; i < 5; i++) {
      Response r = h.ask(TestQuery.query("q" + i + ".example.org.", Type.A));
      assertThat(r.isWritten()).as("no client error").isTrue();
    }
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!upstreamA.down(2) && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    assertThat(upstreamA.down(2)).as("marked down").isTrue();
    int seen = a.total();
    for (int i = 0; i < 5; i++) {
      assertThat(h.ask(TestQuery.query("d" + i + ".example.org.", Type.A)).isWritten()).isTrue();
    }
    assertThat(h.counter("coredns.proxy.healthcheck.failures", "to", a.address())).isGreaterThanOrEqualTo(3);
    // Probes keep going to A, queries do not.
    assertThat(a.queries().subList(seen, a.queries().size()))
        .allMatch(m -> m.getQuestion().getType() == Type.NS && m.getQuestion().getName().equals(Name.root));

    a.behave(e -> e.reply(FakeUpstream.answer(e.query, "192.0.2.2")));
    until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (upstreamA.down(2) && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    assertThat(upstreamA.down(2)).as("up again").isFalse();
    assertThat(a(h.ask(TestQuery.query("back.example.org.", Type.A)))).isEqualTo("192.0.2.2");
  }

  @Test
  void allDownWithFailfastGivesServfailAtOnce() throws Exception {
    FakeUpstream a = upstream("127.0.0.2");
    a.behave(e -> {});
    ForwardHarness h =
        forward("forward . " + a.address() + " {", "health_check 20ms", "max_fails 1", "failfast_all_unhealthy_upstreams", "}");
    h.ask(TestQuery.query("first.example.org.", Type.A));
    var up = h.instance.lines().get(0).upstreams().get(0);
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!up.down(1) && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    int before = a.queries().stream().filter(m -> m.getQuestion().getType() == Type.A).toList().size();
    Response r = h.ask(TestQuery.query("second.example.org.", Type.A));
    assertThat(r.rcode()).isEqualTo(Rcode.SERVFAIL);
    assertThat(r.error()).hasMessage("no healthy proxies");
    assertThat(a.queries().stream().filter(m -> m.getQuestion().getType() == Type.A).toList()).hasSize(before);
    assertThat(h.counter("coredns.forward.healthcheck.broken")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void durationHistogramHasCoreDnsLabelsAndBuckets() throws Exception {
    FakeUpstream up = upstream("127.0.0.2");
    ForwardHarness h = forward("forward . " + up.address());
    h.ask(TestQuery.query("example.org.", Type.A));
    var timer =
        h.registry.find("coredns.proxy.request.duration")
            .tags("proxy_name", "forward", "to", up.address(), "rcode", "NOERROR")
            .timer();
    assertThat(timer).isNotNull();
    assertThat(timer.count()).isEqualTo(1);
    assertThat(timer.takeSnapshot().histogramCounts()).hasSize(16);
    assertThat(timer.takeSnapshot().histogramCounts()[0].bucket(TimeUnit.SECONDS)).isEqualTo(0.00025);
    assertThat(timer.takeSnapshot().histogramCounts()[15].bucket(TimeUnit.SECONDS)).isEqualTo(8.192);
    assertThat(h.counter("coredns.proxy.conn.cache.misses", "proxy_name", "forward", "to", up.address(), "proto", "udp")).isEqualTo(1);
  }

  @Test
  void reusedTcpConnectionClosedByTheUpstreamIsRetried() throws Exception {
    FakeUpstream up = upstream("127.0.0.2");
    ForwardHarness h = forward("forward . " + up.address() + " {", "force_tcp", "}");
    assertThat(a(h.ask(TestQuery.query("one.example.org.", Type.A)))).isEqualTo("192.0.2.1");
    up.behave(
        e -> {
          if (up.tcpConnections.get() == 1) {
            up.dropConnections();
          } else {
            e.reply(e.answer());
          }
        });
    assertThat(a(h.ask(TestQuery.query("two.example.org.", Type.A)))).isEqualTo("192.0.2.1");
    assertThat(up.tcpConnections.get()).isEqualTo(2);
  }

  @Test
  void queryWithEdnsOptionsKeepsThem() throws Exception {
    FakeUpstream up = upstream("127.0.0.2");
    ForwardHarness h = forward("forward . " + up.address());
    Message m = TestQuery.of("example.org.", Type.A).message();
    m.addRecord(new OPTRecord(4096, 0, 0, 0, List.of(new org.xbill.DNS.CookieOption(new byte[8]))), Section.ADDITIONAL);
    Query q = Query.decode(m.toWire(), dev.jaydns.plugin.Transport.UDP, new java.net.InetSocketAddress("127.0.0.1", 5), "dns://:53");
    h.ask(q);
    assertThat(up.queries().get(0).getOPT().getOptions()).hasSize(1);
    assertThat(up.queries().get(0).getOPT().getPayloadSize()).isEqualTo(1232);
  }
}
