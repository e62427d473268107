package dev.jaydns.server.nodecache;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * node-cache's network state: the dummy interface (before the listeners bind) and the iptables
 * rules (once the listeners are up), re-checked on every sync tick and removed on teardown, rules
 * first, then the interface. Either part can be off ({@code -setupinterface=false}, {@code
 * -setupiptables=false}).
 */
final class NetworkSetup {

  private static final Logger LOG = LoggerFactory.getLogger("nodecache");

  private final DummyInterface iface;
  private final Iptables iptables;
  private final List<IptablesRule> rules;

  /**
   * @param iface null when the interface is not managed
   * @param iptables null when the rules are not managed
   */
  NetworkSetup(DummyInterface iface, Iptables iptables, List<IptablesRule> rules) {
    this.iface = iface;
    this.iptables = iptables;
    this.rules = List.copyOf(rules);
  }

  static NetworkSetup of(NodeCacheFlags flags, Commands commands, SetupErrors errors) {
    DummyInterface iface =
        flags.setupInterface()
            ? new DummyInterface(commands, flags.interfaceName(), flags.localIps(), errors)
            : null;
    Iptables iptables = flags.setupIptables() ? new Iptables(commands, flags.ipv6(), errors) : null;
    List<IptablesRule> rules =
        flags.setupIptables()
            ? IptablesRule.nodeLocal(flags.localIps(), flags.dnsPort(), flags.healthPort())
            : List.of();
    return new NetworkSetup(iface, iptables, rules);
  }

  /** Before the listeners bind: the interface only, so no traffic is diverted to a dead port. */
  void setupInterface() {
    if (iface != null) {
      iface.ensure();
    }
  }

  /** Once serving, and on every tick: every rule in order, then the interface. */
  void setupAll() {
    if (iptables != null) {
      for (IptablesRule rule : rules) {
        iptables.ensure(rule);
      }
    }
    setupInterface();
  }

  /** Removes every rule (all copies), then the interface; errors are logged and the rest goes on. */
  void teardown() {
    LOG.info("Tearing down");
    if (iptables != null) {
      for (IptablesRule rule : rules) {
        iptables.deleteAll(rule);
      }
    }
    if (iface != null) {
      iface.remove();
    }
  }

  List<IptablesRule> rules() {
    return rules;
  }
}
