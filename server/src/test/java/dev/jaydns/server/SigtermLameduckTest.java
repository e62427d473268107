package dev.jaydns.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/** A real SIGTERM to a `jay` process: ready turns 503 at once, DNS is answered through the lameduck. */
class SigtermLameduckTest {

  @TempDir Path dir;

  @Test
  void sigtermTurnsReadyRedAndAnswersDnsThroughTheLameduck() throws Exception {
    int health = HttpProbe.freePort();
    int ready = HttpProbe.freePort();
    Path corefile = dir.resolve("Corefile");
    Files.writeString(
        corefile,
        ".:0 {\n  health 127.0.0.1:" + health + " {\n    lameduck 2s\n  }\n  ready 127.0.0.1:" + ready
            + "\n  testanswer\n}\n");
    List<String> cmd =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "-conf",
            corefile.toString());
    Path log = dir.resolve("jay.out");
    Process p =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      int port = -1;
      Pattern listener = Pattern.compile("^\\.:(\\d+)$");
      for (int i = 0; i < 300 && port < 0; i++) {
        Thread.sleep(50);
        for (String line : Files.readAllLines(log)) {
          Matcher m = listener.matcher(line);
          if (m.matches() && Files.readString(log).contains("Jay-")) {
            port = Integer.parseInt(m.group(1));
          }
        }
      }
      assertThat(port).isPositive();
      assertThat(HttpProbe.get(ready, "/ready").status()).isEqualTo(200);
      long signalled = System.nanoTime();
      p.destroy(); // SIGTERM
      HttpProbe.Reply r = HttpProbe.get(ready, "/ready");
      for (int i = 0; i < 50 && r.status() == 200; i++) {
        Thread.sleep(20);
        r = HttpProbe.get(ready, "/ready");
      }
      assertThat(r).isEqualTo(new HttpProbe.Reply(503, "Shutting down"));
      List<Integer> rcodes = new ArrayList<>();
      Message q = Message.newQuery(org.xbill.DNS.Record.newRecord(Name.fromString("x.test."), Type.A, DClass.IN));
      while (System.nanoTime() - signalled < TimeUnit.MILLISECONDS.toNanos(1500)) {
        rcodes.add(DnsClient.udp(port, q).getRcode());
        Thread.sleep(50);
      }
      assertThat(p.isAlive()).isTrue();
      assertThat(rcodes).hasSizeGreaterThan(5).containsOnly(Rcode.NOERROR);
      assertThat(p.waitFor(15, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isZero();
      assertThat(Files.readAllLines(log))
          .contains("[INFO] plugin/health: Going into lameduck mode for 2s");
      // Vert.x's HTTP metrics re-register their gauges on every request; Micrometer's one-time
      // warning about that is not shown to the operator.
      assertThat(Files.readString(log)).doesNotContain("Gauge has been already registered");
    } finally {
      p.destroyForcibly();
    }
  }
}
