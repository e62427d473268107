package dev.jaydns.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** The `jay` command as a real process: startup output, pidfile, graceful SIGTERM, exit codes. */
class ProcessLifecycleTest {

  @TempDir Path dir;

  private Process start(String... args) throws Exception {
    List<String> cmd =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
  }

  @Test
  void sigtermLetsQueriesInFlightFinishThenExitsZero() throws Exception {
    Path corefile = dir.resolve("Corefile");
    Files.writeString(corefile, "slow.test:0 {\n  testslow 2500\n  testanswer\n}\n.:0 {\n  testanswer\n}\n");
    Path pidfile = dir.resolve("jay.pid");
    Process p = start("-conf", corefile.toString(), "-pidfile", pidfile.toString());
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    int port = -1;
    Pattern listener = Pattern.compile("^\\.:(\\d+)$");
    for (String line; (line = out.readLine()) != null; ) {
      Matcher m = listener.matcher(line);
      if (m.matches()) {
        port = Integer.parseInt(m.group(1));
      }
      if (line.startsWith("Jay-")) {
        break;
      }
    }
    assertThat(port).isPositive();
    for (int i = 0; i < 50 && !Files.exists(pidfile); i++) {
      Thread.sleep(100);
    }
    assertThat(Files.readString(pidfile).strip()).isEqualTo(String.valueOf(p.pid()));
    int jayPort = port;
    Message slow = Message.newQuery(Record.newRecord(Name.fromString("a.slow.test."), Type.A, DClass.IN));
    CompletableFuture<Message> inFlight =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                byte[] r = DnsClient.udp(jayPort, slow.toWire(), 15_000);
                if (r == null) {
                  throw new IllegalStateException("no UDP answer");
                }
                return new Message(r);
              } catch (Exception e) {
                throw new RuntimeException(e);
              }
            });
    // Long enough for Jay to have read the query, even on a loaded machine; the answer takes
    // 2.5 s, so the query is still in flight when SIGTERM arrives.
    Thread.sleep(1000);
    p.destroy(); // SIGTERM
    assertThat(inFlight.get(10, TimeUnit.SECONDS).getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(p.waitFor(15, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    assertThat(pidfile).doesNotExist();
  }

  @Test
  void aBadCorefileExitsOneWithItsPosition() throws Exception {
    Path corefile = dir.resolve("Corefile");
    Files.writeString(corefile, ".:0 {\n  testanswer\n  nosuch\n}\n");
    Process p = start("-conf", corefile.toString());
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(15, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(1);
    assertThat(output).contains(corefile + ":3:3: unknown directive 'nosuch'");
  }

  @Test
  void aMissingConfFileIsFatal() throws Exception {
    Process p = start("-conf", dir.resolve("nope").toString());
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(15, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(1);
    assertThat(output).contains("no such file or directory");
  }
}
