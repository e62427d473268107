package dev.jaydns.plugins.errors;

import dev.jaydns.corefile.Directive;
import dev.jaydns.corefile.Token;
import dev.jaydns.plugin.Arguments;
import dev.jaydns.plugin.ConfigException;
import dev.jaydns.plugin.Handler;
import dev.jaydns.plugin.PluginConfig;
import dev.jaydns.plugin.PluginContext;
import dev.jaydns.plugin.PluginInstance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * The {@code errors} directive: logs the errors the rest of the chain reports, optionally
 * consolidating look-alike errors into one line per period. Once per server block.
 */
public final class ErrorsPlugin implements dev.jaydns.plugin.Plugin {

  @Override
  public String name() {
    return "errors";
  }

  @Override
  public PluginInstance setup(PluginConfig config) throws ConfigException {
    ErrorsConfig parsed = parse(config);
    if (parsed.stacktrace()) {
      config.settings().stacktrace(true);
    }
    ErrorsHandler handler = new ErrorsHandler(parsed);
    return new PluginInstance() {
      @Override
      public Handler handler() {
        return handler;
      }

      @Override
      public CompletionStage<Void> start(PluginContext context) {
        handler.start(context.vertx());
        return CompletableFuture.completedFuture(null);
      }

      @Override
      public CompletionStage<Void> stop() {
        handler.stop();
        return CompletableFuture.completedFuture(null);
      }
    };
  }

  static ErrorsConfig parse(PluginConfig config) throws ConfigException {
    Directive d = config.directive();
    Arguments args = config.arguments(d);
    if (args.hasNext()) {
      Token t = args.next("log file");
      if (!t.text().equals("stdout")) {
        throw config.error(t, "invalid log file: " + t.text());
      }
      args.end();
    }
    boolean stacktrace = false;
    List<Consolidate> consolidate = new ArrayList<>();
    for (Directive option : d.block()) {
      switch (option.name()) {
        case "stacktrace" -> {
          config.arguments(option).end();
          stacktrace = true;
        }
        case "consolidate" -> consolidate.add(consolidate(config, option));
        default -> throw config.unknownOption(option, List.of("stacktrace", "consolidate"));
      }
    }
    return new ErrorsConfig(stacktrace, consolidate);
  }

  private static Consolidate consolidate(PluginConfig config, Directive option)
      throws ConfigException {
    Arguments args = config.arguments(option);
    Token durationToken = args.next("DURATION");
    Duration duration = config.parseDuration(durationToken, "consolidate DURATION", null);
    if (duration.isNegative()) {
      throw config.error(durationToken, "consolidate DURATION must not be negative: " + durationToken.text());
    }
    Token regexp = args.next("REGEXP");
    Pattern pattern;
    try {
      pattern = Re2Pattern.compile(regexp.text());
    } catch (IllegalArgumentException e) {
      throw config.error(regexp, e.getMessage());
    }
    Consolidate.Level level = Consolidate.Level.ERROR;
    boolean showFirst = false;
    if (args.hasNext() && !args.peek().text().equals("show_first")) {
      Token t = args.next("LEVEL");
      level = Consolidate.Level.of(t.text());
      if (level == null) {
        throw config.error(t, "unknown log level argument in consolidate: " + t.text());
      }
    }
    if (args.hasNext()) {
      Token t = args.next("show_first");
      if (!t.text().equals("show_first")) {
        throw config.error(t, "unexpected argument '" + t.text() + "' for 'consolidate'");
      }
      showFirst = true;
    }
    args.end();
    return new Consolidate(duration, regexp.text(), pattern, level, showFirst);
  }
}
