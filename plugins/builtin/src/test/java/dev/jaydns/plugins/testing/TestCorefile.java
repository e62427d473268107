package dev.jaydns.plugins.testing;

import dev.jaydns.corefile.CorefileException;
import dev.jaydns.corefile.CorefileParser;
import dev.jaydns.corefile.ServerBlock;
import dev.jaydns.plugin.BlockSettings;
import dev.jaydns.plugin.PluginConfig;
import java.nio.file.Path;
import java.util.Map;

/**
 * Parses a Corefile with the real parser (file name {@code Corefile}, no environment, port 53) and
 * hands out the {@link PluginConfig} a plugin's setup reads, for table-driven setup tests.
 */
public final class TestCorefile {

  private static final CorefileParser PARSER = new CorefileParser(Map.of(), 53);

  private TestCorefile() {}

  /** The config of {@code plugin} in the first server block of {@code corefile}. */
  public static PluginConfig config(String plugin, String corefile) {
    return config(plugin, corefile, new BlockSettings());
  }

  public static PluginConfig config(String plugin, String corefile, BlockSettings settings) {
    ServerBlock block = block(corefile);
    return new PluginConfig(plugin, block.directives(plugin), block, settings, Path.of("."));
  }

  /** The first server block of {@code corefile}. */
  public static ServerBlock block(String corefile) {
    try {
      return PARSER.parse("Corefile", corefile, Path.of(".")).blocks().get(0);
    } catch (CorefileException e) {
      throw new IllegalArgumentException("test Corefile does not parse: " + e.getMessage(), e);
    }
  }
}
