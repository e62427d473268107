package dev.jaydns.plugins.loadbalance;

import dev.jaydns.corefile.Token;
import dev.jaydns.plugin.Arguments;
import dev.jaydns.plugin.ConfigException;
import dev.jaydns.plugin.Handler;
import dev.jaydns.plugin.Plugin;
import dev.jaydns.plugin.PluginConfig;
import dev.jaydns.plugin.PluginInstance;

/** The {@code loadbalance [round_robin]} directive: shuffles address and MX records in answers. */
public final class LoadbalancePlugin implements Plugin {

  @Override
  public String name() {
    return "loadbalance";
  }

  @Override
  public PluginInstance setup(PluginConfig config) throws ConfigException {
    Arguments a = config.arguments(config.directive());
    if (a.hasNext()) {
      Token policy = a.next("POLICY");
      switch (policy.text()) {
        case "round_robin" -> {}
        case "weighted" ->
            throw config.error(policy, "the 'weighted' policy is not supported by Jay yet");
        default -> throw config.error(policy, "unknown policy: " + policy.text());
      }
    }
    a.end();
    if (!config.directive().block().isEmpty()) {
      var option = config.directive().block().get(0);
      throw config.error(
          option,
          "'" + option.name() + "' is not supported by Jay yet (only round_robin without options)");
    }
    Handler handler = new LoadbalanceHandler();
    return new PluginInstance() {
      @Override
      public Handler handler() {
        return handler;
      }
    };
  }
}
