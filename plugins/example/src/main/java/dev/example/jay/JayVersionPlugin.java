package dev.example.jay;

import dev.jaydns.corefile.Directive;
import dev.jaydns.corefile.Token;
import dev.jaydns.plugin.Arguments;
import dev.jaydns.plugin.ConfigException;
import dev.jaydns.plugin.Handler;
import dev.jaydns.plugin.Placement;
import dev.jaydns.plugin.Plugin;
import dev.jaydns.plugin.PluginConfig;
import dev.jaydns.plugin.PluginInstance;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The {@code jayversion [VERSION] { hostname NAME }} directive: a third-party plugin, built
 * against the plugin API alone, that answers {@code version.bind}, {@code version.server}, {@code
 * hostname.bind} and {@code id.server} (class CH, type TXT).
 */
public final class JayVersionPlugin implements Plugin {

  /** What {@code version.bind} answers when the directive names no VERSION. */
  public static final String DEFAULT_VERSION = "Jay";

  private static final int MAX_TXT = 255;

  @Override
  public String name() {
    return "jayversion";
  }

  /**
   * Where CoreDNS runs its own {@code chaos} plugin: after {@code errors} and {@code log}, which
   * then see these answers, and before {@code cache} and {@code forward}, which would otherwise
   * take CH queries first.
   */
  @Override
  public Placement placement() {
    return Placement.after("chaos");
  }

  @Override
  public PluginInstance setup(PluginConfig config) throws ConfigException {
    JayVersionConfig parsed = parse(config);
    // Queries of class CH reach this block's chain only when a plugin asks for it.
    config.settings().anyClass(true);
    Handler handler = new JayVersionHandler(parsed);
    return new PluginInstance() {
      @Override
      public Handler handler() {
        return handler;
      }
    };
  }

  static JayVersionConfig parse(PluginConfig config) throws ConfigException {
    Directive d = config.directive();
    Arguments args = config.arguments(d);
    String version = DEFAULT_VERSION;
    if (args.hasNext()) {
      version = text(config, args.next("VERSION"));
      args.end();
    }
    String hostname = defaultHostname();
    for (Directive option : d.block()) {
      if (!option.name().equals("hostname")) {
        throw config.unknownOption(option, List.of("hostname"));
      }
      Arguments a = config.arguments(option);
      hostname = text(config, a.next("NAME"));
      a.end();
    }
    return new JayVersionConfig(version, hostname);
  }

  private static String text(PluginConfig config, Token t) throws ConfigException {
    if (t.text().getBytes(StandardCharsets.UTF_8).length > MAX_TXT) {
      throw config.error(t, "longer than the " + MAX_TXT + " bytes a TXT string holds");
    }
    return t.text();
  }

  /** The pod's or host's name as the environment gives it; no name lookup. */
  private static String defaultHostname() {
    String h = System.getenv("HOSTNAME");
    return h == null || h.isBlank() ? "localhost" : h;
  }
}
