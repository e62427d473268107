package dev.jaydns.server.nodecache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jay nodecache} as a real process inside a network namespace of the test's own, with the
 * upstream Corefile.base on its own ports (53, 9253, 8080), a real Knot DNS as kube-dns-upstream, real iptables and
 * {@code dig}: queries to both local IPs reach Jay and come back from Knot over TCP, the 24 rules
 * appear once Jay serves, and SIGTERM removes every one of them and exits 0.
 */
class NodeCacheNetnsProcessTest {

  private static final String KUBE_DNS_UPSTREAM = "127.0.30.1";

  @TempDir Path dir;
  private Netns ns;
  private Path etcNetns;
  private final List<Process> processes = new ArrayList<>();

  @BeforeEach
  void namespace() throws Exception {
    assumeTrue(Netns.onPath("knotd"), "knotd not installed (apt-get install knot): test skipped");
    assumeTrue(Netns.onPath("dig"), "dig not installed (apt-get install bind9-dnsutils): test skipped");
    ns = Netns.create();
    // `ip netns exec` mounts /etc/netns/NAME/resolv.conf over /etc/resolv.conf: the `.` block's
    // forward reads this one, naming an address nobody answers inside the namespace.
    etcNetns = Path.of("/etc/netns", ns.name);
    Files.createDirectories(etcNetns);
    Files.writeString(etcNetns.resolve("resolv.conf"), "nameserver 127.0.31.53\n");
  }

  @AfterEach
  void cleanUp() throws Exception {
    for (Process p : processes) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
    if (ns != null) {
      ns.close();
    }
    if (etcNetns != null) {
      Files.deleteIfExists(etcNetns.resolve("resolv.conf"));
      Files.deleteIfExists(etcNetns);
    }
  }

  private Process inNamespace(List<String> argv, Path log) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns.name));
    cmd.addAll(argv);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("KUBE_DNS_UPSTREAM_SERVICE_HOST", KUBE_DNS_UPSTREAM);
    Process p = pb.start();
    processes.add(p);
    return p;
  }

  private void startKnot() throws Exception {
    Path knot = dir.resolve("knot");
    Files.createDirectories(knot);
    Files.writeString(
        knot.resolve("cluster.local.zone"),
        String.join(
            "\n",
            "cluster.local. 30 IN SOA ns.dns.cluster.local. hostmaster.cluster.local. 1 7200 1800 86400 30",
            "cluster.local. 30 IN NS ns.dns.cluster.local.",
            "ns.dns.cluster.local. 30 IN A 10.96.0.10",
            "kubernetes.default.svc.cluster.local. 30 IN A 10.96.0.1",
            ""));
    Files.writeString(
        knot.resolve("knot.conf"),
        String.join(
            "\n",
            "server:",
            "    listen: " + KUBE_DNS_UPSTREAM + "@53",
            "    rundir: \"" + knot + "\"",
            "database:",
            "    storage: \"" + knot + "\"",
            "control:",
            "    listen: \"" + knot.resolve("knot.sock") + "\"",
            "log:",
            "  - target: stderr",
            "    any: warning",
            "template:",
            "  - id: default",
            "    storage: \"" + knot + "\"",
            "zone:",
            "  - domain: cluster.local.",
            "    file: cluster.local.zone",
            ""));
    inNamespace(List.of("knotd", "-c", knot.resolve("knot.conf").toString()), knot.resolve("knot.log"));
    awaitTrue(() -> dig("+short", "@" + KUBE_DNS_UPSTREAM, "cluster.local.", "SOA").contains("hostmaster"),
        "knotd answers in the namespace");
  }

  private String dig(String... args) {
    List<String> argv = new ArrayList<>(List.of("dig", "+time=2", "+tries=1"));
    argv.addAll(List.of(args));
    return ns.commands().run(argv).output();
  }

  private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > until) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(100);
    }
  }

  private int ruleCount() {
    return ns.saved("iptables").values().stream().mapToInt(List::size).sum();
  }

  @Test
  void servesTheLocalIpsInsideTheNamespaceAndSigtermRemovesEveryRule() throws Exception {
    startKnot();
    Path base = dir.resolve("coredns/Corefile.base");
    Files.createDirectories(base.getParent());
    Files.createDirectories(dir.resolve("kube-dns"));
    Files.writeString(base, NodeCacheSeedTest.installedTemplate(53, 53, 9253, 8080)
        .replace(KUBE_DNS_PORT_SUFFIX, CorefileTemplate.CLUSTER_DNS));
    Path pidfile = dir.resolve("node-cache.pid");
    Path log = dir.resolve("jay.log");
    Process jay =
        inNamespace(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "dev.jaydns.server.Main", "nodecache",
                "-localip", NodeCacheSeedTest.LOCAL_IP + "," + NodeCacheSeedTest.CLUSTER_IP,
                "-conf", dir.resolve("Corefile").toString(),
                "-basecorefile", base.toString(),
                "-kubednscm", dir.resolve("kube-dns").toString(),
                "-upstreamsvc", "kube-dns-upstream",
                "-pidfile", pidfile.toString(),
                "-metrics-listen-address", "127.0.0.1:9353"),
            log);
    awaitTrue(() -> ruleCount() == 24 || !jay.isAlive(), "the rules are in place");
    assertThat(jay.isAlive()).as(() -> readLog(log)).isTrue();
    assertThat(Files.readString(pidfile).strip()).isEqualTo(Long.toString(jay.pid()));

    for (String ip : List.of(NodeCacheSeedTest.LOCAL_IP, NodeCacheSeedTest.CLUSTER_IP)) {
      assertThat(dig("+short", "@" + ip, "kubernetes.default.svc.cluster.local.", "A"))
          .as(() -> "via " + ip + "\n" + readLog(log))
          .isEqualTo("10.96.0.1");
    }
    String metrics = ns.commands().run(List.of("curl", "-s", "http://127.0.0.1:9353/metrics")).output();
    assertThat(metrics).contains("coredns_nodecache_setup_errors_total{errortype=\"iptables\"} 0.0");
    assertThat(metrics).contains("coredns_cache_misses_total");
    String plugin = ns.commands().run(List.of("curl", "-s", "http://127.0.0.1:9253/metrics")).output();
    assertThat(plugin).contains("coredns_nodecache_setup_errors_total{errortype=\"iptables\"} 0.0");
    assertThat(ns.commands().run(List.of("curl", "-s", "http://" + NodeCacheSeedTest.LOCAL_IP + ":8080/health")).output())
        .isEqualTo("OK");

    jay.destroy(); // SIGTERM
    assertThat(jay.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(jay.exitValue()).as(() -> readLog(log)).isZero();
    assertThat(ns.saved("iptables")).as("no rule left after teardown").isEmpty();
    assertThat(Files.exists(pidfile)).isFalse();
    assertThat(readLog(log)).contains("Tearing down");
  }

  /** The installed template names the stand-in's port after the ClusterIP; Knot is on 53. */
  private static final String KUBE_DNS_PORT_SUFFIX = "__PILLAR__CLUSTER__DNS__:53";

  private static String readLog(Path log) {
    try {
      return Files.readString(log);
    } catch (java.io.IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
