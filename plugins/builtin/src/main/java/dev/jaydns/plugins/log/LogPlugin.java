package dev.jaydns.plugins.log;

import dev.jaydns.corefile.Directive;
import dev.jaydns.corefile.Token;
import dev.jaydns.plugin.ConfigException;
import dev.jaydns.plugin.Handler;
import dev.jaydns.plugin.Plugin;
import dev.jaydns.plugin.PluginConfig;
import dev.jaydns.plugin.PluginInstance;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code log [NAMES...] [FORMAT] { class success|denial|error|all ... }} directive: query
 * logging. Each {@code log} line adds rules; the first rule covering a name applies.
 */
public final class LogPlugin implements Plugin {

  private static final Logger SETUP_LOG = LoggerFactory.getLogger("plugin/log");

  @Override
  public String name() {
    return "log";
  }

  @Override
  public boolean repeatable() {
    return true;
  }

  @Override
  public PluginInstance setup(PluginConfig config) throws ConfigException {
    Handler handler = new LogHandler(parse(config));
    return PluginInstance.of(handler);
  }

  static LogConfig parse(PluginConfig config) throws ConfigException {
    List<LogRule> rules = new ArrayList<>();
    for (Directive d : config.directives()) {
      Set<ResponseClass> classes = classes(config, d);
      List<Token> args = d.args();
      LogFormat format = LogFormat.parse(LogFormat.COMMON);
      List<Token> names = args;
      if (args.isEmpty()) {
        names = List.of(new Token(".", d.position()));
      } else if (args.size() == 1) {
        if (args.get(0).text().contains("{")) {
          SETUP_LOG.warn(
              "{}: 'log {}' logs the name \"{}\" only: a single argument is always a NAME; write"
                  + " 'log . {}' to use it as the format for every name",
              args.get(0).position(),
              args.get(0).text(),
              fqdn(args.get(0).text()),
              args.get(0).text());
        }
      } else {
        String last = args.get(args.size() - 1).text();
        if (last.contains("{")) {
          format =
              LogFormat.parse(
                  last.replace("{common}", LogFormat.COMMON)
                      .replace("{combined}", LogFormat.COMBINED));
          names = args.subList(0, args.size() - 1);
        }
      }
      for (Token name : names) {
        rules.add(new LogRule(fqdn(name.text()), format, classes));
      }
    }
    return new LogConfig(rules);
  }

  private static Set<ResponseClass> classes(PluginConfig config, Directive d)
      throws ConfigException {
    Set<ResponseClass> classes = EnumSet.noneOf(ResponseClass.class);
    for (Directive option : d.block()) {
      if (!option.name().equals("class")) {
        throw config.unknownOption(option, List.of("class"));
      }
      if (option.args().isEmpty()) {
        throw config.error(option, "class needs at least one of all, success, denial, error");
      }
      for (Token t : option.args()) {
        ResponseClass c = ResponseClass.of(t.text());
        if (c == null) {
          throw config.error(t, "invalid Class: " + t.text());
        }
        classes.add(c);
      }
    }
    if (classes.isEmpty()) {
      classes.add(ResponseClass.ALL);
    }
    return classes;
  }

  private static String fqdn(String name) {
    return PluginConfig.normalizeZone(name);
  }
}
