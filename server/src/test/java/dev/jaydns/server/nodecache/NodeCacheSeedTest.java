package dev.jaydns.server.nodecache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jaydns.server.JayOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The seed's behaviour, end to end through {@code jay nodecache}: the upstream nodelocaldns
 * Corefile.base, installed for loopback (local IPs 127.0.20.10 and 127.0.0.10, cluster.local),
 * with a stand-in kube-dns-upstream that serves the cluster zone and the reverse zones, and a
 * resolv.conf of the test's own naming a second stand-in for external names. Each row: which
 * stand-in saw the query and over which transport, then a second query served from the cache.
 */
class NodeCacheSeedTest {

  static final String LOCAL_IP = "127.0.20.10";
  static final String CLUSTER_IP = "127.0.0.10";
  static final String KUBE_DNS_UPSTREAM = "127.0.30.1";
  /** A resolv.conf nameserver always has port 53. */
  static final String RESOLVER = "127.0.31.53";

  @TempDir Path dir;
  private RecordingDnsServer kubeDns;
  private RecordingDnsServer resolver;
  private NodeCache app;
  private int port;
  private int metricsPort;
  private int healthPort;
  private final List<String> fatals = new CopyOnWriteArrayList<>();

  @BeforeEach
  void standIns() throws Exception {
    kubeDns = new RecordingDnsServer(KUBE_DNS_UPSTREAM, 0, true);
    kubeDns.add(new ARecord(Name.fromString("kubernetes.default.svc.cluster.local."), DClass.IN, 20,
        InetAddress.getByName("10.96.0.1")));
    kubeDns.add(new PTRRecord(ReverseMap.fromAddress("10.96.0.1"), DClass.IN, 20,
        Name.fromString("kubernetes.default.svc.cluster.local.")));
    kubeDns.add(new PTRRecord(ReverseMap.fromAddress("fd00::1"), DClass.IN, 20,
        Name.fromString("kubernetes.default.svc.cluster.local.")));
    try {
      resolver = new RecordingDnsServer(RESOLVER, 53, false);
    } catch (IOException e) {
      assumeTrue(false, "cannot listen on " + RESOLVER + ":53 (" + e.getMessage()
          + "); the resolv.conf row needs port 53, as resolv.conf has no port: run as root");
    }
    resolver.add(new ARecord(Name.fromString("www.example.org."), DClass.IN, 20, InetAddress.getByName("192.0.2.80")));
    resolver.add(new AAAARecord(Name.fromString("www.example.org."), DClass.IN, 20, InetAddress.getByName("2001:db8::80")));
  }

  @AfterEach
  void stop() throws Exception {
    if (app != null) {
      app.close();
    }
    if (kubeDns != null) {
      kubeDns.close();
    }
    if (resolver != null) {
      resolver.close();
    }
  }

  /**
   * The ConfigMap as the installer leaves it (domain, link-local IP and kube-dns IP substituted),
   * with this test's ports: Jay's listeners, the metrics and health ports, and the stand-in's port
   * after the ClusterIP that node-cache still substitutes.
   */
  static String installedTemplate(int port, int kubeDnsPort, int metricsPort, int healthPort)
      throws IOException {
    return Testdata.text("nodelocaldns.Corefile.base")
        .replace("__PILLAR__DNS__DOMAIN__", "cluster.local")
        .replace("__PILLAR__LOCAL__DNS__", LOCAL_IP)
        .replace("__PILLAR__DNS__SERVER__", CLUSTER_IP)
        .replace(":53 {", ":" + port + " {")
        .replace("prometheus :9253", "prometheus :" + metricsPort)
        .replace(":8080", ":" + healthPort)
        .replace("__PILLAR__CLUSTER__DNS__", "__PILLAR__CLUSTER__DNS__:" + kubeDnsPort);
  }

  private NodeCache start(String... extra) throws Exception {
    port = RecordingDnsServer.freePort(LOCAL_IP, CLUSTER_IP);
    Path base = dir.resolve("coredns/Corefile.base");
    Files.createDirectories(base.getParent());
    metricsPort = RecordingDnsServer.freePort("127.0.0.1");
    healthPort = RecordingDnsServer.freePort(LOCAL_IP);
    Files.writeString(base, installedTemplate(port, kubeDns.port(), metricsPort, healthPort));
    Path resolvConf = dir.resolve("resolv.conf");
    Files.writeString(resolvConf, "search example.org\nnameserver " + RESOLVER + "\noptions ndots:5\n");
    Files.createDirectories(dir.resolve("kube-dns"));
    List<String> args =
        new ArrayList<>(
            List.of(
                "-localip", LOCAL_IP + "," + CLUSTER_IP,
                "-conf", dir.resolve("Corefile").toString(),
                "-basecorefile", base.toString(),
                "-kubednscm", dir.resolve("kube-dns").toString(),
                "-upstreamsvc", "kube-dns-upstream",
                "-pidfile", dir.resolve("node-cache.pid").toString(),
                "-setupinterface=false",
                "-setupiptables=false",
                "-metrics-listen-address", "127.0.0.1:0",
                "-dns.port", Integer.toString(port)));
    args.addAll(List.of(extra));
    NodeCacheFlags flags = NodeCacheFlags.parse(args.toArray(String[]::new));
    NodeCache.Environment env =
        new NodeCache.Environment(
            Map.of("KUBE_DNS_UPSTREAM_SERVICE_HOST", KUBE_DNS_UPSTREAM),
            resolvConf.toString(),
            new Commands(List.of("false"), 5),
            fatals::add,
            JayOptions.defaults().withEventLoops(2));
    app = NodeCache.start(flags, env);
    return app;
  }

  static Message query(String server, int port, String name, int type) throws IOException {
    SimpleResolver r = new SimpleResolver(InetAddress.getByName(server));
    r.setPort(port);
    r.setTimeout(Duration.ofSeconds(5));
    return r.send(Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN)));
  }

  private static long ttl(Message m) {
    return m.getSection(Section.ANSWER).get(0).getTTL();
  }

  /** One row: first query reaches {@code upstream} over {@code transport}; the second is a hit. */
  private void row(String name, int type, RecordingDnsServer upstream, RecordingDnsServer other,
      String transport, Message first, Message second) {
    assertThat(first.getRcode()).as(name).isEqualTo(Rcode.NOERROR);
    assertThat(first.getSection(Section.ANSWER)).as(name).isNotEmpty();
    List<RecordingDnsServer.Seen> seen =
        upstream.seen(name).stream().filter(s -> s.type() == type).toList();
    assertThat(seen).as("%s asked once upstream", name).hasSize(1);
    assertThat(seen.get(0).transport()).as(name).isEqualTo(transport);
    assertThat(other.seen(name)).as("%s never reaches the other upstream", name).isEmpty();
    assertThat(second.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(ttl(second)).as("%s TTL decays in the cache", name).isLessThan(ttl(first));
    assertThat(second.getHeader().getFlag(Flags.AA)).as("%s cache hit has AA", name).isTrue();
  }

  @Test
  void clusterZonesGoToKubeDnsOverTcpOtherNamesToResolvConfOverUdpAndRepeatsAreCacheHits()
      throws Exception {
    start();
    assertThat(Files.readString(dir.resolve("node-cache.pid")).strip())
        .isEqualTo(Long.toString(ProcessHandle.current().pid()));
    String corefile = Files.readString(dir.resolve("Corefile"));
    assertThat(corefile).contains("    forward . " + KUBE_DNS_UPSTREAM + ":" + kubeDns.port() + " {\n");
    assertThat(corefile).contains("    forward . " + dir.resolve("resolv.conf") + "\n");
    assertThat(corefile).contains("    bind " + LOCAL_IP + " " + CLUSTER_IP + "\n");

    String svc = "kubernetes.default.svc.cluster.local.";
    String ptr4 = ReverseMap.fromAddress("10.96.0.1").toString();
    String ptr6 = ReverseMap.fromAddress("fd00::1").toString();
    String ext = "www.example.org.";
    Message svc1 = query(LOCAL_IP, port, svc, Type.A);
    Message ptr41 = query(LOCAL_IP, port, ptr4, Type.PTR);
    Message ptr61 = query(CLUSTER_IP, port, ptr6, Type.PTR);
    Message ext1 = query(CLUSTER_IP, port, ext, Type.A);
    assertThat(ext1.getHeader().getFlag(Flags.AA)).as("the resolver's own answer has no AA").isFalse();
    // TTLs count whole seconds: let one pass so a cached answer shows its age.
    Thread.sleep(1100);
    Message svc2 = query(CLUSTER_IP, port, svc, Type.A);
    Message ptr42 = query(LOCAL_IP, port, ptr4, Type.PTR);
    Message ptr62 = query(LOCAL_IP, port, ptr6, Type.PTR);
    Message ext2 = query(LOCAL_IP, port, ext, Type.A);

    row(svc, Type.A, kubeDns, resolver, "tcp", svc1, svc2);
    row(ptr4, Type.PTR, kubeDns, resolver, "tcp", ptr41, ptr42);
    row(ptr6, Type.PTR, kubeDns, resolver, "tcp", ptr61, ptr62);
    row(ext, Type.A, resolver, kubeDns, "udp", ext1, ext2);
    assertThat(fatals).isEmpty();

    String metrics = httpGet("http://127.0.0.1:" + app.metricsPort() + "/metrics");
    for (String type : List.of("iptables", "iptables_lock", "interface_add", "interface_check", "configmap")) {
      assertThat(metrics).contains("coredns_nodecache_setup_errors_total{errortype=\"" + type + "\"} 0.0");
    }
    assertThat(metrics).contains("coredns_cache_hits_total");

    // The Corefile's prometheus listener (shared by the four blocks) serves the same registry.
    String plugin = httpGet("http://127.0.0.1:" + metricsPort + "/metrics");
    assertThat(plugin).contains("coredns_nodecache_setup_errors_total{errortype=\"interface_add\"} 0.0");
    assertThat(plugin)
        .as("the cluster.local hit, asked through the second local IP")
        .contains("coredns_cache_hits_total{server=\"dns://" + CLUSTER_IP + ":" + port
            + "\",type=\"success\",view=\"\",zones=\"cluster.local.\"} 1.0");
    assertThat(plugin).contains("coredns_dns_requests_total");
    assertThat(httpGet("http://" + LOCAL_IP + ":" + healthPort + "/health")).isEqualTo("OK");
  }

  static String httpGet(String url) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(url).isEqualTo(200);
    return r.body();
  }
}
