package dev.jaydns.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/** {@code prometheus} over real HTTP on loopback: the metric families, counts, sharing, reloads. */
class PrometheusEndpointTest {

  private static Message query(String name, int type) throws IOException {
    return Message.newQuery(org.xbill.DNS.Record.newRecord(Name.fromString(name), type, DClass.IN));
  }

  private static Exposition scrape(int port) throws Exception {
    HttpProbe.Reply r = HttpProbe.get(port, "/metrics");
    assertThat(r.status()).isEqualTo(200);
    return Exposition.parse(r.body());
  }

  /** Waits for the health self-probe to have run once, so its histogram has a sample. */
  private static Exposition scrapeAfterHealthProbe(int port) throws Exception {
    for (int i = 0; i < 50; i++) {
      Exposition e = scrape(port);
      if (e.sum("coredns_health_request_duration_seconds_count", Map.of()) > 0) {
        return e;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no health probe recorded in 5 s");
  }

  @Test
  void everyCoreDnsFamilyMatchesTheGoldenList() throws Exception {
    int metrics = HttpProbe.freePort();
    int health = HttpProbe.freePort();
    FakeUpstream upstream =
        new FakeUpstream(
            "127.0.0.41",
            q -> {
              Message r = new Message(q.getHeader().getID());
              r.getHeader().setFlag(org.xbill.DNS.Flags.QR);
              r.getHeader().setRcode(Rcode.NXDOMAIN);
              r.addRecord(q.getQuestion(), org.xbill.DNS.Section.QUESTION);
              return r;
            });
    String corefile =
        "example.org:0 {\n  prometheus 127.0.0.1:" + metrics + "\n  testboom\n  testanswer\n}\n"
            + "cached.test:0 {\n  prometheus 127.0.0.1:" + metrics + "\n  cache 30\n"
            + "  forward . " + upstream.address() + "\n}\n"
            + ".:0 {\n  prometheus 127.0.0.1:" + metrics + "\n  health 127.0.0.1:" + health
            + "\n  testanswer\n}\n";
    try (upstream;
        RunningJay jay = RunningJay.start(corefile)) {
      // cache and forward register their families on first use of a label set.
      DnsClient.udp(jay.port(), query("x.cached.test.", Type.A));
      DnsClient.udp(jay.port(), query("x.cached.test.", Type.A));
      Message doQuery = query("a.example.org.", Type.A);
      doQuery.addRecord(new OPTRecord(1232, 0, 0, org.xbill.DNS.ExtendedFlags.DO), org.xbill.DNS.Section.ADDITIONAL);
      DnsClient.udp(jay.port(), doQuery);
      DnsClient.tcp(jay.port(), query("b.example.net.", Type.AAAA));
      assertThat(DnsClient.udp(jay.port(), query("boom.example.org.", Type.A)).getRcode())
          .isEqualTo(Rcode.SERVFAIL);
      Exposition e = scrapeAfterHealthProbe(metrics);

      Path golden = TestData.root().resolve("testdata/metrics/coredns-families.txt");
      List<String> expected =
          Files.readAllLines(golden).stream()
              .map(String::strip)
              .filter(l -> !l.isEmpty() && !l.startsWith("#"))
              .sorted()
              .toList();
      assertThat(e.golden("coredns_")).containsExactlyElementsOf(expected);
      assertThat(e.families.keySet()).anyMatch(n -> n.startsWith("vertx_"));

      // CoreDNS's exact buckets, printed as Go prints them.
      assertThat(e.family("coredns_dns_response_size_bytes").samples())
          .extracting(s -> s.labels().get("le"))
          .filteredOn(le -> le != null)
          .startsWith("0", "100", "200", "300", "400", "511", "1023", "2047", "4095", "8291");
      assertThat(e.family("coredns_dns_request_duration_seconds").samples())
          .extracting(s -> s.labels().get("le"))
          .filteredOn(le -> le != null)
          .startsWith("0.00025", "0.0005", "0.001")
          .contains("8.192", "+Inf");
      assertThat(
              e.sum(
                  "coredns_dns_do_requests_total",
                  Map.of("server", "dns://:0", "zone", "example.org.", "view", "")))
          .isEqualTo(1);
      assertThat(
              e.sum(
                  "coredns_dns_requests_total",
                  Map.of("zone", ".", "proto", "tcp", "family", "1", "type", "AAAA")))
          .isEqualTo(1);
      // The handler that threw is counted by the core, as CoreDNS counts a panic.
      assertThat(
              e.sum(
                  "coredns_dns_responses_total",
                  Map.of("zone", "dropped", "rcode", "SERVFAIL", "plugin", "")))
          .isEqualTo(1);
      assertThat(e.sum("coredns_panics_total", Map.of())).isEqualTo(1);
      assertThat(e.family("coredns_plugin_enabled").samples())
          .extracting(s -> s.labels().get("zone") + " " + s.labels().get("name"))
          .containsExactlyInAnyOrder(
              "example.org. prometheus",
              "example.org. testboom",
              "example.org. testanswer",
              "cached.test. prometheus",
              "cached.test. cache",
              "cached.test. forward",
              ". prometheus",
              ". testanswer");
      assertThat(e.family("coredns_build_info").samples().get(0).labels())
          .containsOnlyKeys("version", "revision", "goversion");
    }
  }

  @Test
  void countsMoveAsQueriesAreSent() throws Exception {
    int metrics = HttpProbe.freePort();
    String corefile =
        "example.org:0 {\n  prometheus 127.0.0.1:" + metrics + "\n  testanswer\n}\n";
    try (RunningJay jay = RunningJay.start(corefile)) {
      Map<String, String> udpA =
          Map.of("server", "dns://:0", "zone", "example.org.", "proto", "udp", "type", "A");
      Map<String, String> answered =
          Map.of("zone", "example.org.", "rcode", "NOERROR", "plugin", "testanswer");
      Map<String, String> dropped = Map.of("zone", "dropped", "rcode", "REFUSED", "plugin", "");
      Exposition before = scrape(metrics);
      for (int i = 0; i < 7; i++) {
        assertThat(DnsClient.udp(jay.port(), query("n" + i + ".example.org.", Type.A)).getRcode())
            .isEqualTo(Rcode.NOERROR);
      }
      for (int i = 0; i < 3; i++) {
        assertThat(DnsClient.udp(jay.port(), query("elsewhere.test.", Type.MX)).getRcode())
            .isEqualTo(Rcode.REFUSED);
      }
      Exposition after = scrape(metrics);
      assertThat(after.sum("coredns_dns_requests_total", udpA) - before.sum("coredns_dns_requests_total", udpA))
          .isEqualTo(7);
      assertThat(after.sum("coredns_dns_responses_total", answered)
              - before.sum("coredns_dns_responses_total", answered))
          .isEqualTo(7);
      assertThat(after.sum("coredns_dns_responses_total", dropped)
              - before.sum("coredns_dns_responses_total", dropped))
          .isEqualTo(3);
      assertThat(
              after.sum(
                  "coredns_dns_requests_total",
                  Map.of("zone", "dropped", "type", "MX", "proto", "udp")))
          .isEqualTo(3);
      Map<String, String> zone = Map.of("zone", "example.org.", "proto", "udp");
      assertThat(after.sum("coredns_dns_request_size_bytes_count", zone)).isEqualTo(7);
      assertThat(after.sum("coredns_dns_response_size_bytes_count", zone)).isEqualTo(7);
      assertThat(after.sum("coredns_dns_response_size_bytes_sum", zone)).isGreaterThan(7 * 12);
      assertThat(
              after.sum(
                  "coredns_dns_request_duration_seconds_count",
                  Map.of("zone", "example.org.")))
          .isEqualTo(7);
      assertThat(HttpProbe.get(metrics, "/other").status()).isEqualTo(404);
    }
  }

  @Test
  void fourBlocksNamingOneAddressShareOneListener() throws Exception {
    int metrics = HttpProbe.freePort();
    StringBuilder corefile = new StringBuilder();
    for (String zone : List.of("cluster.local", "in-addr.arpa", "ip6.arpa", ".")) {
      corefile
          .append(zone)
          .append(":0 {\n  prometheus 127.0.0.1:")
          .append(metrics)
          .append("\n  testanswer\n}\n");
    }
    try (RunningJay jay = RunningJay.start(corefile.toString())) {
      assertThat(jay.jay.http().listenerCount()).isEqualTo(1);
      DnsClient.udp(jay.port(), query("a.cluster.local.", Type.A));
      DnsClient.udp(jay.port(), query("1.0.0.10.in-addr.arpa.", Type.PTR));
      Exposition e = scrape(metrics);
      assertThat(e.sum("coredns_dns_requests_total", Map.of("zone", "cluster.local."))).isEqualTo(1);
      assertThat(e.sum("coredns_dns_requests_total", Map.of("zone", "in-addr.arpa.", "type", "PTR")))
          .isEqualTo(1);
      assertThat(e.family("coredns_plugin_enabled").samples())
          .extracting(s -> s.labels().get("zone"))
          .containsOnly("cluster.local.", "in-addr.arpa.", "ip6.arpa.", ".")
          .hasSize(8);
    }
  }

  @Test
  void reloadKeepsAnUnchangedAddressAndMovesAChangedOne() throws Exception {
    int first = HttpProbe.freePort();
    int second = HttpProbe.freePort();
    String at = ".:0 {\n  prometheus 127.0.0.1:%d\n  testanswer\n}\n";
    try (RunningJay jay = RunningJay.start(String.format(at, first))) {
      DnsClient.udp(jay.port(), query("a.example.", Type.A));
      Jay.await(jay.jay.start(RunningJay.parse(String.format(at, first) + "x.test:0 {\n  testanswer\n}\n")));
      assertThat(jay.jay.http().listenerCount()).isEqualTo(1);
      Exposition kept = scrape(first);
      // Counters live for the process: the reload did not reset them.
      assertThat(kept.sum("coredns_dns_requests_total", Map.of("zone", "."))).isEqualTo(1);

      Jay.await(jay.jay.start(RunningJay.parse(String.format(at, second))));
      assertThat(scrape(second).sum("coredns_dns_requests_total", Map.of("zone", "."))).isEqualTo(1);
      assertThatThrownBy(() -> HttpProbe.get(first, "/metrics")).isInstanceOf(ConnectException.class);
      assertThat(jay.jay.http().listenerCount()).isEqualTo(1);
    }
  }

  @Test
  void reloadToABusyPortFailsAndTheOldEndpointKeepsServing() throws Exception {
    int metrics = HttpProbe.freePort();
    String at = ".:0 {\n  prometheus 127.0.0.1:%d\n  testanswer\n}\n";
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        RunningJay jay = RunningJay.start(String.format(at, metrics))) {
      assertThatThrownBy(
              () -> Jay.await(jay.jay.start(RunningJay.parse(String.format(at, busy.getLocalPort())))))
          .hasMessageContaining("plugin/prometheus")
          .hasMessageContaining("cannot listen on 127.0.0.1:" + busy.getLocalPort());
      assertThat(scrape(metrics).family("coredns_plugin_enabled").samples()).hasSize(2);
      assertThat(DnsClient.udp(jay.port(), query("a.example.", Type.A)).getRcode())
          .isEqualTo(Rcode.NOERROR);
    }
  }

  @Test
  void pluginEnabledFollowsReloads() throws Exception {
    int metrics = HttpProbe.freePort();
    try (RunningJay jay =
        RunningJay.start(".:0 {\n  prometheus 127.0.0.1:" + metrics + "\n  testboom\n  testanswer\n}\n")) {
      assertThat(scrape(metrics).family("coredns_plugin_enabled").samples()).hasSize(3);
      Jay.await(
          jay.jay.start(RunningJay.parse(".:0 {\n  prometheus 127.0.0.1:" + metrics + "\n  testanswer\n}\n")));
      assertThat(scrape(metrics).family("coredns_plugin_enabled").samples())
          .extracting(s -> s.labels().get("name"))
          .containsExactlyInAnyOrder("prometheus", "testanswer");
    }
  }
}
