package dev.jaydns.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The loop plugin through real listeners: a Corefile forwarding to itself is caught. */
class LoopTest {

  @Test
  void aCorefileThatForwardsToItselfIsDetected() throws Exception {
    int port = FreePorts.udpAndTcp();
    String corefile =
        ".:%d {\n  bind 127.0.0.1\n  loop\n  forward . 127.0.0.1:%d\n}\n".formatted(port, port);
    try (RunningJay jay = RunningJay.start(corefile)) {
      for (int i = 0; i < 100 && jay.fatals.isEmpty(); i++) {
        Thread.sleep(100);
      }
      assertThat(jay.fatals).hasSize(1);
      assertThat(jay.fatals.get(0))
          .startsWith("plugin/loop: Loop (127.0.0.1:")
          .contains(" -> 127.0.0.1:" + port + ") detected for zone \".\"")
          .contains("Query: \"HINFO ");
    }
  }

  @Test
  void aNormalCorefileIsNotReported() throws Exception {
    int port = FreePorts.udpAndTcp();
    String corefile = ".:%d {\n  bind 127.0.0.1\n  loop\n  whoami\n}\n".formatted(port);
    try (RunningJay jay = RunningJay.start(corefile)) {
      // The probe is answered by whoami at once; give it time to be seen more than once if it were.
      Thread.sleep(1500);
      assertThat(jay.fatals).isEmpty();
    }
  }
}
