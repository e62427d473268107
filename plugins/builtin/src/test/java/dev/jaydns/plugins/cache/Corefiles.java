package dev.jaydns.plugins.cache;

import dev.jaydns.corefile.CorefileParser;
import dev.jaydns.corefile.ServerBlock;
import dev.jaydns.plugin.BlockSettings;
import dev.jaydns.plugin.ConfigException;
import dev.jaydns.plugin.PluginConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Corefile text to the cache's {@link PluginConfig} and {@link CacheConfig}, through the real parser. */
final class Corefiles {

  private Corefiles() {}

  static PluginConfig pluginConfig(String corefile, int block) {
    try {
      List<ServerBlock> blocks =
          new CorefileParser(Map.of(), 53).parse("Corefile", corefile, Path.of(".")).blocks();
      ServerBlock b = blocks.get(block);
      return new PluginConfig("cache", b.directives("cache"), b, new BlockSettings(), Path.of("."));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static CacheConfig parse(String corefile) throws ConfigException {
    return CachePlugin.parse(pluginConfig(corefile, 0));
  }

  /** A block {@code .} holding {@code cacheLines} (the directive and its block). */
  static CacheConfig cache(String cacheLines) throws ConfigException {
    return parse(". {\n" + cacheLines + "\n}\n");
  }
}
