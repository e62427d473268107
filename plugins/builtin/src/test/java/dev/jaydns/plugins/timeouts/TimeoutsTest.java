package dev.jaydns.plugins.timeouts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jaydns.plugin.BlockSettings;
import dev.jaydns.plugins.testing.Snippets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimeoutsTest {

  @Test
  void setsTheBlocksTcpTimeouts() throws Exception {
    BlockSettings s = new BlockSettings();
    new TimeoutsPlugin()
        .setup(
            Snippets.config(
                "timeouts", ". {\n timeouts {\n  read 10s\n  write 20\n  idle 1m\n }\n}\n", s, Path.of(".")));
    assertThat(s.tcpReadTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.tcpWriteTimeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(s.tcpIdleTimeout()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void unsetOnesKeepTheDefaults() throws Exception {
    BlockSettings s = new BlockSettings();
    new TimeoutsPlugin()
        .setup(Snippets.config("timeouts", ". {\n timeouts {\n  idle 2m\n }\n}\n", s, Path.of(".")));
    assertThat(s.tcpReadTimeout()).isEqualTo(BlockSettings.DEFAULT_TCP_READ);
    assertThat(s.tcpWriteTimeout()).isEqualTo(BlockSettings.DEFAULT_TCP_WRITE);
    assertThat(s.tcpIdleTimeout()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void rejects() {
    TimeoutsPlugin p = new TimeoutsPlugin();
    assertThat(Snippets.error(p, ". {\n timeouts\n}\n")).contains("at least one of read, write or idle");
    assertThat(Snippets.error(p, ". {\n timeouts {\n  read 500ms\n }\n}\n"))
        .isEqualTo(
            "plugin/timeouts: Corefile:3:8: timeout provided '500ms' needs to be between 1 second"
                + " and 24 hours");
    assertThat(Snippets.error(p, ". {\n timeouts {\n  idle 25h\n }\n}\n")).contains("24 hours");
    assertThat(Snippets.error(p, ". {\n timeouts {\n  idel 5s\n }\n}\n"))
        .contains("unknown property 'idel'; did you mean 'idle'?");
    assertThat(Snippets.error(p, ". {\n timeouts {\n  read\n }\n}\n")).contains("missing DURATION");
    assertThat(Snippets.error(p, ". {\n timeouts {\n  read 5x\n }\n}\n")).contains("Corefile:3:8");
    assertThat(Snippets.error(p, ". {\n timeouts 5s {\n  read 5s\n }\n}\n")).contains("unexpected argument");
  }
}
