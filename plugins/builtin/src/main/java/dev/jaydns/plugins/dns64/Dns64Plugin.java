package dev.jaydns.plugins.dns64;

import dev.jaydns.corefile.Directive;
import dev.jaydns.corefile.Token;
import dev.jaydns.plugin.Arguments;
import dev.jaydns.plugin.ConfigException;
import dev.jaydns.plugin.Plugin;
import dev.jaydns.plugin.PluginConfig;
import dev.jaydns.plugin.PluginInstance;
import java.util.List;

/** The {@code dns64 [PREFIX] { prefix PREFIX; translate_all; allow_ipv4 }} directive. */
public final class Dns64Plugin implements Plugin {

  static final List<String> OPTIONS = List.of("prefix", "translate_all", "allow_ipv4");

  @Override
  public String name() {
    return "dns64";
  }

  @Override
  public PluginInstance setup(PluginConfig config) throws ConfigException {
    Dns64Handler handler = new Dns64Handler(parse(config));
    return PluginInstance.of(
        handler,
        context ->
            handler.metrics(
                context.shared("dns64/metrics", () -> new Dns64Metrics(context.meterRegistry()))));
  }

  /** Reads the directive; opens nothing. */
  static Dns64Config parse(PluginConfig config) throws ConfigException {
    Directive d = config.directive();
    Arguments a = config.arguments(d);
    Pref64 prefix = Pref64.WELL_KNOWN;
    if (a.hasNext()) {
      prefix = prefix(config, a.next("PREFIX"));
    }
    a.end();
    boolean translateAll = false;
    boolean allowIpv4 = false;
    for (Directive option : d.block()) {
      Arguments oa = config.arguments(option);
      switch (option.name()) {
        case "prefix" -> prefix = prefix(config, oa.next("prefix PREFIX"));
        case "translate_all" -> translateAll = true;
        case "allow_ipv4" -> allowIpv4 = true;
        default -> throw config.unknownOption(option, OPTIONS);
      }
      oa.end();
      config.noBlock(option);
    }
    return new Dns64Config(prefix, translateAll, allowIpv4);
  }

  private static Pref64 prefix(PluginConfig config, Token t) throws ConfigException {
    try {
      return Pref64.parse(t.text());
    } catch (IllegalArgumentException e) {
      throw config.error(t, e.getMessage());
    }
  }
}
