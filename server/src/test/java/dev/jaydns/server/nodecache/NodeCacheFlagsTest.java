package dev.jaydns.server.nodecache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** node-cache's command line with Go flag semantics, defaults and fatal checks. */
class NodeCacheFlagsTest {

  private static NodeCacheFlags parse(String... args) throws Exception {
    return NodeCacheFlags.parse(args);
  }

  private static void assertExit(int code, String message, String... args) {
    assertThatThrownBy(() -> NodeCacheFlags.parse(args))
        .isInstanceOf(NodeCacheFlags.FlagException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(((NodeCacheFlags.FlagException) e).exitCode()).isEqualTo(code));
  }

  @Test
  void theUpstreamManifestsArgsWithNodeCacheDefaults() throws Exception {
    NodeCacheFlags f =
        parse(
            "-localip", "169.254.20.10,10.0.0.10", "-conf", "/etc/Corefile", "-upstreamsvc",
            "kube-dns-upstream", "-pidfile", "/tmp/node-cache.pid");
    assertThat(f.localIps())
        .containsExactly(InetAddress.getByName("169.254.20.10"), InetAddress.getByName("10.0.0.10"));
    assertThat(f.localIpTexts()).containsExactly("169.254.20.10", "10.0.0.10");
    assertThat(f.conf()).isEqualTo("/etc/Corefile");
    assertThat(f.upstreamSvc()).isEqualTo("kube-dns-upstream");
    assertThat(f.pidfile()).isEqualTo("/tmp/node-cache.pid");
    assertThat(f.baseCorefile()).isEqualTo("/etc/coredns/Corefile.base");
    assertThat(f.kubeDnsCm()).isEmpty();
    assertThat(f.setupInterface()).isTrue();
    assertThat(f.interfaceName()).isEqualTo("nodelocaldns");
    assertThat(f.setupIptables()).isTrue();
    assertThat(f.healthPort()).isEqualTo(8080);
    assertThat(f.syncInterval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(f.skipTeardown()).isFalse();
    assertThat(f.metricsListenAddress()).isEqualTo("0.0.0.0:9353");
    assertThat(f.prometheusListenAddress()).isEqualTo(":9253");
    assertThat(f.reloadWithSignal()).isFalse();
    assertThat(f.dnsPort()).isEqualTo(53);
  }

  @Test
  void theCiliumArgsWithBooleanEqualsForms() throws Exception {
    NodeCacheFlags f =
        parse(
            "-localip", "169.254.20.10,10.96.0.10", "-conf", "/etc/Corefile", "-upstreamsvc",
            "kube-dns-upstream", "-skipteardown=true", "-setupinterface=false",
            "-setupiptables=false");
    assertThat(f.skipTeardown()).isTrue();
    assertThat(f.setupInterface()).isFalse();
    assertThat(f.setupIptables()).isFalse();
  }

  @Test
  void goFlagSpellings() throws Exception {
    NodeCacheFlags f =
        parse("--localip=fd00::a", "-p", "1053", "-health-port=8081", "-reloadwithsignal",
            "-skipteardown=T", "-conf=/tmp/C", "-interfacename", "nlc", "-kubednscm", "/cm");
    assertThat(f.localIpTexts()).containsExactly("fd00::a");
    assertThat(f.ipv6()).isTrue();
    assertThat(f.dnsPort()).isEqualTo(1053);
    assertThat(f.healthPort()).isEqualTo(8081);
    assertThat(f.reloadWithSignal()).isTrue();
    assertThat(f.skipTeardown()).isTrue();
    assertThat(f.conf()).isEqualTo("/tmp/C");
    assertThat(f.interfaceName()).isEqualTo("nlc");
    assertThat(f.kubeDnsCm()).isEqualTo("/cm");
    assertThat(parse("-localip", "1.2.3.4", "-dns.port", "5353").dnsPort()).isEqualTo(5353);
  }

  @Test
  void withoutConfTheCorefileFlagNamesTheFile() throws Exception {
    assertThat(parse("-localip", "1.2.3.4").conf()).isEqualTo("/etc/Corefile");
    assertThat(parse("-localip", "1.2.3.4", "-corefile", "/x/C").conf()).isEqualTo("/x/C");
    assertThat(parse("-localip", "1.2.3.4", "-corefile", "/x/C", "-conf", "/y/C").conf())
        .isEqualTo("/y/C");
  }

  @Test
  void localIpMustBeAListOfIpsOfOneFamily() {
    assertExit(1, "invalid localip specified - \"\"");
    assertExit(1, "invalid localip specified - \"\"", "-localip", "169.254.20.10,");
    assertExit(1, "invalid localip specified - \"kube-dns\"", "-localip", "kube-dns");
    assertExit(1, "invalid localip specified - \"01.2.3.4\"", "-localip", "01.2.3.4");
    assertExit(1, "unexpected IP Family for localIP", "-localip", "169.254.20.10,fd00::10");
  }

  @Test
  void syncIntervalReadsNanosecondsAsSeconds() throws Exception {
    assertThat(parse("-localip", "1.2.3.4", "-syncinterval", "30ns").syncInterval())
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(parse("-localip", "1.2.3.4", "-syncinterval", "1us").syncInterval())
        .isEqualTo(Duration.ofSeconds(1000));
    assertExit(2, "missing unit", "-syncinterval", "60", "-localip", "1.2.3.4");
    assertExit(1, "write 30ns for 30 s", "-syncinterval", "30s", "-localip", "1.2.3.4");
    assertExit(1, "must be positive", "-syncinterval", "0s", "-localip", "1.2.3.4");
  }

  @Test
  void usageErrorsExitTwoFatalChecksExitOne() {
    assertExit(2, "flag provided but not defined: -nosuch", "-nosuch");
    assertExit(2, "flag needs an argument: -localip", "-localip");
    assertExit(2, "invalid boolean value \"yes\" for -skipteardown", "-skipteardown=yes");
    assertExit(0, "Usage: jay nodecache", "-h");
    assertExit(1, "invalid value \"x\" for flag -health-port", "-localip", "1.2.3.4", "-health-port", "x");
    assertExit(1, "invalid value \"x\" for flag -dns.port", "-localip", "1.2.3.4", "-dns.port", "x");
    // A boolean takes no separate value: "true" ends the flags and is a leftover argument.
    assertExit(1, "extra command line arguments: [true]", "-localip", "1.2.3.4", "-skipteardown", "true");
  }

  @Test
  void versionNeedsNoLocalIp() throws Exception {
    assertThat(parse("-version").version()).isTrue();
    assertThat(parse("-version").localIps()).isEqualTo(List.of());
  }
}
