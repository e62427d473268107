package dev.jaydns.server.nodecache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jaydns.corefile.Corefile;
import dev.jaydns.corefile.CorefileParser;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Corefile.base rendering, byte for byte as node-cache renders it. */
class CorefileTemplateTest {

  /** The upstream Corefile.base after the installer's sed, as the ConfigMap holds it. */
  private static String installed() throws Exception {
    return Testdata.text("nodelocaldns.Corefile.base")
        .replace("__PILLAR__DNS__DOMAIN__", "cluster.local")
        .replace("__PILLAR__LOCAL__DNS__", "169.254.20.10")
        .replace("__PILLAR__DNS__SERVER__", "10.0.0.10");
  }

  private static CorefileTemplate.Inputs inputs(String clusterDns, String... localIps)
      throws Exception {
    return new CorefileTemplate.Inputs(
        clusterDns == null ? null : InetAddress.getByName(clusterDns),
        List.of(localIps),
        "53",
        ":9253",
        "/etc/resolv.conf");
  }

  private static KubeDnsConfig kubeDns(Map<String, List<String>> stubs, List<String> upstreams) {
    return new KubeDnsConfig(new TreeMap<>(stubs), upstreams);
  }

  @Test
  void defaultManifestWithoutKubeDnsConfigMap() throws Exception {
    CorefileTemplate.Rendered r =
        CorefileTemplate.render(
            installed(), KubeDnsConfig.EMPTY, inputs("10.96.0.11", "169.254.20.10", "10.0.0.10"));
    assertThat(r.warnings()).isEmpty();
    assertThat(r.text())
        .startsWith(
            "cluster.local:53 {\n"
                + "    errors\n"
                + "    cache {\n"
                + "            success 9984 30\n"
                + "            denial 9984 5\n"
                + "    }\n"
                + "    reload\n"
                + "    loop\n"
                + "    bind 169.254.20.10 10.0.0.10\n"
                + "    forward . 10.96.0.11 {\n"
                + "            force_tcp\n"
                + "    }\n"
                + "    prometheus :9253\n"
                + "    health 169.254.20.10:8080\n"
                + "    }\n")
        .endsWith(
            ".:53 {\n"
                + "    errors\n"
                + "    cache 30\n"
                + "    reload\n"
                + "    loop\n"
                + "    bind 169.254.20.10 10.0.0.10\n"
                + "    forward . /etc/resolv.conf\n"
                + "    prometheus :9253\n"
                + "    }\n");
    assertThat(r.text()).doesNotContain("__PILLAR__");
    Corefile parsed = new CorefileParser(Map.of(), 53).parse("Corefile", r.text(), Path.of("."));
    assertThat(parsed.blocks()).hasSize(4);
  }

  @Test
  void rawTemplateGetsAllLocalIpsAndABlankDnsServer() throws Exception {
    String raw = Testdata.text("nodelocaldns.Corefile.base");
    String text =
        CorefileTemplate.render(raw, KubeDnsConfig.EMPTY, inputs("10.96.0.11", "169.254.20.10"))
            .text();
    // __PILLAR__DNS__SERVER__ becomes empty, leaving the harmless trailing space node-cache leaves.
    assertThat(text).contains("    bind 169.254.20.10 \n");
    assertThat(text).contains("    health 169.254.20.10:8080\n");
    // The installer's job, never node-cache's.
    assertThat(text).startsWith("__PILLAR__DNS__DOMAIN__:53 {\n");
  }

  @Test
  void missingUpstreamServiceRendersNil() throws Exception {
    String text = CorefileTemplate.render(installed(), KubeDnsConfig.EMPTY, inputs(null, "169.254.20.10")).text();
    assertThat(text).contains("    forward . <nil> {\n");
  }

  @Test
  void ipv6ClusterDnsIsCanonicalWithoutBrackets() throws Exception {
    String text =
        CorefileTemplate.render(
                installed(), KubeDnsConfig.EMPTY, inputs("fd00:0:0:0:0:0:0:a", "fd00::20:10"))
            .text();
    assertThat(text).contains("    forward . fd00::a {\n");
    assertThat(IpText.format(InetAddress.getByName("2001:db8:0:1:0:0:0:1"))).isEqualTo("2001:db8:0:1::1");
    assertThat(IpText.format(InetAddress.getByName("2001:0:0:1:0:0:1:1"))).isEqualTo("2001::1:0:0:1:1");
    assertThat(IpText.format(InetAddress.getByName("::1"))).isEqualTo("::1");
    assertThat(IpText.format(InetAddress.getByName("1:2:3:4:5:6:7:8"))).isEqualTo("1:2:3:4:5:6:7:8");
  }

  @Test
  void customUpstreamsWithTodaysTemplateAreSubstitutedWithTheWarning() throws Exception {
    CorefileTemplate.Rendered r =
        CorefileTemplate.render(
            installed(),
            kubeDns(Map.of(), List.of("2.2.2.2:10053", "3.3.3.3")),
            inputs("10.96.0.11", "169.254.20.10"));
    assertThat(r.warnings()).containsExactly(CorefileTemplate.NO_TCP_BLOCK_WARNING);
    assertThat(r.text()).contains("    forward . 2.2.2.2:10053 3.3.3.3\n    prometheus :9253\n");
  }

  @Test
  void customUpstreamsDropTheOldTemplatesForceTcp() throws Exception {
    String old =
        ".:53 {\n    errors\n    cache 30\n    forward . __PILLAR__UPSTREAM__SERVERS__ {\n"
            + "            force_tcp\n    }\n    prometheus :9253\n}\n";
    CorefileTemplate.Rendered r =
        CorefileTemplate.render(
            old, kubeDns(Map.of(), List.of("2.2.2.2")), inputs("10.96.0.11", "169.254.20.10"));
    assertThat(r.warnings()).isEmpty();
    assertThat(r.text())
        .isEqualTo(".:53 {\n    errors\n    cache 30\n    forward . 2.2.2.2\n    prometheus :9253\n}\n");
  }

  @Test
  void stubDomainsAreAppendedInDomainOrder() throws Exception {
    CorefileTemplate.Rendered r =
        CorefileTemplate.render(
            "# base\n",
            kubeDns(
                Map.of("z.example", List.of("10.1.0.1"), "acme.local", List.of("1.2.3.4:10053", "[2001:db8::2]:10053")),
                List.of()),
            new CorefileTemplate.Inputs(null, List.of("169.254.20.10", "10.0.0.10"), "5353", ":9253", "/etc/resolv.conf"));
    assertThat(r.text())
        .isEqualTo(
            "# base\n"
                + "\nacme.local:5353 {\n    errors\n    cache 30\n    bind 169.254.20.10 10.0.0.10\n"
                + "    forward . 1.2.3.4:10053 [2001:db8::2]:10053\n}\n"
                + "\nz.example:5353 {\n    errors\n    cache 30\n    bind 169.254.20.10 10.0.0.10\n"
                + "    forward . 10.1.0.1\n}\n");
  }

  @Test
  void prometheusEndpointPlaceholderOfTheNewRepository() throws Exception {
    String text =
        CorefileTemplate.render(
                ".:53 {\n    prometheus __PROMETHEUS__ENDPOINT__\n}\n",
                KubeDnsConfig.EMPTY,
                new CorefileTemplate.Inputs(null, List.of("169.254.20.10"), "53", "127.0.0.1:9999", "/etc/resolv.conf"))
            .text();
    assertThat(text).isEqualTo(".:53 {\n    prometheus 127.0.0.1:9999\n}\n");
  }

  @Test
  void nodeCachesForwardCheckRefusesNamesAndOtherTransports() {
    assertThat(CorefileTemplate.checkForwardable(kubeDns(Map.of("a.b", List.of("1.2.3.4:53")), List.of("tls://9.9.9.9", "dns://[::1]:53"))))
        .isNull();
    assertThat(CorefileTemplate.checkForwardable(kubeDns(Map.of("a.b", List.of("ns.example.com")), List.of())))
        .contains("ns.example.com");
    assertThat(CorefileTemplate.checkForwardable(kubeDns(Map.of(), List.of("https://1.1.1.1"))))
        .contains("only dns:// and tls://");
  }
}
