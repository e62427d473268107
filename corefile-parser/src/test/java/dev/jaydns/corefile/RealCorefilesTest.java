package dev.jaydns.corefile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Corefiles NodeLocal DNSCache deployments actually run, from testdata/ at the repository root. */
class RealCorefilesTest {

  private static final Path TESTDATA = TreeText.repositoryRoot().resolve("testdata");

  private static Corefile parse(String name) throws CorefileException {
    return new CorefileParser(Map.of(), 53).parse(TESTDATA.resolve(name));
  }

  private static String clusterBlock(String zone, String bind, String upstream, String health) {
    return "dns://" + zone + ":53\n"
        + "  errors\n"
        + "  cache\n"
        + "    success 9984 30\n"
        + "    denial 9984 5\n"
        + "  reload\n"
        + "  loop\n"
        + "  bind " + bind + "\n"
        + "  forward . " + upstream + "\n"
        + "    force_tcp\n"
        + "  prometheus :9253\n"
        + "  " + health + "\n";
  }

  private static String reverseBlock(String zone, String bind, String upstream) {
    return "dns://" + zone + ":53\n"
        + "  errors\n"
        + "  cache 30\n"
        + "  reload\n"
        + "  loop\n"
        + "  bind " + bind + "\n"
        + "  forward . " + upstream + "\n"
        + "    force_tcp\n"
        + "  prometheus :9253\n";
  }

  private static String rootBlock(String bind, String upstream) {
    return "dns://.:53\n"
        + "  errors\n"
        + "  cache 30\n"
        + "  reload\n"
        + "  loop\n"
        + "  bind " + bind + "\n"
        + "  forward . " + upstream + "\n"
        + "  prometheus :9253\n";
  }

  @Test
  void renderedNodeLocalDns() throws Exception {
    Corefile corefile = parse("nodelocaldns.Corefile");
    String bind = "169.254.20.10 10.96.0.10";
    assertThat(TreeText.of(corefile)).isEqualTo(
        clusterBlock("cluster.local.", bind, "10.96.0.11", "health 169.254.20.10:8080")
            + reverseBlock("in-addr.arpa.", bind, "10.96.0.11")
            + reverseBlock("ip6.arpa.", bind, "10.96.0.11")
            + rootBlock(bind, "/etc/resolv.conf"));
    assertThat(corefile.sources()).containsExactly(TESTDATA.resolve("nodelocaldns.Corefile"));

    ServerBlock cluster = corefile.blocks().get(0);
    String file = TESTDATA.resolve("nodelocaldns.Corefile").toString();
    assertThat(cluster.keys()).containsExactly(
        new ServerKey("dns", "cluster.local.", 53, "cluster.local:53", new Position(file, 1, 1)));
    assertThat(cluster.directives("forward").get(0).block().get(0).position())
        .isEqualTo(new Position(file, 11, 13));
    assertThat(corefile.blocks().get(3).position()).isEqualTo(new Position(file, 38, 1));
  }

  @Test
  void nodeLocalDnsTemplateWithPlaceholders() throws Exception {
    Corefile corefile = parse("nodelocaldns.Corefile.base");
    String bind = "__PILLAR__LOCAL__DNS__ __PILLAR__DNS__SERVER__";
    assertThat(TreeText.of(corefile)).isEqualTo(
        clusterBlock("__pillar__dns__domain__.", bind, "__PILLAR__CLUSTER__DNS__",
                "health __PILLAR__LOCAL__DNS__:8080")
            + reverseBlock("in-addr.arpa.", bind, "__PILLAR__CLUSTER__DNS__")
            + reverseBlock("ip6.arpa.", bind, "__PILLAR__CLUSTER__DNS__")
            + rootBlock(bind, "__PILLAR__UPSTREAM__SERVERS__"));
    assertThat(corefile.blocks().get(0).keys().get(0).raw()).isEqualTo("__PILLAR__DNS__DOMAIN__:53");
  }

  @Test
  void ciliumNodeLocalDns() throws Exception {
    Corefile corefile = parse("cilium-node-local-dns.Corefile.base");
    String bind = "0.0.0.0";
    assertThat(TreeText.of(corefile)).isEqualTo(
        clusterBlock("cluster.local.", bind, "__PILLAR__CLUSTER__DNS__", "health")
            + reverseBlock("in-addr.arpa.", bind, "__PILLAR__CLUSTER__DNS__")
            + reverseBlock("ip6.arpa.", bind, "__PILLAR__CLUSTER__DNS__")
            + rootBlock(bind, "__PILLAR__UPSTREAM__SERVERS__"));
  }
}
