package dev.jaydns.plugins.ready;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jaydns.corefile.CorefileParser;
import dev.jaydns.corefile.ServerBlock;
import dev.jaydns.plugin.BlockSettings;
import dev.jaydns.plugin.PluginConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ready} setup read through the real Corefile parser. */
class ReadyPluginTest {

  private static ReadyConfig parse(String body) throws Exception {
    ServerBlock block =
        new CorefileParser(Map.of(), 53)
            .parse("Corefile", ".:53 {\n" + body + "}\n", Path.of("."))
            .blocks()
            .get(0);
    return ReadyPlugin.parse(
        new PluginConfig("ready", block.directives("ready"), block, new BlockSettings(), Path.of(".")));
  }

  @Test
  void defaultsAndOptions() throws Exception {
    assertThat(parse("  ready\n")).isEqualTo(new ReadyConfig(":8181", ReadyConfig.Monitor.UNTIL_READY));
    assertThat(parse("  ready 127.0.0.1:8181 {\n    monitor continuously\n  }\n"))
        .isEqualTo(new ReadyConfig("127.0.0.1:8181", ReadyConfig.Monitor.CONTINUOUSLY));
  }

  @Test
  void errorsCarryTheirPosition() {
    assertThatThrownBy(() -> parse("  ready {\n    monitor sometimes\n  }\n"))
        .hasMessageContaining("plugin/ready: Corefile:3:")
        .hasMessageContaining("'until-ready' or 'continuously'");
    assertThatThrownBy(() -> parse("  ready {\n    monitr continuously\n  }\n"))
        .hasMessageContaining("unknown property 'monitr'");
    assertThatThrownBy(() -> parse("  ready :8181 :8182\n")).hasMessageContaining("unexpected argument");
    assertThatThrownBy(() -> parse("  ready 8181\n")).hasMessageContaining("missing port in address");
  }
}
