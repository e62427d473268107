package dev.jaydns.plugins.reload;

import dev.jaydns.corefile.Directive;
import dev.jaydns.plugin.Arguments;
import dev.jaydns.plugin.ConfigException;
import dev.jaydns.plugin.Plugin;
import dev.jaydns.plugin.PluginConfig;
import dev.jaydns.plugin.PluginInstance;
import java.time.Duration;

/**
 * The {@code reload} directive: asks the server to check the Corefile for changes and apply them.
 * The plugin only records its settings; the server's reloader does the checking, because a reload
 * replaces the plugin instances themselves. The setting is process-wide (the last block's wins,
 * as in CoreDNS).
 */
public final class ReloadPlugin implements Plugin {

  @Override
  public String name() {
    return "reload";
  }

  @Override
  public PluginInstance setup(PluginConfig config) throws ConfigException {
    ReloadConfig parsed = parse(config);
    config.settings().reload(parsed.interval(), parsed.jitter());
    return new PluginInstance() {};
  }

  static ReloadConfig parse(PluginConfig config) throws ConfigException {
    Directive d = config.directive();
    config.noBlock(d);
    Arguments args = config.arguments(d);
    Duration interval = ReloadConfig.DEFAULT_INTERVAL;
    Duration jitter = ReloadConfig.DEFAULT_JITTER;
    if (args.hasNext()) {
      var t = args.next("INTERVAL");
      interval = config.parseDuration(t, "interval", null);
      if (interval.compareTo(ReloadConfig.MIN_INTERVAL) < 0) {
        throw config.error(t, "interval value must be greater or equal to 2s, not " + t.text());
      }
    }
    if (args.hasNext()) {
      var t = args.next("JITTER");
      jitter = config.parseDuration(t, "jitter", null);
      if (jitter.compareTo(ReloadConfig.MIN_JITTER) < 0) {
        throw config.error(t, "jitter value must be greater or equal to 1s, not " + t.text());
      }
    }
    args.end();
    Duration half = interval.dividedBy(2);
    if (jitter.compareTo(half) > 0) {
      jitter = half;
    }
    return new ReloadConfig(interval, jitter);
  }
}
