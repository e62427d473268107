package dev.jaydns.plugins.cache;

import dev.jaydns.corefile.Directive;
import dev.jaydns.corefile.Token;
import dev.jaydns.plugin.Arguments;
import dev.jaydns.plugin.ConfigException;
import dev.jaydns.plugin.GoDuration;
import dev.jaydns.plugin.Plugin;
import dev.jaydns.plugin.PluginConfig;
import dev.jaydns.plugin.PluginInstance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code cache} directive: reads CoreDNS 1.13's syntax with its defaults and validation and
 * builds a {@link CacheInstance}. Parsing opens nothing.
 */
public final class CachePlugin implements Plugin {

  static final List<String> OPTIONS =
      List.of("success", "denial", "prefetch", "serve_stale", "servfail", "disable", "keepttl");

  private static final Duration MAX_SERVFAIL = Duration.ofMinutes(5);

  @Override
  public String name() {
    return "cache";
  }

  @Override
  public PluginInstance setup(PluginConfig config) throws ConfigException {
    return new CacheInstance(parse(config));
  }

  /** Parses the block's (single) {@code cache} directive. */
  static CacheConfig parse(PluginConfig config) throws ConfigException {
    Directive directive = config.directive();
    List<Token> args = directive.args();
    CacheConfig c = CacheConfig.defaults(List.of());
    int first = 0;
    if (!args.isEmpty() && isGoInt(args.get(0).text())) {
      long ttl = parseLong(config, args.get(0), "TTL");
      if (ttl <= 0) {
        throw config.error(args.get(0), "cache TTL can not be zero or negative: " + ttl);
      }
      int t = (int) Math.min(ttl, Integer.MAX_VALUE);
      c = with(c, c.success().withTtl(t), c.denial().withTtl(t));
      first = 1;
    }
    List<String> zones = new ArrayList<>();
    for (Token z : args.subList(first, args.size())) {
      String zone = zone(config, z);
      if (!zones.contains(zone)) {
        zones.add(zone);
      }
    }
    if (zones.isEmpty()) {
      zones.addAll(config.zones());
    }
    for (Directive option : directive.block()) {
      config.noBlock(option);
      c = option(config, c, option);
    }
    return new CacheConfig(
        zones,
        c.success(),
        c.denial(),
        c.prefetch(),
        c.serveStale(),
        c.servfail(),
        c.disable(),
        c.keepttl());
  }

  private static CacheConfig option(PluginConfig config, CacheConfig c, Directive option)
      throws ConfigException {
    Arguments a = config.arguments(option);
    switch (option.name()) {
      case "success" -> {
        return with(c, bucket(config, a, c.success()), c.denial());
      }
      case "denial" -> {
        return with(c, c.success(), bucket(config, a, c.denial()));
      }
      case "prefetch" -> {
        return withPrefetch(c, prefetch(config, a));
      }
      case "serve_stale" -> {
        return withServeStale(c, serveStale(config, a, option));
      }
      case "servfail" -> {
        Token t = a.next("DURATION");
        a.end();
        Duration d = duration(config, t, "servfail DURATION");
        if (d.isNegative()) {
          throw config.error(t, "invalid negative ttl for servfail");
        }
        if (d.compareTo(MAX_SERVFAIL) > 0) {
          throw config.error(t, "caching SERVFAIL responses over 5 minutes is not permitted");
        }
        return new CacheConfig(
            c.zones(), c.success(), c.denial(), c.prefetch(), c.serveStale(), d, c.disable(),
            c.keepttl());
      }
      case "disable" -> {
        return withDisable(c, disable(config, a, c.disable()));
      }
      case "keepttl" -> {
        a.end();
        return new CacheConfig(
            c.zones(), c.success(), c.denial(), c.prefetch(), c.serveStale(), c.servfail(),
            c.disable(), true);
      }
      default -> throw config.unknownOption(option, OPTIONS);
    }
  }

  private static CacheConfig.Bucket bucket(
      PluginConfig config, Arguments a, CacheConfig.Bucket b) throws ConfigException {
    Token capacity = a.next("CAPACITY");
    b = b.withCapacity(config.parseInt(capacity, "CAPACITY", Integer.MIN_VALUE, Integer.MAX_VALUE));
    if (a.hasNext()) {
      Token t = a.next("TTL");
      long ttl = parseLong(config, t, "TTL");
      if (ttl <= 0) {
        throw config.error(t, "cache TTL can not be zero or negative: " + ttl);
      }
      b = b.withTtl((int) Math.min(ttl, Integer.MAX_VALUE));
      if (a.hasNext()) {
        Token m = a.next("MINTTL");
        long min = parseLong(config, m, "MINTTL");
        if (min < 0) {
          throw config.error(m, "cache min TTL can not be negative: " + min);
        }
        b = b.withMinttl((int) Math.min(min, Integer.MAX_VALUE));
      }
    }
    a.end();
    return b;
  }

  private static CacheConfig.Prefetch prefetch(PluginConfig config, Arguments a)
      throws ConfigException {
    Token amountToken = a.next("AMOUNT");
    long amount = parseLong(config, amountToken, "prefetch AMOUNT");
    if (amount < 0) {
      throw config.error(amountToken, "prefetch amount should be positive: " + amount);
    }
    Duration duration = CacheConfig.Prefetch.OFF.duration();
    int percentage = CacheConfig.Prefetch.OFF.percentage();
    if (a.hasNext()) {
      duration = duration(config, a.next("DURATION"), "prefetch DURATION");
    }
    if (a.hasNext()) {
      Token p = a.next("PERCENTAGE");
      String text = p.text();
      char last = text.isEmpty() ? ' ' : text.charAt(text.length() - 1);
      if (last != '%') {
        throw config.error(
            p, "last character of percentage should be `%`, but is: '" + last + "'");
      }
      long pct = parseLong(config, p, text.substring(0, text.length() - 1), "PERCENTAGE");
      if (pct < 10 || pct > 90) {
        throw config.error(p, "percentage should fall in range [10, 90]: " + pct);
      }
      percentage = (int) pct;
    }
    a.end();
    return new CacheConfig.Prefetch((int) Math.min(amount, Integer.MAX_VALUE), duration, percentage);
  }

  private static CacheConfig.ServeStale serveStale(
      PluginConfig config, Arguments a, Directive option) throws ConfigException {
    Duration duration = Duration.ofHours(1);
    boolean verify = false;
    if (a.hasNext()) {
      Token t = a.next("DURATION");
      duration = duration(config, t, "serve_stale DURATION");
      if (duration.isNegative()) {
        throw config.error(t, "invalid negative duration for serve_stale");
      }
    }
    if (a.hasNext()) {
      Token m = a.next("REFRESH_MODE");
      String mode = m.text().toLowerCase(Locale.ROOT);
      if (!mode.equals("immediate") && !mode.equals("verify")) {
        throw config.error(m, "invalid value for serve_stale refresh mode: " + mode);
      }
      verify = mode.equals("verify");
    }
    a.end();
    return new CacheConfig.ServeStale(duration, verify);
  }

  private static CacheConfig.Disable disable(
      PluginConfig config, Arguments a, CacheConfig.Disable d) throws ConfigException {
    Token which = a.next("success|denial");
    List<String> zones = new ArrayList<>();
    for (Token z : a.remaining()) {
      zones.add(zone(config, z));
    }
    if (zones.isEmpty()) {
      zones.add(".");
    }
    return switch (which.text()) {
      case "success" -> new CacheConfig.Disable(zones, d.denial());
      case "denial" -> new CacheConfig.Disable(d.success(), zones);
      default -> throw config.error(
          which, "cache type for disable must be \"success\" or \"denial\", not '" + which.text() + "'");
    };
  }

  private static String zone(PluginConfig config, Token z) throws ConfigException {
    String text = z.text();
    if (text.contains("/")) {
      // CoreDNS expands a CIDR argument into reverse zones; Jay's cache does not yet.
      throw config.error(z, "CIDR zones are not supported in cache arguments yet: " + text
          + "; name the reverse zone (e.g. 0.0.10.in-addr.arpa.)");
    }
    if (text.contains("://") || text.isEmpty() || text.contains("..")) {
      throw config.error(z, "invalid zone: " + text);
    }
    return PluginConfig.normalizeZone(text);
  }

  private static Duration duration(PluginConfig config, Token t, String what)
      throws ConfigException {
    try {
      return GoDuration.parse(t.text());
    } catch (IllegalArgumentException e) {
      throw config.error(t, what + ": " + e.getMessage());
    }
  }

  private static long parseLong(PluginConfig config, Token t, String what) throws ConfigException {
    return parseLong(config, t, t.text(), what);
  }

  private static long parseLong(PluginConfig config, Token t, String text, String what)
      throws ConfigException {
    if (!isGoInt(text)) {
      throw config.error(t, what + " must be an integer, not '" + t.text() + "'");
    }
    try {
      return Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
    } catch (NumberFormatException e) {
      throw config.error(t, what + " out of range: " + t.text());
    }
  }

  /** Go's {@code strconv.Atoi} syntax: an optional sign, then one or more decimal digits. */
  static boolean isGoInt(String s) {
    int i = 0;
    if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
      i = 1;
    }
    if (i >= s.length()) {
      return false;
    }
    for (; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch < '0' || ch > '9') {
        return false;
      }
    }
    return true;
  }

  private static CacheConfig with(CacheConfig c, CacheConfig.Bucket s, CacheConfig.Bucket d) {
    return new CacheConfig(
        c.zones(), s, d, c.prefetch(), c.serveStale(), c.servfail(), c.disable(), c.keepttl());
  }

  private static CacheConfig withPrefetch(CacheConfig c, CacheConfig.Prefetch p) {
    return new CacheConfig(
        c.zones(), c.success(), c.denial(), p, c.serveStale(), c.servfail(), c.disable(),
        c.keepttl());
  }

  private static CacheConfig withServeStale(CacheConfig c, CacheConfig.ServeStale s) {
    return new CacheConfig(
        c.zones(), c.success(), c.denial(), c.prefetch(), s, c.servfail(), c.disable(),
        c.keepttl());
  }

  private static CacheConfig withDisable(CacheConfig c, CacheConfig.Disable d) {
    return new CacheConfig(
        c.zones(), c.success(), c.denial(), c.prefetch(), c.serveStale(), c.servfail(), d,
        c.keepttl());
  }
}
