package dev.jaydns.plugin;

import dev.jaydns.corefile.Position;

/**
 * A directive a plugin cannot accept. The message reads {@code plugin/cache: Corefile:3:11: cache
 * TTL can not be zero or negative: 0}: CoreDNS's {@code plugin/NAME:} prefix, then the position of
 * the offending token, then what is wrong.
 */
public class ConfigException extends Exception {

  private final String plugin;
  private final Position position;
  private final String detail;

  public ConfigException(String plugin, Position position, String detail) {
    this(plugin, position, detail, null);
  }

  public ConfigException(String plugin, Position position, String detail, Throwable cause) {
    super(format(plugin, position, detail), cause);
    this.plugin = plugin;
    this.position = position;
    this.detail = detail;
  }

  private static String format(String plugin, Position position, String detail) {
    StringBuilder sb = new StringBuilder();
    if (plugin != null) {
      sb.append("plugin/").append(plugin).append(": ");
    }
    if (position != null) {
      sb.append(position).append(": ");
    }
    return sb.append(detail).toString();
  }

  /** The plugin that rejected the directive, or null for a core error. */
  public String plugin() {
    return plugin;
  }

  /** Where the offending token is, or null. */
  public Position position() {
    return position;
  }

  /** The message without prefixes. */
  public String detail() {
    return detail;
  }
}
