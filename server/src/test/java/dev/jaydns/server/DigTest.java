package dev.jaydns.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The real `dig` (Debian's bind9-dnsutils, installed by .ci/run) against Jay on loopback. */
class DigTest {

  static boolean digAvailable() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      if (Files.isExecutable(Path.of(dir, "dig"))) {
        return true;
      }
    }
    return false;
  }

  static String dig(int port, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("dig", "@127.0.0.1", "-p", String.valueOf(port), "+tries=1", "+time=3"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    return out;
  }

  @Test
  void digGetsAnswersOverUdpAndTcp() throws Exception {
    assumeTrue(digAvailable(), "dig is not installed (apt-get install bind9-dnsutils; .ci/run does)");
    try (RunningJay jay = RunningJay.start(".:0 {\n  testanswer 192.0.2.44\n}\n")) {
      String udp = dig(jay.port(), "www.example.org", "A");
      assertThat(udp).contains("status: NOERROR").contains("192.0.2.44").contains("flags: qr aa rd");
      assertThat(udp).contains("EDNS: version: 0"); // dig sends EDNS; Jay mirrors the OPT record
      String tcp = dig(jay.port(), "+tcp", "www.example.org", "A");
      assertThat(tcp).contains("status: NOERROR").contains("192.0.2.44");
      String noEdns = dig(jay.port(), "+noedns", "www.example.org", "A");
      assertThat(noEdns).contains("status: NOERROR").doesNotContain("OPT PSEUDOSECTION");
    }
  }
}
