package dev.jaydns.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Hot reload: no query lost, nothing leaked, bad files ignored, ConfigMap swaps seen. */
class ReloadTest {

  @TempDir Path dir;

  private static final String A = ".:0 {\n  testanswer 192.0.2.1\n}\n";
  private static final String B =
      ".:0 {\n  testslow 5\n  testanswer 192.0.2.2\n}\nextra.test:0 {\n  testanswer 192.0.2.3\n}\n";

  private static Message query(String name) throws IOException {
    return Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN));
  }

  private static String answer(Message m) {
    return m.getSection(Section.ANSWER).get(0).rdataToString();
  }

  @Test
  void fiftyReloadsUnderLoadLoseNoQuery() throws Exception {
    try (FakeUpstream u1 = new FakeUpstream("127.0.0.31", q -> answerFrom(q, "192.0.2.1"));
        FakeUpstream u2 = new FakeUpstream("127.0.0.32", q -> answerFrom(q, "192.0.2.2"))) {
      // Between the two: the cache size changes, the forward target changes, a block comes and goes.
      String a =
          ".:0 {\n  errors\n  cache 30 {\n    success 2000\n  }\n  forward . %s\n}\n"
              .formatted(u1.address());
      String b =
          (".:0 {\n  errors\n  cache 30 {\n    success 5000\n  }\n  forward . %s\n}\n"
                  + "extra.test:0 {\n  testanswer 192.0.2.3\n}\n")
              .formatted(u2.address());
      reloadUnderLoad(a, b);
    }
  }

  @Test
  void fiftyReloadsOfPluginChainsUnderLoadLoseNoQuery() throws Exception {
    reloadUnderLoad(A, B);
  }

  private static Message answerFrom(Message q, String address) {
    Message r = new Message(q.getHeader().getID());
    r.getHeader().setFlag(org.xbill.DNS.Flags.QR);
    r.getHeader().setFlag(org.xbill.DNS.Flags.RD);
    r.getHeader().setFlag(org.xbill.DNS.Flags.RA);
    r.addRecord(q.getQuestion(), Section.QUESTION);
    try {
      r.addRecord(
          new org.xbill.DNS.ARecord(
              q.getQuestion().getName(), DClass.IN, 1, java.net.InetAddress.getByName(address)),
          Section.ANSWER);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return r;
  }

  private static void reloadUnderLoad(String first, String second) throws Exception {
    try (RunningJay jay = RunningJay.start(first)) {
      int port = jay.port();
      AtomicBoolean running = new AtomicBoolean(true);
      AtomicInteger sent = new AtomicInteger();
      AtomicInteger lost = new AtomicInteger();
      AtomicInteger bad = new AtomicInteger();
      List<Thread> clients = new ArrayList<>();
      for (int c = 0; c < 4; c++) {
        boolean tcp = c % 2 == 1;
        Thread t =
            new Thread(
                () -> {
                  while (running.get()) {
                    int n = sent.incrementAndGet();
                    try {
                      Message q = query("www" + (n % 50) + ".example.");
                      Message r = tcp ? DnsClient.tcp(port, q) : DnsClient.udp(port, q);
                      String a = answer(r);
                      if (r.getRcode() != Rcode.NOERROR
                          || !(a.equals("192.0.2.1") || a.equals("192.0.2.2"))) {
                        bad.incrementAndGet();
                      }
                    } catch (IOException e) {
                      lost.incrementAndGet();
                    }
                  }
                });
        t.start();
        clients.add(t);
      }
      for (int i = 0; i < 50; i++) {
        Jay.await(jay.jay.start(RunningJay.parse(i % 2 == 0 ? second : first)));
        Thread.sleep(20);
      }
      running.set(false);
      for (Thread t : clients) {
        t.join(10_000);
      }
      assertThat(sent.get()).isGreaterThan(200);
      assertThat(lost.get()).as("queries without an answer").isZero();
      assertThat(bad.get()).as("wrong answers").isZero();
    }
  }

  @Test
  void blocksAddedByAReloadServeAndRemovedOnesStop() throws Exception {
    try (RunningJay jay = RunningJay.start(A)) {
      int port = jay.port();
      assertThat(answer(DnsClient.udp(port, query("a.extra.test.")))).isEqualTo("192.0.2.1");
      Jay.await(jay.jay.start(RunningJay.parse(B)));
      assertThat(answer(DnsClient.udp(port, query("a.extra.test.")))).isEqualTo("192.0.2.3");
      Jay.await(jay.jay.start(RunningJay.parse(A)));
      assertThat(answer(DnsClient.udp(port, query("a.extra.test.")))).isEqualTo("192.0.2.1");
    }
  }

  @Test
  void aReloadThatFailsLeavesTheRunningConfigurationServing() throws Exception {
    try (RunningJay jay = RunningJay.start(A)) {
      int port = jay.port();
      assertThatThrownBy(() -> Jay.await(jay.jay.start(RunningJay.parse(".:0 {\n  nosuch\n}\n"))))
          .hasMessageContaining("unknown directive 'nosuch'");
      assertThatThrownBy(
              () -> Jay.await(jay.jay.start(RunningJay.parse(".:0 {\n  testanswer 1.2.3.4 0\n}\n"))))
          .hasMessageContaining("COUNT must be in");
      assertThat(answer(DnsClient.udp(port, query("x.")))).isEqualTo("192.0.2.1");
    }
  }

  @Test
  void aReloadToAPortThatCannotBeBoundChangesNothing() throws Exception {
    try (java.net.DatagramSocket taken =
            new java.net.DatagramSocket(new java.net.InetSocketAddress("127.0.0.1", 0));
        RunningJay jay = RunningJay.start(A)) {
      int port = jay.port();
      int busy = taken.getLocalPort();
      String withBusyPort =
          A + ".:%d {\n  bind 127.0.0.1\n  testanswer 192.0.2.8\n}\n".formatted(busy);
      assertThatThrownBy(() -> Jay.await(jay.jay.start(RunningJay.parse(withBusyPort))))
          .hasMessageContaining("cannot listen on udp dns://127.0.0.1:" + busy);
      assertThat(answer(DnsClient.udp(port, query("x.")))).isEqualTo("192.0.2.1");
      assertThat(jay.jay.current().routers()).hasSize(1);
    }
  }

  @Test
  void hundredReloadsLeaveThreadsFilesAndMetersWhereTheyWere() throws Exception {
    try (RunningJay jay = RunningJay.start(A)) {
      int port = jay.port();
      for (int i = 0; i < 10; i++) {
        Jay.await(jay.jay.start(RunningJay.parse(i % 2 == 0 ? B : A)));
      }
      DnsClient.udp(port, query("warm."));
      Thread.sleep(300);
      int threads = Thread.activeCount();
      long fds = openFiles();
      int meters = jay.jay.registry().getMeters().size();
      for (int i = 0; i < 100; i++) {
        Jay.await(jay.jay.start(RunningJay.parse(i % 2 == 0 ? B : A)));
      }
      DnsClient.udp(port, query("warm."));
      Thread.sleep(300);
      assertThat(Thread.activeCount()).isLessThanOrEqualTo(threads + 2);
      assertThat(openFiles()).isLessThanOrEqualTo(fds + 4);
      assertThat(jay.jay.registry().getMeters().size()).isLessThanOrEqualTo(meters + 2);
    }
  }

  private static long openFiles() throws IOException {
    try (var s = Files.list(Path.of("/proc/self/fd"))) {
      return s.count();
    }
  }

  @Test
  void aBadFileMidLoadIsIgnoredAndFixingItApplies() throws Exception {
    Path corefile = dir.resolve("Corefile");
    Files.writeString(corefile, ".:0 {\n  reload 2s 1s\n  testanswer 192.0.2.1\n}\n");
    CorefileSource source = CorefileSource.file(corefile, Map.of(), 53);
    try (RunningJay jay = RunningJay.start(Files.readString(corefile));
        Reloader reloader = new Reloader(jay.jay, source, jay.jay.registry())) {
      int port = jay.port();
      reloader.start(source.load());
      Files.writeString(corefile, ".:0 {\n  reload 2s 1s\n  testanswer 192.0.2.1\n  }}} broken\n");
      waitFor(() -> failedReloads(jay) == 1);
      assertThat(answer(DnsClient.udp(port, query("x.")))).isEqualTo("192.0.2.1");
      Files.writeString(corefile, ".:0 {\n  reload 2s 1s\n  testanswer 192.0.2.9\n}\n");
      waitFor(() -> answerOrNull(port).equals("192.0.2.9"));
      assertThat(failedReloads(jay)).isEqualTo(1);
      // The version gauge is replaced after the new configuration serves, so it may trail the
      // answer by a moment.
      waitFor(() -> versionInfo(jay) != null);
      assertThat(versionInfo(jay)).isNotNull();
    }
  }

  @Test
  void aConfigMapSymlinkSwapIsPickedUpWithinASecond() throws Exception {
    Path v1 = Files.createDirectories(dir.resolve("..2026_11_26_v1"));
    Path v2 = Files.createDirectories(dir.resolve("..2026_11_26_v2"));
    Files.writeString(v1.resolve("Corefile"), ".:0 {\n  reload 30s\n  testanswer 192.0.2.1\n}\n");
    Files.writeString(v2.resolve("Corefile"), ".:0 {\n  reload 30s\n  testanswer 192.0.2.2\n}\n");
    Files.createSymbolicLink(dir.resolve("..data"), v1.getFileName());
    Path corefile = dir.resolve("Corefile");
    Files.createSymbolicLink(corefile, Path.of("..data/Corefile"));
    CorefileSource source = CorefileSource.file(corefile, Map.of(), 53);
    try (RunningJay jay = RunningJay.start(Files.readString(corefile));
        Reloader reloader = new Reloader(jay.jay, source, jay.jay.registry())) {
      int port = jay.port();
      reloader.start(source.load());
      // Kubernetes' atomic update: a new symlink renamed over ..data.
      Path tmp = dir.resolve("..data_tmp");
      Files.createSymbolicLink(tmp, v2.getFileName());
      Files.move(tmp, dir.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
      long start = System.nanoTime();
      waitFor(() -> answerOrNull(port).equals("192.0.2.2"));
      System.out.printf("ConfigMap swap applied after %d ms%n", (System.nanoTime() - start) / 1_000_000);
    }
  }

  private static Object versionInfo(RunningJay jay) {
    return jay.jay.registry().find("coredns.reload.version.info").tag("hash", "sha512").gauge();
  }

  private static double failedReloads(RunningJay jay) {
    var c = jay.jay.registry().find("coredns.reload.failed").counter();
    return c == null ? 0 : c.count();
  }

  private static String answerOrNull(int port) {
    try {
      return answer(DnsClient.udp(port, query("x.")));
    } catch (Exception e) {
      return "";
    }
  }

  /** Polls for up to 5 s (the behaviour under test promises about one second). */
  private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(50);
    }
    assertThat(condition.getAsBoolean()).as("condition within 5 s").isTrue();
  }
}
