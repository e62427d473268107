package dev.jaydns.plugins.testing;

import dev.jaydns.corefile.CorefileException;
import dev.jaydns.corefile.CorefileParser;
import dev.jaydns.corefile.ServerBlock;
import dev.jaydns.plugin.BlockSettings;
import dev.jaydns.plugin.Chain;
import dev.jaydns.plugin.ConfigException;
import dev.jaydns.plugin.Handler;
import dev.jaydns.plugin.Plugin;
import dev.jaydns.plugin.PluginConfig;
import dev.jaydns.plugin.PluginInstance;
import dev.jaydns.plugin.Query;
import dev.jaydns.plugin.Response;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Corefile snippets for setup tests of the plugins of this module: parses with the real parser
 * (file {@code Corefile}, no environment, port 53) and runs one plugin's setup on the first block.
 */
public final class Snippets {

  private static final CorefileParser PARSER = new CorefileParser(Map.of(), 53);

  private Snippets() {}

  /** The first server block of {@code corefile}. */
  public static ServerBlock block(String corefile) {
    try {
      return PARSER.parse("Corefile", corefile, Path.of(".")).blocks().get(0);
    } catch (CorefileException e) {
      throw new IllegalArgumentException("test Corefile does not parse: " + e.getMessage(), e);
    }
  }

  /** The config of {@code plugin} in the first block, files relative to {@code dir}. */
  public static PluginConfig config(String plugin, String corefile, BlockSettings s, Path dir) {
    ServerBlock block = block(corefile);
    return new PluginConfig(plugin, block.directives(plugin), block, s, dir);
  }

  public static PluginConfig config(String plugin, String corefile) {
    return config(plugin, corefile, new BlockSettings(), Path.of("."));
  }

  /** Runs {@code plugin}'s setup on its directives in the first block of {@code corefile}. */
  public static PluginInstance setup(Plugin plugin, String corefile) throws ConfigException {
    return plugin.setup(config(plugin.name(), corefile));
  }

  /** The message of a setup that must fail. */
  public static String error(Plugin plugin, String corefile) {
    try {
      plugin.setup(config(plugin.name(), corefile));
    } catch (ConfigException e) {
      return e.getMessage();
    }
    throw new AssertionError("setup accepted: " + corefile);
  }

  /** Runs a handler on a query and waits (generously) for its response. */
  public static Response run(Handler handler, Query query, Chain next) {
    try {
      return handler.handle(query, next).toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
