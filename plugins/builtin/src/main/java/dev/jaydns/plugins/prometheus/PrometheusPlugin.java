package dev.jaydns.plugins.prometheus;

import dev.jaydns.corefile.Directive;
import dev.jaydns.plugin.Arguments;
import dev.jaydns.plugin.ConfigException;
import dev.jaydns.plugin.Plugin;
import dev.jaydns.plugin.PluginConfig;
import dev.jaydns.plugin.PluginInstance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The {@code prometheus} directive: counts the block's queries in CoreDNS's {@code coredns_dns_*}
 * families and serves the process's metrics on {@code /metrics}. Once per server block.
 */
public final class PrometheusPlugin implements Plugin {

  /** CoreDNS's default address. */
  static final String DEFAULT_ADDRESS = "localhost:9153";

  @Override
  public String name() {
    return "prometheus";
  }

  @Override
  public PluginInstance setup(PluginConfig config) throws ConfigException {
    return new PrometheusInstance(parse(config));
  }

  static PrometheusConfig parse(PluginConfig config) throws ConfigException {
    Directive d = config.directive();
    config.noBlock(d);
    Arguments args = config.arguments(d);
    String address = DEFAULT_ADDRESS;
    if (args.hasNext()) {
      address = args.nextHttpAddress("ADDRESS");
    }
    args.end();
    List<String> zones = new ArrayList<>(config.zones());
    zones.sort(Comparator.comparingInt(String::length).reversed());
    return new PrometheusConfig(address, List.copyOf(zones));
  }
}
