package dev.jaydns.server.nodecache;

import java.net.InetAddress;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The link that holds the local IPs: a {@code dummy} link left DOWN with every local IP as a host
 * route (/32 or /128), created and removed through {@code ip}. The addresses get local routes,
 * which is all binding and local delivery need.
 */
final class DummyInterface {

  private static final Logger LOG = LoggerFactory.getLogger("nodecache");

  private final Commands commands;
  private final String name;
  private final List<InetAddress> ips;
  private final SetupErrors errors;

  DummyInterface(Commands commands, String name, List<InetAddress> ips, SetupErrors errors) {
    this.commands = commands;
    this.name = name;
    this.ips = List.copyOf(ips);
    this.errors = errors;
  }

  /**
   * Makes sure the link exists with every address. When it exists, the addresses are added again
   * and "exists" answers are fine; when it does not, it is created. A failure is counted under
   * {@code interface_add} and {@code interface_check}; the process keeps serving on whatever
   * addresses exist.
   */
  synchronized void ensure() {
    if (commands.run(List.of("ip", "link", "show", "dev", name)).ok()) {
      for (InetAddress ip : ips) {
        commands.run(List.of("ip", "addr", "add", prefix(ip), "dev", name));
      }
      LOG.debug("interface {} is present", name);
      return;
    }
    Commands.Result add = commands.run(List.of("ip", "link", "add", name, "type", "dummy"));
    if (!add.ok()) {
      addFailed("Failed to add interface " + name + ": " + add.output());
      return;
    }
    for (InetAddress ip : ips) {
      Commands.Result r = commands.run(List.of("ip", "addr", "add", prefix(ip), "dev", name));
      if (!r.ok()) {
        addFailed("Failed to add address " + prefix(ip) + " to interface " + name + ": " + r.output());
        return;
      }
    }
    LOG.info("Added interface - {}", name);
  }

  private void addFailed(String message) {
    LOG.error("Error setting up networking: {}", message);
    errors.increment(SetupErrors.Type.INTERFACE_ADD);
    errors.increment(SetupErrors.Type.INTERFACE_CHECK);
  }

  /** Deletes the link, which takes its addresses with it. */
  synchronized void remove() {
    if (!commands.run(List.of("ip", "link", "show", "dev", name)).ok()) {
      return;
    }
    Commands.Result r = commands.run(List.of("ip", "link", "del", name));
    if (r.ok()) {
      LOG.info("Removed interface - {}", name);
    } else {
      LOG.error("Failed deleting interface {}: {}", name, r.output());
      errors.increment(SetupErrors.Type.INTERFACE_CHECK);
    }
  }

  static String prefix(InetAddress ip) {
    return IpText.format(ip) + (IpText.isIpv6(ip) ? "/128" : "/32");
  }
}
