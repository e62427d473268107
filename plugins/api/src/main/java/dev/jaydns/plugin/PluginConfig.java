package dev.jaydns.plugin;

import dev.jaydns.corefile.Directive;
import dev.jaydns.corefile.Position;
import dev.jaydns.corefile.ServerBlock;
import dev.jaydns.corefile.ServerKey;
import dev.jaydns.corefile.Token;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * What {@link Plugin#setup} reads: every occurrence of the plugin's directive in one server block
 * (in Corefile order), the block itself, and helpers that turn tokens into values or into errors
 * that carry the plugin name and the token's position.
 */
public final class PluginConfig {

  private final String plugin;
  private final List<Directive> directives;
  private final ServerBlock block;
  private final BlockSettings settings;
  private final Path directory;
  private final List<String> zones;

  /**
   * @param directory the folder of the main Corefile, against which relative file arguments are
   *     resolved
   */
  public PluginConfig(
      String plugin,
      List<Directive> directives,
      ServerBlock block,
      BlockSettings settings,
      Path directory) {
    this.plugin = plugin;
    this.directives = List.copyOf(directives);
    this.block = block;
    this.settings = settings;
    this.directory = directory;
    List<String> z = new ArrayList<>();
    for (ServerKey k : block.keys()) {
      if (!z.contains(k.zone())) {
        z.add(k.zone());
      }
    }
    this.zones = List.copyOf(z);
  }

  public String plugin() {
    return plugin;
  }

  /** Every occurrence of this directive in the block, in Corefile order; never empty. */
  public List<Directive> directives() {
    return directives;
  }

  /** The first (for once-only plugins, the only) occurrence. */
  public Directive directive() {
    return directives.get(0);
  }

  public ServerBlock block() {
    return block;
  }

  /** The block's zones, lowercase and fully qualified, without duplicates, in key order. */
  public List<String> zones() {
    return zones;
  }

  /** Settings this block's plugins may change (listen addresses, TCP timeouts). */
  public BlockSettings settings() {
    return settings;
  }

  /** The folder of the main Corefile. */
  public Path directory() {
    return directory;
  }

  /** A cursor over one directive's arguments. */
  public Arguments arguments(Directive directive) {
    return new Arguments(this, directive);
  }

  /** An error at a position. */
  public ConfigException error(Position position, String message) {
    return new ConfigException(plugin, position, message);
  }

  /** An error at a token. */
  public ConfigException error(Token token, String message) {
    return new ConfigException(plugin, token.position(), message);
  }

  /** An error at a directive or block option. */
  public ConfigException error(Directive directive, String message) {
    return new ConfigException(plugin, directive.position(), message);
  }

  /**
   * An unknown option inside the plugin's block, naming what is accepted and the closest match:
   * {@code unknown property 'servfail_ttl'; did you mean 'servfail'? (known: ...)}.
   */
  public ConfigException unknownOption(Directive option, Collection<String> known) {
    String closest = null;
    int best = Integer.MAX_VALUE;
    for (String k : known) {
      int d = editDistance(option.name(), k);
      if (d < best) {
        best = d;
        closest = k;
      }
    }
    StringBuilder sb = new StringBuilder("unknown property '").append(option.name()).append('\'');
    if (closest != null && best <= Math.max(2, option.name().length() / 3)) {
      sb.append("; did you mean '").append(closest).append("'?");
    }
    sb.append(" (known: ").append(String.join(", ", known)).append(')');
    return error(option, sb.toString());
  }

  /** Fails if the directive has a block: for directives that take none. */
  public void noBlock(Directive directive) throws ConfigException {
    if (!directive.block().isEmpty()) {
      throw error(directive.block().get(0), "'" + directive.name() + "' takes no block");
    }
  }

  /** Parses a token as a decimal integer (Go Atoi: optional sign, digits) in [min, max]. */
  public int parseInt(Token t, String what, int min, int max) throws ConfigException {
    long v;
    try {
      v = Long.parseLong(t.text());
    } catch (NumberFormatException e) {
      throw error(t, what + " must be an integer, not '" + t.text() + "'");
    }
    if (v < min || v > max) {
      throw error(t, what + " must be in [" + min + ", " + max + "], not " + t.text());
    }
    return (int) v;
  }

  /** Parses a token as a Go duration of at least {@code min} (null: no floor). */
  public Duration parseDuration(Token t, String what, Duration min) throws ConfigException {
    Duration d;
    try {
      d = GoDuration.parse(t.text());
    } catch (IllegalArgumentException e) {
      throw error(t, what + ": " + e.getMessage());
    }
    if (min != null && d.compareTo(min) < 0) {
      throw error(t, what + " must be at least " + GoDuration.format(min) + ", not " + t.text());
    }
    return d;
  }

  /**
   * Normalises a zone argument as CoreDNS's plugins do: lowercase, fully qualified ({@code
   * Example.ORG} becomes {@code example.org.}).
   */
  public static String normalizeZone(String zone) {
    String z = zone.toLowerCase(Locale.ROOT);
    return z.endsWith(".") ? z : z + ".";
  }

  private static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
