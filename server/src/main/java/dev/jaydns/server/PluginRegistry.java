package dev.jaydns.server;

import dev.jaydns.plugin.Placement;
import dev.jaydns.plugin.Plugin;
import dev.jaydns.plugin.PluginOrder;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * The plugins this process knows: every {@link Plugin} that {@link ServiceLoader} finds on Jay's
 * class path and in the jars of the plugins folder, and the chain order they run in. Loaded once
 * at startup, with one class loader for the whole folder, and kept for the process: a reload
 * reuses it, so reloading never leaks classes.
 */
final class PluginRegistry {

  /** A plugin and where it came from (a jar path, or Jay's own class path). */
  record Loaded(Plugin plugin, String source) {}

  private final Map<String, Loaded> plugins;
  private final List<String> order;
  private final Map<String, Integer> rank;

  private PluginRegistry(Map<String, Loaded> plugins, List<String> order) {
    this.plugins = Collections.unmodifiableMap(plugins);
    this.order = List.copyOf(order);
    Map<String, Integer> r = new HashMap<>();
    for (int i = 0; i < order.size(); i++) {
      r.put(order.get(i), i);
    }
    this.rank = r;
  }

  /**
   * Loads the plugins of Jay's class path and, when {@code pluginsDir} is non-null, of every jar
   * in it.
   */
  static PluginRegistry load(Path pluginsDir) throws StartupException {
    ClassLoader parent = PluginRegistry.class.getClassLoader();
    ClassLoader loader = pluginsDir == null ? parent : folderLoader(pluginsDir, parent);
    return load(loader);
  }

  static PluginRegistry load(ClassLoader loader) throws StartupException {
    Map<String, Loaded> found = new LinkedHashMap<>();
    try {
      for (ServiceLoader.Provider<Plugin> provider :
          ServiceLoader.load(Plugin.class, loader).stream().toList()) {
        Plugin plugin = provider.get();
        Loaded loaded = new Loaded(plugin, sourceOf(provider.type()));
        Loaded other = found.putIfAbsent(plugin.name(), loaded);
        if (other != null) {
          throw new StartupException(
              "two plugins provide the directive '"
                  + plugin.name()
                  + "': "
                  + other.plugin().getClass().getName()
                  + " from "
                  + other.source()
                  + " and "
                  + plugin.getClass().getName()
                  + " from "
                  + loaded.source());
        }
      }
    } catch (ServiceConfigurationError e) {
      throw new StartupException("cannot load a plugin: " + e.getMessage(), e);
    }
    return new PluginRegistry(found, chainOrder(found));
  }

  private static ClassLoader folderLoader(Path dir, ClassLoader parent) throws StartupException {
    if (!Files.isDirectory(dir)) {
      throw new StartupException("plugins folder " + dir + " is not a directory");
    }
    List<URL> jars = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
        jars.add(p.toUri().toURL());
      }
    } catch (IOException e) {
      throw new StartupException("cannot read plugins folder " + dir + ": " + e.getMessage(), e);
    }
    if (jars.isEmpty()) {
      return parent;
    }
    return new URLClassLoader("jay-plugins", jars.toArray(URL[]::new), parent);
  }

  private static String sourceOf(Class<?> type) {
    CodeSource cs = type.getProtectionDomain().getCodeSource();
    if (cs == null || cs.getLocation() == null) {
      return "an unknown location";
    }
    try {
      return Path.of(cs.getLocation().toURI()).toString();
    } catch (Exception e) {
      return cs.getLocation().toString();
    }
  }

  /**
   * CoreDNS's order, with each plugin outside it inserted next to its anchor. Anchors may be other
   * outside plugins; a placement that never resolves is an error.
   */
  private static List<String> chainOrder(Map<String, Loaded> found) throws StartupException {
    List<String> order = new ArrayList<>(PluginOrder.builtin());
    List<Loaded> pending = new ArrayList<>();
    for (Loaded l : found.values()) {
      if (!order.contains(l.plugin().name())) {
        if (l.plugin().placement() == null) {
          throw new StartupException(
              "plugin '"
                  + l.plugin().name()
                  + "' from "
                  + l.source()
                  + " is not in CoreDNS's plugin order and declares no placement"
                  + " (Plugin.placement(), e.g. Placement.before(\"forward\"))");
        }
        pending.add(l);
      }
    }
    boolean progress = true;
    while (!pending.isEmpty() && progress) {
      progress = false;
      for (var it = pending.iterator(); it.hasNext(); ) {
        Loaded l = it.next();
        Placement p = l.plugin().placement();
        int anchor = order.indexOf(p.anchor());
        if (anchor >= 0) {
          order.add(p.relation() == Placement.Relation.BEFORE ? anchor : anchor + 1, l.plugin().name());
          it.remove();
          progress = true;
        }
      }
    }
    if (!pending.isEmpty()) {
      Loaded l = pending.get(0);
      throw new StartupException(
          "plugin '"
              + l.plugin().name()
              + "' from "
              + l.source()
              + " wants to run "
              + l.plugin().placement()
              + ", but no plugin '"
              + l.plugin().placement().anchor()
              + "' is known");
    }
    return order;
  }

  /** The plugin for a directive, or null. */
  Loaded get(String name) {
    return plugins.get(name);
  }

  /** True when CoreDNS knows the directive (it is in the order), whether or not Jay provides it. */
  boolean isKnown(String name) {
    return rank.containsKey(name);
  }

  /** Position of a directive in the chain order (smaller runs first). */
  int rank(String name) {
    Integer r = rank.get(name);
    return r == null ? Integer.MAX_VALUE : r;
  }

  /** Every loaded plugin, in chain order. */
  List<Loaded> inOrder() {
    List<Loaded> list = new ArrayList<>();
    for (String name : order) {
      Loaded l = plugins.get(name);
      if (l != null) {
        list.add(l);
      }
    }
    return list;
  }
}
