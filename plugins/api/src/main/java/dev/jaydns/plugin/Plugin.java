package dev.jaydns.plugin;

/**
 * A Corefile directive and what it does: the service Jay finds with {@link java.util.ServiceLoader},
 * in its own jar and in every jar of the plugins folder. One directive name maps to one plugin; two
 * plugins claiming one name stop Jay at startup.
 *
 * <p>To add a plugin: implement this interface, list the class in {@code
 * META-INF/services/dev.jaydns.plugin.Plugin}, and drop the jar into the plugins folder. A plugin
 * outside CoreDNS's list says where it runs with {@link #placement()}.
 */
public interface Plugin {

  /** The directive word, e.g. {@code cache}. Case-sensitive, as in CoreDNS. */
  String name();

  /**
   * Where this plugin runs in the chain. Built-in plugins have their place in the shipped order
   * (CoreDNS 1.13's plugin.cfg) and return {@code null}; any other plugin must return a placement
   * relative to a named plugin of that order.
   */
  default Placement placement() {
    return null;
  }

  /**
   * True when the directive may appear several times in one server block ({@code log}, {@code
   * forward}, {@code bind}); otherwise a second occurrence is a startup error, as CoreDNS's
   * once-only plugins.
   */
  default boolean repeatable() {
    return false;
  }

  /**
   * Reads this directive's occurrences in one server block and returns the instance that will
   * serve it. Setup is pure: it validates and builds objects, and opens nothing (no socket,
   * thread, timer, file watch or meter); that is {@link PluginInstance#start}'s job. This is what
   * lets a reload build a whole new configuration, and throw it away on any error, without
   * touching the one that serves.
   *
   * @throws ConfigException for anything wrong, with the position of the offending token
   */
  PluginInstance setup(PluginConfig config) throws ConfigException;
}
