package dev.jaydns.plugins.ready;

import dev.jaydns.corefile.Directive;
import dev.jaydns.corefile.Token;
import dev.jaydns.plugin.Arguments;
import dev.jaydns.plugin.ConfigException;
import dev.jaydns.plugin.Plugin;
import dev.jaydns.plugin.PluginConfig;
import dev.jaydns.plugin.PluginInstance;
import java.util.List;

/**
 * The {@code ready} directive: {@code /ready} answers 200 once every plugin of the block that
 * reports readiness is ready, and 503 from the moment Jay is asked to stop. Once per server block.
 */
public final class ReadyPlugin implements Plugin {

  /** CoreDNS's default address. */
  static final String DEFAULT_ADDRESS = ":8181";

  @Override
  public String name() {
    return "ready";
  }

  @Override
  public PluginInstance setup(PluginConfig config) throws ConfigException {
    return new ReadyInstance(parse(config));
  }

  static ReadyConfig parse(PluginConfig config) throws ConfigException {
    Directive d = config.directive();
    Arguments args = config.arguments(d);
    String address = DEFAULT_ADDRESS;
    if (args.hasNext()) {
      address = args.nextHttpAddress("ADDRESS");
    }
    args.end();
    ReadyConfig.Monitor monitor = ReadyConfig.Monitor.UNTIL_READY;
    for (Directive option : d.block()) {
      if (!option.name().equals("monitor")) {
        throw config.unknownOption(option, List.of("monitor"));
      }
      config.noBlock(option);
      Arguments o = config.arguments(option);
      Token t = o.next("until-ready or continuously");
      o.end();
      monitor = switch (t.text()) {
        case "until-ready" -> ReadyConfig.Monitor.UNTIL_READY;
        case "continuously" -> ReadyConfig.Monitor.CONTINUOUSLY;
        default -> throw config.error(
            t, "monitor must be 'until-ready' or 'continuously', not '" + t.text() + "'");
      };
    }
    return new ReadyConfig(address, monitor);
  }
}
