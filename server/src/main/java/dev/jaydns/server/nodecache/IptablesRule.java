package dev.jaydns.server.nodecache;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * One rule node-cache keeps in place: a table, a chain and the rule's arguments in node-cache's
 * exact order ({@code -p PROTO -d|-s IP --dport|--sport PORT -j TARGET -m comment --comment C}).
 */
record IptablesRule(String table, String chain, List<String> args) {

  static final String SKIP_CONNTRACK = "NodeLocal DNS Cache: skip conntrack";
  static final String ALLOW_DNS = "NodeLocal DNS Cache: allow DNS traffic";

  IptablesRule {
    args = List.copyOf(args);
  }

  /** The twelve rules per local IP, in node-cache's order (§5.2 of the spec). */
  static List<IptablesRule> nodeLocal(List<InetAddress> localIps, int dnsPort, int healthPort) {
    List<IptablesRule> rules = new ArrayList<>();
    String p = Integer.toString(dnsPort);
    String h = Integer.toString(healthPort);
    for (InetAddress address : localIps) {
      String ip = IpText.format(address);
      rules.add(rule("raw", "PREROUTING", "tcp", "-d", ip, "--dport", p, "NOTRACK", SKIP_CONNTRACK));
      rules.add(rule("raw", "PREROUTING", "udp", "-d", ip, "--dport", p, "NOTRACK", SKIP_CONNTRACK));
      rules.add(rule("filter", "INPUT", "tcp", "-d", ip, "--dport", p, "ACCEPT", ALLOW_DNS));
      rules.add(rule("filter", "INPUT", "udp", "-d", ip, "--dport", p, "ACCEPT", ALLOW_DNS));
      rules.add(rule("raw", "OUTPUT", "tcp", "-s", ip, "--sport", p, "NOTRACK", SKIP_CONNTRACK));
      rules.add(rule("raw", "OUTPUT", "udp", "-s", ip, "--sport", p, "NOTRACK", SKIP_CONNTRACK));
      rules.add(rule("filter", "OUTPUT", "tcp", "-s", ip, "--sport", p, "ACCEPT", ALLOW_DNS));
      rules.add(rule("filter", "OUTPUT", "udp", "-s", ip, "--sport", p, "ACCEPT", ALLOW_DNS));
      // Clients on the host network (kubernetes/dns#318).
      rules.add(rule("raw", "OUTPUT", "tcp", "-d", ip, "--dport", p, "NOTRACK", SKIP_CONNTRACK));
      rules.add(rule("raw", "OUTPUT", "udp", "-d", ip, "--dport", p, "NOTRACK", SKIP_CONNTRACK));
      // The kubelet's liveness probe to the health port.
      rules.add(rule("raw", "OUTPUT", "tcp", "-d", ip, "--dport", h, "NOTRACK", SKIP_CONNTRACK));
      rules.add(rule("raw", "OUTPUT", "tcp", "-s", ip, "--sport", h, "NOTRACK", SKIP_CONNTRACK));
    }
    return List.copyOf(rules);
  }

  private static IptablesRule rule(
      String table, String chain, String proto, String dir, String ip, String portFlag, String port,
      String target, String comment) {
    return new IptablesRule(
        table,
        chain,
        List.of("-p", proto, dir, ip, portFlag, port, "-j", target, "-m", "comment", "--comment", comment));
  }

  /** As node-cache logs it: {@code {raw PREROUTING [-p tcp ...]}}. */
  @Override
  public String toString() {
    return "{" + table + " " + chain + " [" + String.join(" ", args) + "]}";
  }
}
