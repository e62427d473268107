package dev.jaydns.plugins.whoami;

import dev.jaydns.corefile.Directive;
import dev.jaydns.plugin.ConfigException;
import dev.jaydns.plugin.Handler;
import dev.jaydns.plugin.Plugin;
import dev.jaydns.plugin.PluginConfig;
import dev.jaydns.plugin.PluginInstance;

/**
 * The {@code whoami} directive: answers every query with the client's address and port. Takes no
 * arguments and no block.
 */
public final class WhoamiPlugin implements Plugin {

  @Override
  public String name() {
    return "whoami";
  }

  /**
   * CoreDNS reads only the first {@code whoami} line of a block and silently skips the others; Jay
   * accepts the repetition too, but checks every line.
   */
  @Override
  public boolean repeatable() {
    return true;
  }

  @Override
  public PluginInstance setup(PluginConfig config) throws ConfigException {
    for (Directive d : config.directives()) {
      config.arguments(d).end();
      config.noBlock(d);
    }
    Handler handler = new WhoamiHandler();
    return PluginInstance.of(handler);
  }
}
