package dev.jaydns.plugins.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jaydns.plugin.BlockSettings;
import dev.jaydns.plugin.ConfigException;
import dev.jaydns.plugin.Plugin;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ForwardSetupTest {

  @TempDir Path dir;

  private ForwardConfig parse(String text) throws ConfigException {
    ForwardInstance instance = (ForwardInstance) new ForwardPlugin().setup(ForwardCorefiles.forward(text, dir));
    return instance.lines().get(0).config();
  }

  private static String block(String... lines) {
    return ". {\n" + String.join("\n", lines) + "\n}\n";
  }

  @Test
  void isFoundByServiceLoaderAndRepeatable() {
    Plugin p =
        ServiceLoader.load(Plugin.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(x -> x.name().equals("forward"))
            .findFirst()
            .orElseThrow();
    assertThat(p).isInstanceOf(ForwardPlugin.class);
    assertThat(p.repeatable()).isTrue();
  }

  @Test
  void defaultsAreCoreDns() throws Exception {
    BlockSettings settings = new BlockSettings();
    ForwardInstance instance =
        (ForwardInstance)
            new ForwardPlugin().setup(ForwardCorefiles.forward(block("  forward . 127.0.0.1"), dir, settings));
    ForwardConfig c = instance.lines().get(0).config();
    assertThat(settings.anyClass()).isTrue();
    assertThat(c.from()).isEqualTo(".");
    assertThat(c.to())
        .containsExactly(
            new ForwardTarget.Address("127.0.0.1", new InetSocketAddress("127.0.0.1", 53), false, null));
    assertThat(c.except()).isEmpty();
    assertThat(c.forceTcp()).isFalse();
    assertThat(c.preferUdp()).isFalse();
    assertThat(c.expire()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.maxFails()).isEqualTo(2);
    assertThat(c.maxConnectAttempts()).isZero();
    assertThat(c.healthCheck()).isEqualTo(new ForwardConfig.HealthCheck(Duration.ofMillis(500), false, "."));
    assertThat(c.policy()).isEqualTo(Policy.RANDOM);
    assertThat(c.maxConcurrent()).isZero();
    assertThat(c.next()).isEmpty();
    assertThat(c.failover()).isEmpty();
    assertThat(c.failfastAllUnhealthyUpstreams()).isFalse();
    assertThat(c.tls()).isNull();
    assertThat(c.tlsServername()).isNull();
    assertThat(c.position().line()).isEqualTo(2);
  }

  @Test
  void everyToForm() throws Exception {
    Files.writeString(
        dir.resolve("resolv.conf"),
        "# comment\nsearch cluster.local\nnameserver 127.0.0.53\noptions ndots:5\nnameserver ::1\n"
            + "nameserver not-an-ip\nnameserver fe80::1%eth0\n");
    ForwardConfig c =
        parse(
            block(
                "forward Example.ORG 127.0.0.1:5353 [::1]:53 dns://127.0.0.2 tls://127.0.0.3"
                    + " tls://127.0.0.4%dns.example:8853 ::2 resolv.conf"));
    assertThat(c.from()).isEqualTo("example.org.");
    assertThat(c.to())
        .containsExactly(
            new ForwardTarget.Address("127.0.0.1:5353", new InetSocketAddress("127.0.0.1", 5353), false, null),
            new ForwardTarget.Address("[::1]:53", new InetSocketAddress("::1", 53), false, null),
            new ForwardTarget.Address("dns://127.0.0.2", new InetSocketAddress("127.0.0.2", 53), false, null),
            new ForwardTarget.Address("tls://127.0.0.3", new InetSocketAddress("127.0.0.3", 853), true, null),
            new ForwardTarget.Address(
                "tls://127.0.0.4%dns.example:8853", new InetSocketAddress("127.0.0.4", 8853), true, "dns.example"),
            new ForwardTarget.Address("::2", new InetSocketAddress("::2", 53), false, null),
            new ForwardTarget.ResolvConf(
                "resolv.conf",
                dir.resolve("resolv.conf"),
                List.of(
                    new InetSocketAddress("127.0.0.53", 53),
                    new InetSocketAddress("::1", 53),
                    new InetSocketAddress("fe80::1", 53))));
  }

  @Test
  void everyOption() throws Exception {
    Files.writeString(dir.resolve("ca.pem"), "x");
    Files.writeString(dir.resolve("cert.pem"), "x");
    Files.writeString(dir.resolve("key.pem"), "x");
    ForwardConfig c =
        parse(
            block(
                "forward . 127.0.0.1 tls://127.0.0.2 {",
                "  except Internal.Example.org example.net.",
                "  force_tcp",
                "  prefer_udp",
                "  expire 1m30s",
                "  max_fails 0",
                "  max_connect_attempts 3",
                "  health_check 2s no_rec domain Example.com",
                "  policy round_robin",
                "  max_concurrent 1000",
                "  next nxdomain REFUSED",
                "  failover SERVFAIL refused",
                "  failfast_all_unhealthy_upstreams",
                "  tls cert.pem key.pem ca.pem",
                "  tls_servername dns.example",
                "}"));
    assertThat(c.except()).containsExactly("internal.example.org.", "example.net.");
    assertThat(c.forceTcp()).isTrue();
    assertThat(c.preferUdp()).as("force_tcp wins over prefer_udp").isFalse();
    assertThat(c.expire()).isEqualTo(Duration.ofSeconds(90));
    assertThat(c.maxFails()).isZero();
    assertThat(c.maxConnectAttempts()).isEqualTo(3);
    assertThat(c.healthCheck()).isEqualTo(new ForwardConfig.HealthCheck(Duration.ofSeconds(2), true, "example.com."));
    assertThat(c.policy()).isEqualTo(Policy.ROUND_ROBIN);
    assertThat(c.maxConcurrent()).isEqualTo(1000);
    assertThat(c.next()).isEqualTo(Set.of(3, 5));
    assertThat(c.failover()).isEqualTo(Set.of(2, 5));
    assertThat(c.failfastAllUnhealthyUpstreams()).isTrue();
    assertThat(c.tls())
        .isEqualTo(new ForwardConfig.Tls(dir.resolve("cert.pem"), dir.resolve("key.pem"), dir.resolve("ca.pem")));
    assertThat(c.tlsServername()).isEqualTo("dns.example");
  }

  @Test
  void tlsArgumentCounts() throws Exception {
    Files.writeString(dir.resolve("ca.pem"), "x");
    Files.writeString(dir.resolve("cert.pem"), "x");
    Files.writeString(dir.resolve("key.pem"), "x");
    assertThat(parse(block("forward . tls://127.0.0.1 {", "tls", "}")).tls())
        .isEqualTo(new ForwardConfig.Tls(null, null, null));
    assertThat(parse(block("forward . tls://127.0.0.1 {", "tls ca.pem", "}")).tls())
        .isEqualTo(new ForwardConfig.Tls(null, null, dir.resolve("ca.pem")));
    assertThat(parse(block("forward . tls://127.0.0.1 {", "tls cert.pem key.pem", "}")).tls())
        .isEqualTo(new ForwardConfig.Tls(dir.resolve("cert.pem"), dir.resolve("key.pem"), null));
  }

  @Test
  void preferUdpAlone() throws Exception {
    assertThat(parse(block("forward . 127.0.0.1 {", "prefer_udp", "}")).preferUdp()).isTrue();
  }

  @Test
  void healthCheckDomainResetByLaterOption() throws Exception {
    ForwardConfig c = parse(block("forward . 127.0.0.1 {", "health_check 1s domain a.b", "health_check 0", "}"));
    assertThat(c.healthCheck()).isEqualTo(new ForwardConfig.HealthCheck(Duration.ZERO, false, "."));
  }

  @ParameterizedTest
  @CsvSource({
    "10.0.0.0/24, 0.0.10.in-addr.arpa.",
    "10.0.0.0/23, 0.0.10.in-addr.arpa.",
    "10.1.0.0/16, 1.10.in-addr.arpa.",
    "10.0.0.0/27, 0.0.0.10.in-addr.arpa.",
    "2001:db8::/32, 8.b.d.0.1.0.0.2.ip6.arpa.",
    "example.org, example.org.",
    "., ."
  })
  void fromZones(String from, String zone) throws Exception {
    assertThat(parse(block("forward " + from + " 127.0.0.1")).from()).isEqualTo(zone);
  }

  @Test
  void severalLinesAreChainedInOrder() throws Exception {
    ForwardInstance instance =
        (ForwardInstance)
            new ForwardPlugin()
                .setup(ForwardCorefiles.forward(block("forward example.org 127.0.0.1", "forward . 127.0.0.2"), dir));
    assertThat(instance.lines()).extracting(h -> h.config().from()).containsExactly("example.org.", ".");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "forward|Corefile:2:1: missing FROM after 'forward'",
        "forward .|Corefile:2:10: missing TO after '.'",
        "forward . example.com|Corefile:2:11: not an IP address or file: \"example.com\"",
        "forward . 1.2.3|Corefile:2:11: not an IP address or file: \"1.2.3\"",
        "forward . grpc://1.2.3.4|Corefile:2:11: 'grpc' is not supported as a destination protocol in forward",
        "forward . dns://|Corefile:2:11: invalid address: \"dns://\"",
        "forward . 127.0.0.1:99999|Corefile:2:11: invalid port in address: \"127.0.0.1:99999\"",
        "forward . 127.0.0.1:x|Corefile:2:11: invalid port in address: \"127.0.0.1:x\"",
        "forward . 127.0.0.1 {;bogus;}|Corefile:3:1: unknown property 'bogus' (known: except, force_tcp, prefer_udp, expire, max_fails, max_connect_attempts, tls, tls_servername, policy, health_check, max_concurrent, next, failover, failfast_all_unhealthy_upstreams)",
        "forward . 127.0.0.1 {;force_tc;}|Corefile:3:1: unknown property 'force_tc'; did you mean 'force_tcp'? (known: except, force_tcp, prefer_udp, expire, max_fails, max_connect_attempts, tls, tls_servername, policy, health_check, max_concurrent, next, failover, failfast_all_unhealthy_upstreams)",
        "forward . 127.0.0.1 {;except;}|Corefile:3:1: missing IGNORED_NAMES after 'except'",
        "forward . 127.0.0.1 {;force_tcp yes;}|Corefile:3:11: unexpected argument 'yes' for 'force_tcp'",
        "forward . 127.0.0.1 {;prefer_udp yes;}|Corefile:3:12: unexpected argument 'yes' for 'prefer_udp'",
        "forward . 127.0.0.1 {;expire;}|Corefile:3:1: missing DURATION after 'expire'",
        "forward . 127.0.0.1 {;expire 10;}|Corefile:3:8: expire: time: missing unit in duration \"10\"",
        "forward . 127.0.0.1 {;expire -1s;}|Corefile:3:8: expire can't be negative: -1s",
        "forward . 127.0.0.1 {;expire 1s 2s;}|Corefile:3:11: unexpected argument '2s' for 'expire'",
        "forward . 127.0.0.1 {;max_fails -1;}|Corefile:3:11: max_fails must be a non-negative integer, not '-1'",
        "forward . 127.0.0.1 {;max_fails x;}|Corefile:3:11: max_fails must be a non-negative integer, not 'x'",
        "forward . 127.0.0.1 {;max_connect_attempts -2;}|Corefile:3:22: max_connect_attempts must be a non-negative integer, not '-2'",
        "forward . 127.0.0.1 {;health_check;}|Corefile:3:1: missing DURATION after 'health_check'",
        "forward . 127.0.0.1 {;health_check -1s;}|Corefile:3:14: health_check can't be negative: -1s",
        "forward . 127.0.0.1 {;health_check 1s bogus;}|Corefile:3:17: health_check: unknown option bogus",
        "forward . 127.0.0.1 {;health_check 1s domain;}|Corefile:3:23: missing FQDN after 'domain'",
        "forward . 127.0.0.1 {;health_check 1s domain a..b;}|Corefile:3:24: health_check: invalid domain name a..b",
        "forward . 127.0.0.1 {;policy;}|Corefile:3:1: missing POLICY after 'policy'",
        "forward . 127.0.0.1 {;policy fastest;}|Corefile:3:8: unknown policy 'fastest'",
        "forward . 127.0.0.1 {;max_concurrent -1;}|Corefile:3:16: max_concurrent can't be negative: -1",
        "forward . 127.0.0.1 {;max_concurrent many;}|Corefile:3:16: max_concurrent must be an integer, not 'many'",
        "forward . 127.0.0.1 {;next;}|Corefile:3:1: missing RCODE after 'next'",
        "forward . 127.0.0.1 {;next NXDOMAIN BOGUS;}|Corefile:3:15: BOGUS is not a valid rcode",
        "forward . 127.0.0.1 {;failover;}|Corefile:3:1: missing RCODE after 'failover'",
        "forward . 127.0.0.1 {;failover SERVFAIL NOERROR;}|Corefile:3:19: NoError cannot be used in failover",
        "forward . 127.0.0.1 {;failfast_all_unhealthy_upstreams 1;}|Corefile:3:34: unexpected argument '1' for 'failfast_all_unhealthy_upstreams'",
        "forward . 127.0.0.1 {;tls a b c d;}|Corefile:3:11: tls takes at most 3 arguments: CERT KEY CA",
        "forward . 127.0.0.1 {;tls missing.pem;}|Corefile:3:5: tls: cannot read file missing.pem",
        "forward . 127.0.0.1 {;tls_servername;}|Corefile:3:1: missing NAME after 'tls_servername'",
        "forward . 127.0.0.1 {;tls_servername a b;}|Corefile:3:18: unexpected argument 'b' for 'tls_servername'",
        "forward . tls://127.0.0.1%a.example {;tls_servername b.example;}|Corefile:3:16: tls_servername cannot be used together with a per-TO server name: tls://127.0.0.1%a.example",
      })
  void rejects(String line, String message) {
    String text = block(line.replace(";", "\n"));
    assertThatThrownBy(() -> parse(text))
        .isInstanceOf(ConfigException.class)
        .hasMessage("plugin/forward: " + message);
  }

  @Test
  void rejectsMoreThanFifteenUpstreams() {
    StringBuilder sb = new StringBuilder("forward .");
    for (int i = 1; i <= 16; i++) {
      sb.append(" 127.0.0.").append(i);
    }
    assertThatThrownBy(() -> parse(block(sb.toString())))
        .hasMessage("plugin/forward: Corefile:2:11: more than 15 TOs configured: 16");
  }

  @Test
  void rejectsResolvConfWithoutNameservers() throws Exception {
    Files.writeString(dir.resolve("empty.conf"), "search example.org\n");
    assertThatThrownBy(() -> parse(block("forward . empty.conf")))
        .hasMessage("plugin/forward: Corefile:2:11: no nameservers found in empty.conf");
  }
}
