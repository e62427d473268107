package dev.jaydns.server;

import dev.jaydns.corefile.ServerBlock;
import dev.jaydns.plugin.BlockSettings;
import dev.jaydns.plugin.PluginInstance;
import java.util.List;

/**
 * A server block after setup: its settings, its plugin instances in chain order (with names), and
 * the chain built from their handlers.
 */
record ConfiguredBlock(
    ServerBlock block,
    BlockSettings settings,
    List<String> pluginNames,
    List<PluginInstance> instances,
    BlockChain chain,
    List<ListenerKey> listeners) {

  /** The block's zones, lowercase FQDN, without duplicates. */
  List<String> zones() {
    return chain.zones();
  }
}
