package dev.jaydns.server;

import dev.jaydns.corefile.Corefile;
import dev.jaydns.corefile.Directive;
import dev.jaydns.corefile.ServerBlock;
import dev.jaydns.corefile.ServerKey;
import dev.jaydns.plugin.BlockSettings;
import dev.jaydns.plugin.ChainBuilder;
import dev.jaydns.plugin.ConfigException;
import dev.jaydns.plugin.Handler;
import dev.jaydns.plugin.PluginConfig;
import dev.jaydns.plugin.PluginInstance;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a parsed Corefile into a {@link Generation} without opening anything: checks every
 * directive names a loaded plugin, runs every plugin's pure setup in chain order, builds the
 * chains and the per-listener routers, and checks that no zone is served twice on one address.
 * Any error leaves nothing behind, which is what makes a reload all-or-nothing.
 */
final class GenerationBuilder {

  private final PluginRegistry registry;
  private final Path directory;

  GenerationBuilder(PluginRegistry registry, Path directory) {
    this.registry = registry;
    this.directory = directory;
  }

  Generation build(Corefile corefile) throws StartupException {
    List<ConfiguredBlock> blocks = new ArrayList<>();
    for (ServerBlock block : corefile.blocks()) {
      blocks.add(configure(block));
    }
    return new Generation(corefile, blocks, routers(blocks));
  }

  private ConfiguredBlock configure(ServerBlock block) throws StartupException {
    Map<String, List<Directive>> byName = new LinkedHashMap<>();
    for (Directive d : block.directives()) {
      PluginRegistry.Loaded loaded = registry.get(d.name());
      if (loaded == null) {
        if (registry.isKnown(d.name())) {
          throw new StartupException(
              d.position()
                  + ": no loaded plugin provides the directive '"
                  + d.name()
                  + "' (CoreDNS knows it; Jay does not ship it: add a plugin jar that provides"
                  + " it to the plugins folder)");
        }
        throw new StartupException(d.position() + ": unknown directive '" + d.name() + "'");
      }
      List<Directive> list = byName.computeIfAbsent(d.name(), k -> new ArrayList<>());
      if (!list.isEmpty() && !loaded.plugin().repeatable()) {
        throw new StartupException(
            "plugin/"
                + d.name()
                + ": "
                + d.position()
                + ": this plugin can only be used once per server block (first at "
                + list.get(0).position()
                + ")");
      }
      list.add(d);
    }
    List<String> names = new ArrayList<>(byName.keySet());
    names.sort(Comparator.comparingInt(registry::rank));

    BlockSettings settings = new BlockSettings();
    List<PluginInstance> instances = new ArrayList<>();
    List<String> handlerNames = new ArrayList<>();
    List<Handler> handlers = new ArrayList<>();
    for (String name : names) {
      PluginConfig config = new PluginConfig(name, byName.get(name), block, settings, directory);
      PluginInstance instance;
      try {
        instance = registry.get(name).plugin().setup(config);
      } catch (ConfigException e) {
        throw new StartupException(e.getMessage(), e);
      } catch (RuntimeException e) {
        throw new StartupException(
            "plugin/" + name + ": " + byName.get(name).get(0).position() + ": setup failed: " + e,
            e);
      }
      instances.add(instance);
      Handler h = instance.handler();
      if (h != null) {
        handlerNames.add(name);
        handlers.add(h);
      }
    }
    List<String> zones = new ArrayList<>();
    for (ServerKey k : block.keys()) {
      if (!k.transport().equals("dns")) {
        throw new StartupException(
            k.position()
                + ": "
                + k.transport()
                + ":// servers are not supported by Jay yet (key '"
                + k.raw()
                + "'); use dns://");
      }
      if (!zones.contains(k.zone())) {
        zones.add(k.zone());
      }
    }
    BlockChain chain =
        new BlockChain(
            handlers.isEmpty() ? null : ChainBuilder.of(handlerNames, handlers),
            List.copyOf(zones),
            List.copyOf(handlerNames),
            settings.anyClass(),
            settings.stacktrace() || settings.debug());
    List<ListenerKey> listeners = new ArrayList<>();
    for (ServerKey k : block.keys()) {
      if (settings.listenAddresses().isEmpty()) {
        addOnce(listeners, new ListenerKey("", k.port()));
      } else {
        for (String address : settings.listenAddresses()) {
          addOnce(listeners, new ListenerKey(address, k.port()));
        }
      }
    }
    return new ConfiguredBlock(block, settings, names, instances, chain, listeners);
  }

  private static void addOnce(List<ListenerKey> list, ListenerKey key) {
    if (!list.contains(key)) {
      list.add(key);
    }
  }

  /**
   * One router per listener, holding the zones of every block that listens there; a zone served
   * twice on one address, or once on an address and once on the wildcard of the same port, is an
   * error (spec §1.7).
   */
  private static Map<ListenerKey, ZoneRouter> routers(List<ConfiguredBlock> blocks)
      throws StartupException {
    record Served(ConfiguredBlock block, ServerKey key) {}
    Map<ListenerKey, Map<String, Served>> served = new LinkedHashMap<>();
    for (ConfiguredBlock b : blocks) {
      List<String> addresses = b.settings().listenAddresses();
      for (ServerKey k : b.block().keys()) {
        List<String> hosts = addresses.isEmpty() ? List.of("") : addresses;
        for (String host : hosts) {
          ListenerKey lk = new ListenerKey(host, k.port());
          Served previous = served.computeIfAbsent(lk, x -> new LinkedHashMap<>()).get(k.zone());
          String where = host.isEmpty() ? "" : " on " + host;
          if (previous != null) {
            throw new StartupException(
                k.position()
                    + ": cannot serve dns://"
                    + k.zone()
                    + ":"
                    + k.port()
                    + where
                    + " - it is already defined at "
                    + previous.key().position());
          }
          served.get(lk).put(k.zone(), new Served(b, k));
        }
      }
    }
    for (Map.Entry<ListenerKey, Map<String, Served>> e : served.entrySet()) {
      ListenerKey lk = e.getKey();
      if (lk.isWildcard()) {
        continue;
      }
      Map<String, Served> wildcard = served.get(new ListenerKey("", lk.port()));
      if (wildcard == null) {
        continue;
      }
      for (Served s : e.getValue().values()) {
        Served other = wildcard.get(s.key().zone());
        if (other != null) {
          throw new StartupException(
              s.key().position()
                  + ": cannot serve dns://"
                  + s.key().zone()
                  + ":"
                  + lk.port()
                  + " on "
                  + lk.host()
                  + " - zone overlap listener capacity with dns://"
                  + s.key().zone()
                  + ":"
                  + lk.port()
                  + " at "
                  + other.key().position());
        }
      }
    }
    Map<ListenerKey, ZoneRouter> routers = new LinkedHashMap<>();
    for (Map.Entry<ListenerKey, Map<String, Served>> e : served.entrySet()) {
      Map<String, BlockChain> zones = new LinkedHashMap<>();
      e.getValue().forEach((zone, s) -> zones.put(zone, s.block().chain()));
      routers.put(e.getKey(), new ZoneRouter(zones));
    }
    return routers;
  }
}
