package dev.jaydns.plugins.forward;

import dev.jaydns.corefile.CorefileException;
import dev.jaydns.corefile.CorefileParser;
import dev.jaydns.corefile.ServerBlock;
import dev.jaydns.plugin.BlockSettings;
import dev.jaydns.plugin.PluginConfig;
import java.nio.file.Path;
import java.util.Map;

/**
 * forward's setup tests read their Corefiles with the real parser: the {@code forward} config of
 * the first server block, relative paths resolved against {@code dir}.
 */
final class ForwardCorefiles {

  private static final CorefileParser PARSER = new CorefileParser(Map.of(), 53);

  private ForwardCorefiles() {}

  /** The {@code forward} config of the first block in {@code text}. */
  static PluginConfig forward(String text, Path dir) {
    return forward(text, dir, new BlockSettings());
  }

  static PluginConfig forward(String text, Path dir, BlockSettings settings) {
    ServerBlock block;
    try {
      block = PARSER.parse("Corefile", text, dir).blocks().get(0);
    } catch (CorefileException e) {
      throw new IllegalArgumentException("test Corefile does not parse: " + e.getMessage(), e);
    }
    return new PluginConfig("forward", block.directives("forward"), block, settings, dir);
  }
}
