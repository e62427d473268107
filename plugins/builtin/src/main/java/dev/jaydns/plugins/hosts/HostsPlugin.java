package dev.jaydns.plugins.hosts;

import dev.jaydns.corefile.Directive;
import dev.jaydns.corefile.Token;
import dev.jaydns.plugin.Arguments;
import dev.jaydns.plugin.ConfigException;
import dev.jaydns.plugin.Plugin;
import dev.jaydns.plugin.PluginConfig;
import dev.jaydns.plugin.PluginInstance;
import dev.jaydns.plugin.net.IpLiteral;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code hosts} directive: answers A, AAAA and PTR queries from a hosts(5) file and from lines
 * inlined in the Corefile, re-reading the file when it changes.
 */
public final class HostsPlugin implements Plugin {

  static final List<String> OPTIONS = List.of("ttl", "no_reverse", "reload", "fallthrough");

  @Override
  public String name() {
    return "hosts";
  }

  @Override
  public PluginInstance setup(PluginConfig config) throws ConfigException {
    return new HostsInstance(parse(config));
  }

  /** Reads the directive into a config; opens nothing. */
  public static HostsConfig parse(PluginConfig config) throws ConfigException {
    Directive d = config.directive();
    Arguments args = config.arguments(d);
    Path file = HostsConfig.DEFAULT_FILE;
    if (args.hasNext()) {
      file = config.directory().resolve(args.nextText("FILE"));
    }
    ZoneList zones = ZoneList.of(config, args.remaining());
    long ttl = HostsConfig.DEFAULT_TTL;
    boolean noReverse = false;
    Duration reload = HostsConfig.DEFAULT_RELOAD;
    Fallthrough fallthrough = Fallthrough.NONE;
    List<String> inline = new ArrayList<>();
    for (Directive option : d.block()) {
      Arguments a = config.arguments(option);
      switch (option.name()) {
        case "ttl" -> {
          ttl = a.nextInt("ttl seconds", 1, 65535);
          a.end();
        }
        case "no_reverse" -> {
          a.end();
          noReverse = true;
        }
        case "reload" -> {
          reload = a.nextDuration("reload", Duration.ZERO);
          a.end();
        }
        case "fallthrough" -> {
          List<String> fz = new ArrayList<>();
          for (Token t : a.remaining()) {
            fz.add(t.text());
          }
          fallthrough = Fallthrough.of(fz);
        }
        default -> {
          // CoreDNS takes any other line as an inline entry and silently drops lines that are
          // not entries, so a misspelt option vanishes; here a line must start with an address.
          String first = option.name();
          int zone = first.indexOf('%');
          if (IpLiteral.toAddress(zone >= 0 ? first.substring(0, zone) : first) == null) {
            throw config.unknownOption(option, OPTIONS);
          }
          if (fallthrough.enabled()) {
            throw config.error(option, "inline entries must come before 'fallthrough'");
          }
          if (option.args().isEmpty()) {
            throw config.error(option, "inline entry '" + first + "' names no host");
          }
          if (!option.block().isEmpty()) {
            throw config.error(option.block().get(0), "an inline entry takes no block");
          }
          StringBuilder line = new StringBuilder(first);
          for (Token t : option.args()) {
            line.append(' ').append(t.text());
          }
          inline.add(line.toString());
        }
      }
      if (!option.name().equals("fallthrough") && OPTIONS.contains(option.name())) {
        config.noBlock(option);
      }
    }
    return new HostsConfig(
        file, zones, inline, ttl, noReverse, reload, fallthrough);
  }
}
