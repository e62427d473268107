package dev.jaydns.plugins.bufsize;

import dev.jaydns.plugin.Arguments;
import dev.jaydns.plugin.ConfigException;
import dev.jaydns.plugin.Handler;
import dev.jaydns.plugin.Plugin;
import dev.jaydns.plugin.PluginConfig;
import dev.jaydns.plugin.PluginInstance;

/** The {@code bufsize [SIZE]} directive: caps the EDNS UDP size queries carry down the chain. */
public final class BufsizePlugin implements Plugin {

  @Override
  public String name() {
    return "bufsize";
  }

  @Override
  public PluginInstance setup(PluginConfig config) throws ConfigException {
    Handler handler = new BufsizeHandler(parse(config));
    return PluginInstance.of(handler);
  }

  public static BufsizeConfig parse(PluginConfig config) throws ConfigException {
    Arguments a = config.arguments(config.directive());
    config.noBlock(config.directive());
    int size = BufsizeConfig.DEFAULT_SIZE;
    if (a.hasNext()) {
      size = a.nextInt("bufsize", BufsizeConfig.MIN_SIZE, BufsizeConfig.MAX_SIZE);
    }
    a.end();
    return new BufsizeConfig(size);
  }
}
