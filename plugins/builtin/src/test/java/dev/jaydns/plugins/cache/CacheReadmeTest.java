package dev.jaydns.plugins.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jaydns.corefile.CorefileParser;
import dev.jaydns.corefile.ServerBlock;
import dev.jaydns.plugin.BlockSettings;
import dev.jaydns.plugin.PluginConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every {@code ~~~ corefile} example of the README parses, and its cache directive sets up. */
class CacheReadmeTest {

  @Test
  void readmeExamplesParse() throws Exception {
    String readme =
        Files.readString(Path.of("src/main/java/dev/jaydns/plugins/cache/README.md"));
    List<String> examples = new ArrayList<>();
    String[] parts = readme.split("~~~ corefile\n");
    for (int i = 1; i < parts.length; i++) {
      examples.add(parts[i].substring(0, parts[i].indexOf("~~~")));
    }
    assertThat(examples).hasSize(3);
    for (String example : examples) {
      List<ServerBlock> blocks =
          new CorefileParser(Map.of(), 53).parse("README", example, Path.of(".")).blocks();
      for (ServerBlock b : blocks) {
        PluginConfig pc =
            new PluginConfig("cache", b.directives("cache"), b, new BlockSettings(), Path.of("."));
        assertThat(new CachePlugin().setup(pc)).isNotNull();
      }
    }
  }
}
