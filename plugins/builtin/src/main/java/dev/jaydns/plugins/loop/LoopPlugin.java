package dev.jaydns.plugins.loop;

import dev.jaydns.plugin.ConfigException;
import dev.jaydns.plugin.Plugin;
import dev.jaydns.plugin.PluginConfig;
import dev.jaydns.plugin.PluginInstance;

/** The {@code loop} directive: detects a forwarding loop back to this server and stops it. */
public final class LoopPlugin implements Plugin {

  @Override
  public String name() {
    return "loop";
  }

  @Override
  public PluginInstance setup(PluginConfig config) throws ConfigException {
    return new LoopHandler(parse(config));
  }

  static LoopConfig parse(PluginConfig config) throws ConfigException {
    config.noBlock(config.directive());
    config.arguments(config.directive()).end();
    return new LoopConfig(config.zones().get(0));
  }
}
