package dev.jaydns.plugins.timeouts;

import dev.jaydns.corefile.Directive;
import dev.jaydns.corefile.Token;
import dev.jaydns.plugin.Arguments;
import dev.jaydns.plugin.BlockSettings;
import dev.jaydns.plugin.ConfigException;
import dev.jaydns.plugin.GoDuration;
import dev.jaydns.plugin.Plugin;
import dev.jaydns.plugin.PluginConfig;
import dev.jaydns.plugin.PluginInstance;
import java.time.Duration;
import java.util.List;

/**
 * The {@code timeouts { read D; write D; idle D }} directive: sets the block's TCP timeouts. Adds
 * no chain handler.
 */
public final class TimeoutsPlugin implements Plugin {

  static final List<String> OPTIONS = List.of("read", "write", "idle");
  static final Duration MIN = Duration.ofSeconds(1);
  static final Duration MAX = Duration.ofHours(24);

  @Override
  public String name() {
    return "timeouts";
  }

  @Override
  public PluginInstance setup(PluginConfig config) throws ConfigException {
    TimeoutsConfig c = parse(config);
    BlockSettings s = config.settings();
    if (c.read() != null) {
      s.tcpReadTimeout(c.read());
    }
    if (c.write() != null) {
      s.tcpWriteTimeout(c.write());
    }
    if (c.idle() != null) {
      s.tcpIdleTimeout(c.idle());
    }
    return new PluginInstance() {};
  }

  public static TimeoutsConfig parse(PluginConfig config) throws ConfigException {
    Directive d = config.directive();
    config.arguments(d).end();
    if (d.block().isEmpty()) {
      throw config.error(d, "timeouts needs a block with at least one of read, write or idle");
    }
    Duration read = null;
    Duration write = null;
    Duration idle = null;
    for (Directive option : d.block()) {
      config.noBlock(option);
      Arguments a = config.arguments(option);
      if (!OPTIONS.contains(option.name())) {
        throw config.unknownOption(option, OPTIONS);
      }
      Duration v = duration(config, a.next("DURATION"));
      a.end();
      switch (option.name()) {
        case "read" -> read = v;
        case "write" -> write = v;
        default -> idle = v;
      }
    }
    return new TimeoutsConfig(read, write, idle);
  }

  /** A Go duration, or a bare integer of seconds, between 1 second and 24 hours. */
  private static Duration duration(PluginConfig config, Token t) throws ConfigException {
    Duration d;
    if (!t.text().isEmpty() && t.text().chars().allMatch(Character::isDigit)) {
      try {
        d = Duration.ofSeconds(Long.parseLong(t.text()));
      } catch (NumberFormatException e) {
        throw config.error(t, "invalid duration '" + t.text() + "'");
      }
    } else {
      try {
        d = GoDuration.parse(t.text());
      } catch (IllegalArgumentException e) {
        throw config.error(t, e.getMessage());
      }
    }
    if (d.compareTo(MIN) < 0 || d.compareTo(MAX) > 0) {
      throw config.error(t, "timeout provided '" + t.text() + "' needs to be between 1 second and 24 hours");
    }
    return d;
  }
}
