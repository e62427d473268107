package dev.jaydns.plugins.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jaydns.corefile.CorefileParser;
import dev.jaydns.corefile.ServerBlock;
import dev.jaydns.plugin.BlockSettings;
import dev.jaydns.plugin.PluginConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code health} setup read through the real Corefile parser. */
class HealthPluginTest {

  private static HealthConfig parse(String body) throws Exception {
    ServerBlock block =
        new CorefileParser(Map.of(), 53)
            .parse("Corefile", ".:53 {\n" + body + "}\n", Path.of("."))
            .blocks()
            .get(0);
    return HealthPlugin.parse(
        new PluginConfig("health", block.directives("health"), block, new BlockSettings(), Path.of(".")));
  }

  @Test
  void defaults() throws Exception {
    assertThat(parse("  health\n"))
        .isEqualTo(new HealthConfig(":8080", Duration.ZERO, null, Duration.ofSeconds(2)));
  }

  @Test
  void addressLameduckAndSelfQuery() throws Exception {
    HealthConfig c =
        parse("  health 169.254.20.10:8080 {\n    lameduck 5s\n    self_query Health.Cluster.Local 500ms\n  }\n");
    assertThat(c)
        .isEqualTo(
            new HealthConfig(
                "169.254.20.10:8080", Duration.ofSeconds(5), "health.cluster.local.", Duration.ofMillis(500)));
  }

  @Test
  void theLastValueGivenWins() throws Exception {
    HealthConfig c = parse("  health :8081 {\n    lameduck 3s\n  }\n  health\n  health [::1]:8082\n");
    assertThat(c.address()).isEqualTo("[::1]:8082");
    assertThat(c.lameduck()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void errorsCarryTheirPosition() {
    assertThatThrownBy(() -> parse("  health {\n    lameduck 5\n  }\n"))
        .hasMessageContaining("plugin/health: Corefile:3:")
        .hasMessageContaining("unable to parse lameduck duration value: '5'");
    assertThatThrownBy(() -> parse("  health {\n    lameduck\n  }\n")).hasMessageContaining("missing DURATION");
    assertThatThrownBy(() -> parse("  health {\n    lameduk 5s\n  }\n"))
        .hasMessageContaining("unknown property 'lameduk'; did you mean 'lameduck'?");
    assertThatThrownBy(() -> parse("  health 8080\n")).hasMessageContaining("missing port in address");
    assertThatThrownBy(() -> parse("  health :8080 :8081\n")).hasMessageContaining("unexpected argument");
    assertThatThrownBy(() -> parse("  health {\n    self_query\n  }\n")).hasMessageContaining("missing NAME");
  }
}
