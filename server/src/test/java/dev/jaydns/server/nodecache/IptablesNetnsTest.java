package dev.jaydns.server.nodecache;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The iptables rules in a network namespace of the test's own: exactly node-cache's rules with
 * their comments, no duplicates on re-check, removed rules restored, every copy removed on
 * teardown, and IPv6 through ip6tables.
 */
class IptablesNetnsTest {

  private static final String C1 = "\"NodeLocal DNS Cache: skip conntrack\"";
  private static final String C2 = "\"NodeLocal DNS Cache: allow DNS traffic\"";

  private Netns ns;
  private SetupErrors errors;

  @BeforeEach
  void namespace() {
    ns = Netns.create();
    errors = new SetupErrors(new SimpleMeterRegistry());
  }

  @AfterEach
  void delete() {
    if (ns != null) {
      ns.close();
    }
  }

  private NetworkSetup rules(String... ips) throws Exception {
    List<InetAddress> addresses = new java.util.ArrayList<>();
    for (String ip : ips) {
      addresses.add(InetAddress.getByName(ip));
    }
    boolean v6 = addresses.get(0) instanceof java.net.Inet6Address;
    return new NetworkSetup(
        null, new Iptables(ns.commands(), v6, errors), IptablesRule.nodeLocal(addresses, 53, 8080));
  }

  /** iptables-save's spelling of one rule: {@code -I} puts later rules above earlier ones. */
  private static List<String> expected(String ip, String mask) {
    String a = ip + "/" + mask;
    return List.of(
        "raw:-A PREROUTING -d " + a + " -p udp -m udp --dport 53 -m comment --comment " + C1 + " -j NOTRACK",
        "raw:-A PREROUTING -d " + a + " -p tcp -m tcp --dport 53 -m comment --comment " + C1 + " -j NOTRACK",
        "raw:-A OUTPUT -s " + a + " -p tcp -m tcp --sport 8080 -m comment --comment " + C1 + " -j NOTRACK",
        "raw:-A OUTPUT -d " + a + " -p tcp -m tcp --dport 8080 -m comment --comment " + C1 + " -j NOTRACK",
        "raw:-A OUTPUT -d " + a + " -p udp -m udp --dport 53 -m comment --comment " + C1 + " -j NOTRACK",
        "raw:-A OUTPUT -d " + a + " -p tcp -m tcp --dport 53 -m comment --comment " + C1 + " -j NOTRACK",
        "raw:-A OUTPUT -s " + a + " -p udp -m udp --sport 53 -m comment --comment " + C1 + " -j NOTRACK",
        "raw:-A OUTPUT -s " + a + " -p tcp -m tcp --sport 53 -m comment --comment " + C1 + " -j NOTRACK",
        "filter:-A INPUT -d " + a + " -p udp -m udp --dport 53 -m comment --comment " + C2 + " -j ACCEPT",
        "filter:-A INPUT -d " + a + " -p tcp -m tcp --dport 53 -m comment --comment " + C2 + " -j ACCEPT",
        "filter:-A OUTPUT -s " + a + " -p udp -m udp --sport 53 -m comment --comment " + C2 + " -j ACCEPT",
        "filter:-A OUTPUT -s " + a + " -p tcp -m tcp --sport 53 -m comment --comment " + C2 + " -j ACCEPT");
  }

  /** The saved rules as "table:line", tables in a fixed order, chains grouped as saved. */
  private List<String> saved(String binary) {
    Map<String, List<String>> tables = ns.saved(binary);
    List<String> out = new java.util.ArrayList<>();
    for (String table : List.of("raw", "filter")) {
      List<String> lines = tables.getOrDefault(table, List.of());
      // Group by chain in the order expected() lists them; the order within a chain is kept.
      for (String chain : List.of("PREROUTING", "INPUT", "OUTPUT")) {
        for (String l : lines) {
          if (l.startsWith("-A " + chain + " ")) {
            out.add(table + ":" + l);
          }
        }
      }
    }
    return out;
  }

  @Test
  void theTwelveRulesOfOneLocalIpExactly() throws Exception {
    NetworkSetup setup = rules("169.254.20.10");
    setup.setupAll();
    assertThat(saved("iptables")).containsExactlyElementsOf(expected("169.254.20.10", "32"));
    assertThat(errors.count(SetupErrors.Type.IPTABLES)).isZero();
  }

  @Test
  void twoLocalIpsGiveTwentyFourRulesAndReCheckingAddsNoCopies() throws Exception {
    NetworkSetup setup = rules("169.254.20.10", "10.0.0.10");
    setup.setupAll();
    setup.setupAll();
    List<String> lines = saved("iptables");
    assertThat(lines).hasSize(24);
    assertThat(lines).containsAll(expected("169.254.20.10", "32"));
    assertThat(lines).containsAll(expected("10.0.0.10", "32"));
  }

  @Test
  void aRuleSomeoneRemovedComesBackAtTheNextCheck() throws Exception {
    NetworkSetup setup = rules("169.254.20.10");
    setup.setupAll();
    assertThat(ns.run("iptables", "-w", "5", "-t", "raw", "-D", "PREROUTING", "-p", "udp", "-d",
        "169.254.20.10", "--dport", "53", "-j", "NOTRACK", "-m", "comment", "--comment",
        IptablesRule.SKIP_CONNTRACK).ok()).isTrue();
    assertThat(saved("iptables")).hasSize(11);
    setup.setupAll();
    assertThat(saved("iptables")).containsExactlyInAnyOrderElementsOf(expected("169.254.20.10", "32"));
  }

  @Test
  void teardownRemovesEveryCopyAndLeavesOtherRules() throws Exception {
    NetworkSetup setup = rules("169.254.20.10", "10.0.0.10");
    setup.setupAll();
    // A copy left by an older instance, and a rule that is not node-cache's.
    ns.run("iptables", "-w", "5", "-t", "filter", "-I", "INPUT", "-p", "tcp", "-d", "10.0.0.10",
        "--dport", "53", "-j", "ACCEPT", "-m", "comment", "--comment", IptablesRule.ALLOW_DNS);
    ns.run("iptables", "-w", "5", "-t", "filter", "-I", "INPUT", "-p", "tcp", "--dport", "22", "-j", "ACCEPT");
    assertThat(saved("iptables")).hasSize(26);
    setup.teardown();
    assertThat(saved("iptables")).containsExactly("filter:-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT");
    assertThat(errors.count(SetupErrors.Type.IPTABLES)).isZero();
  }

  @Test
  void ipv6LocalIpsUseIp6tables() throws Exception {
    NetworkSetup setup = rules("fd00::20:10");
    setup.setupAll();
    assertThat(saved("ip6tables")).containsExactlyElementsOf(expected("fd00::20:10", "128"));
    assertThat(saved("iptables")).isEmpty();
    setup.teardown();
    assertThat(saved("ip6tables")).isEmpty();
  }
}
