package dev.jaydns.plugins.health;

import dev.jaydns.corefile.Directive;
import dev.jaydns.corefile.Token;
import dev.jaydns.plugin.Arguments;
import dev.jaydns.plugin.ConfigException;
import dev.jaydns.plugin.GoDuration;
import dev.jaydns.plugin.Plugin;
import dev.jaydns.plugin.PluginConfig;
import dev.jaydns.plugin.PluginInstance;
import java.time.Duration;
import java.util.List;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * The {@code health} directive: {@code /health} for liveness probes, a self-probe that records
 * how long it takes, and the lameduck period SIGTERM honours. May repeat in a block; the last
 * value given for each setting wins, as in CoreDNS.
 */
public final class HealthPlugin implements Plugin {

  /** CoreDNS's default address. */
  static final String DEFAULT_ADDRESS = ":8080";

  static final Duration DEFAULT_SELF_QUERY_TIMEOUT = Duration.ofSeconds(2);

  private static final List<String> OPTIONS = List.of("lameduck", "self_query");

  @Override
  public String name() {
    return "health";
  }

  @Override
  public boolean repeatable() {
    return true;
  }

  @Override
  public PluginInstance setup(PluginConfig config) throws ConfigException {
    return new HealthInstance(parse(config));
  }

  static HealthConfig parse(PluginConfig config) throws ConfigException {
    String address = DEFAULT_ADDRESS;
    Duration lameduck = Duration.ZERO;
    String selfQuery = null;
    Duration selfQueryTimeout = DEFAULT_SELF_QUERY_TIMEOUT;
    for (Directive d : config.directives()) {
      Arguments args = config.arguments(d);
      if (args.hasNext()) {
        address = args.nextHttpAddress("ADDRESS");
      }
      args.end();
      for (Directive option : d.block()) {
        Arguments o = config.arguments(option);
        switch (option.name()) {
          case "lameduck" -> {
            Token t = o.next("DURATION");
            o.end();
            try {
              lameduck = GoDuration.parse(t.text());
            } catch (IllegalArgumentException e) {
              throw config.error(
                  t,
                  "unable to parse lameduck duration value: '"
                      + t.text()
                      + "' : "
                      + e.getMessage());
            }
          }
          case "self_query" -> {
            Token name = o.next("NAME");
            try {
              selfQuery = Name.fromString(name.text(), Name.root).toString().toLowerCase();
            } catch (TextParseException e) {
              throw config.error(name, "invalid self_query name '" + name.text() + "': " + e.getMessage());
            }
            if (o.hasNext()) {
              selfQueryTimeout = o.nextDuration("self_query TIMEOUT", Duration.ofMillis(1));
            }
            o.end();
          }
          default -> throw config.unknownOption(option, OPTIONS);
        }
        if (!option.block().isEmpty()) {
          config.noBlock(option);
        }
      }
    }
    return new HealthConfig(address, lameduck, selfQuery, selfQueryTimeout);
  }
}
