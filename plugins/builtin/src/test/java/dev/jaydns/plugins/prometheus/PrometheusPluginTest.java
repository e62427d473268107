package dev.jaydns.plugins.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jaydns.corefile.CorefileParser;
import dev.jaydns.corefile.ServerBlock;
import dev.jaydns.plugin.BlockSettings;
import dev.jaydns.plugin.ConfigException;
import dev.jaydns.plugin.PluginConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code prometheus} setup read through the real Corefile parser, and its zone label choice. */
class PrometheusPluginTest {

  static PluginConfig config(String corefile, String plugin) throws Exception {
    ServerBlock block =
        new CorefileParser(Map.of(), 53).parse("Corefile", corefile, Path.of(".")).blocks().get(0);
    return new PluginConfig(plugin, block.directives(plugin), block, new BlockSettings(), Path.of("."));
  }

  @Test
  void defaultsToLocalhost9153() throws Exception {
    PrometheusConfig c = PrometheusPlugin.parse(config(".:53 {\n  prometheus\n}\n", "prometheus"));
    assertThat(c.address()).isEqualTo("localhost:9153");
    assertThat(c.zones()).containsExactly(".");
  }

  @Test
  void takesAnAddressAndOrdersZonesLongestFirst() throws Exception {
    PrometheusConfig c =
        PrometheusPlugin.parse(
            config("example.org example.org.sub.com . {\n  prometheus :9253\n}\n", "prometheus"));
    assertThat(c.address()).isEqualTo(":9253");
    assertThat(c.zones()).containsExactly("example.org.sub.com.", "example.org.", ".");
  }

  @Test
  void rejectsBadAddressesExtraArgumentsAndBlocks() {
    assertThatThrownBy(() -> PrometheusPlugin.parse(config(".:53 {\n  prometheus localhost\n}\n", "prometheus")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("plugin/prometheus")
        .hasMessageContaining("Corefile:2:")
        .hasMessageContaining("missing port in address");
    assertThatThrownBy(() -> PrometheusPlugin.parse(config(".:53 {\n  prometheus :9153 :9154\n}\n", "prometheus")))
        .hasMessageContaining("unexpected argument ':9154'");
    assertThatThrownBy(() -> PrometheusPlugin.parse(config(".:53 {\n  prometheus :x\n}\n", "prometheus")))
        .hasMessageContaining("invalid port 'x'");
    assertThatThrownBy(
            () -> PrometheusPlugin.parse(config(".:53 {\n  prometheus {\n    foo\n  }\n}\n", "prometheus")))
        .hasMessageContaining("takes no block");
  }

  @Test
  void theZoneLabelIsTheLongestBlockZoneContainingTheName() {
    PrometheusHandler h = new PrometheusHandler(List.of("sub.example.org.", "example.org.", "."));
    assertThat(h.zoneIndex("a.sub.example.org.")).isZero();
    assertThat(h.zoneIndex("sub.example.org.")).isZero();
    assertThat(h.zoneIndex("xsub.example.org.")).isEqualTo(1);
    assertThat(h.zoneIndex("other.test.")).isEqualTo(2);
    PrometheusHandler noRoot = new PrometheusHandler(List.of("example.org."));
    assertThat(noRoot.zoneIndex("other.test.")).isEqualTo(1);
  }
}
