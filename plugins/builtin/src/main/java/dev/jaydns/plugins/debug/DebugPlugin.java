package dev.jaydns.plugins.debug;

import dev.jaydns.plugin.ConfigException;
import dev.jaydns.plugin.Plugin;
import dev.jaydns.plugin.PluginConfig;
import dev.jaydns.plugin.PluginInstance;

/**
 * The {@code debug} directive: turns on debug mode for the block (handler exceptions logged with
 * their stack traces, {@code [DEBUG]} logs). Takes no arguments and adds no chain handler.
 */
public final class DebugPlugin implements Plugin {

  @Override
  public String name() {
    return "debug";
  }

  @Override
  public PluginInstance setup(PluginConfig config) throws ConfigException {
    config.arguments(config.directive()).end();
    config.noBlock(config.directive());
    config.settings().debug(true);
    return new PluginInstance() {};
  }
}
