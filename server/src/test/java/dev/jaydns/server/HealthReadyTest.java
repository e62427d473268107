package dev.jaydns.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/** {@code health} and {@code ready} over real HTTP on loopback, and the stop sequence they drive. */
class HealthReadyTest {

  @AfterEach
  void resetReadiness() {
    TestReadyPlugin.READY.set(true);
  }

  private static Message query(String name) throws IOException {
    return Message.newQuery(org.xbill.DNS.Record.newRecord(Name.fromString(name), Type.A, DClass.IN));
  }

  @Test
  void healthAnswersOkOnItsPathOnly() throws Exception {
    int health = HttpProbe.freePort();
    try (RunningJay jay = RunningJay.start(".:0 {\n  health 127.0.0.1:" + health + "\n  testanswer\n}\n")) {
      assertThat(HttpProbe.get(health, "/health")).isEqualTo(new HttpProbe.Reply(200, "OK"));
      assertThat(HttpProbe.get(health, "/health?verbose=1").status()).isEqualTo(200);
      assertThat(HttpProbe.get(health, "/ready").status()).isEqualTo(404);
    }
  }

  @Test
  void readyWaitsForEveryPluginThatReportsReadiness() throws Exception {
    int ready = HttpProbe.freePort();
    TestReadyPlugin.READY.set(false);
    String corefile = ".:0 {\n  ready 127.0.0.1:" + ready + " {\n    monitor continuously\n  }\n  testready\n  testanswer\n}\n";
    try (RunningJay jay = RunningJay.start(corefile)) {
      assertThat(HttpProbe.get(ready, "/ready")).isEqualTo(new HttpProbe.Reply(503, "testready"));
      TestReadyPlugin.READY.set(true);
      assertThat(HttpProbe.get(ready, "/ready")).isEqualTo(new HttpProbe.Reply(200, "OK"));
      // continuously: asked again on each request.
      TestReadyPlugin.READY.set(false);
      assertThat(HttpProbe.get(ready, "/ready").status()).isEqualTo(503);
    }
  }

  @Test
  void untilReadyStopsAskingOnceReady() throws Exception {
    int ready = HttpProbe.freePort();
    String corefile = ".:0 {\n  ready 127.0.0.1:" + ready + "\n  testready\n  testanswer\n}\n";
    try (RunningJay jay = RunningJay.start(corefile)) {
      assertThat(HttpProbe.get(ready, "/ready").status()).isEqualTo(200);
      TestReadyPlugin.READY.set(false);
      assertThat(HttpProbe.get(ready, "/ready").status()).isEqualTo(200);
    }
  }

  @Test
  void stopTurnsReadyRedAndKeepsAnsweringDnsThroughTheLameduck() throws Exception {
    int health = HttpProbe.freePort();
    int ready = HttpProbe.freePort();
    String corefile =
        ".:0 {\n  health 127.0.0.1:" + health + " {\n    lameduck 1500ms\n  }\n  ready 127.0.0.1:" + ready
            + "\n  testanswer\n}\n";
    RunningJay jay = RunningJay.start(corefile);
    int port = jay.port();
    assertThat(HttpProbe.get(ready, "/ready").status()).isEqualTo(200);
    long begun = System.nanoTime();
    CompletableFuture<Void> stopped = jay.jay.stop().toCompletableFuture();
    assertThat(HttpProbe.get(ready, "/ready")).isEqualTo(new HttpProbe.Reply(503, "Shutting down"));
    assertThat(HttpProbe.get(health, "/health").status()).isEqualTo(200);
    List<Integer> rcodes = new ArrayList<>();
    // Queries sent through most of the lameduck: every one is answered.
    while (System.nanoTime() - begun < TimeUnit.MILLISECONDS.toNanos(1000)) {
      rcodes.add(DnsClient.udp(port, query("during.lameduck.")).getRcode());
      rcodes.add(DnsClient.tcp(port, query("during.lameduck.")).getRcode());
      Thread.sleep(50);
    }
    assertThat(stopped).isNotDone();
    assertThat(rcodes).hasSizeGreaterThan(4).containsOnly(Rcode.NOERROR);
    stopped.get(10, TimeUnit.SECONDS);
    assertThat(DnsClient.udp(port, query("after.stop.").toWire(), 300)).isNull();
  }

  @Test
  void aReloadNeitherEntersLameduckNorTurnsReadyRed() throws Exception {
    int health = HttpProbe.freePort();
    int ready = HttpProbe.freePort();
    String corefile =
        ".:0 {\n  health 127.0.0.1:" + health + " {\n    lameduck 20s\n  }\n  ready 127.0.0.1:" + ready
            + "\n  testanswer\n}\n";
    RunningJay jay = RunningJay.start(corefile);
    try {
      long begun = System.nanoTime();
      Jay.await(jay.jay.start(RunningJay.parse(corefile + "x.test:0 {\n  testanswer\n}\n")));
      assertThat(System.nanoTime() - begun).isLessThan(TimeUnit.SECONDS.toNanos(10));
      assertThat(HttpProbe.get(ready, "/ready").status()).isEqualTo(200);
      assertThat(HttpProbe.get(health, "/health").status()).isEqualTo(200);
      assertThat(jay.jay.lameduck()).hasSeconds(20);
    } finally {
      // Skip the 20 s lameduck in this test: only the registration matters here.
      jay.jay.start(RunningJay.parse(".:0 {\n  testanswer\n}\n")).toCompletableFuture().get(10, TimeUnit.SECONDS);
      jay.close();
    }
  }

  @Test
  void selfQueryTurnsHealthRedWhenDnsIsWedged() throws Exception {
    int healthy = HttpProbe.freePort();
    int wedged = HttpProbe.freePort();
    String corefile =
        "ok.test:0 {\n  health 127.0.0.1:" + healthy + " {\n    self_query probe.ok.test\n  }\n  testanswer\n}\n"
            + "slow.test:0 {\n  health 127.0.0.1:" + wedged + " {\n    self_query probe.slow.test 300ms\n  }\n"
            + "  testslow 3000\n  testanswer\n}\n";
    try (RunningJay jay = RunningJay.start(corefile)) {
      assertThat(HttpProbe.get(healthy, "/health")).isEqualTo(new HttpProbe.Reply(200, "OK"));
      HttpProbe.Reply red = HttpProbe.get(wedged, "/health");
      assertThat(red.status()).isEqualTo(503);
      assertThat(red.body()).contains("probe.slow.test.").contains("no answer within 300ms");
    }
  }
}
