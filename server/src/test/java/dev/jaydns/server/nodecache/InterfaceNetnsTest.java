package dev.jaydns.server.nodecache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jaydns.server.JayOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * The dummy interface in a network namespace of the test's own: created with the local IPs where
 * the kernel has the {@code dummy} link type; where it has not (this CI), the failure is counted
 * under {@code interface_add}, logged, and Jay serves on the addresses that exist, as node-cache
 * does.
 */
class InterfaceNetnsTest {

  @TempDir Path dir;
  private Netns ns;
  private NodeCache app;
  private final List<String> logged = new CopyOnWriteArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          logged.add(r.getLevel() + " " + new java.util.logging.SimpleFormatter().formatMessage(r));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void namespace() {
    ns = Netns.create();
    Logger.getLogger("nodecache").addHandler(capture);
  }

  @AfterEach
  void delete() {
    Logger.getLogger("nodecache").removeHandler(capture);
    if (app != null) {
      app.close();
    }
    if (ns != null) {
      ns.close();
    }
  }

  @Test
  void theDummyLinkHoldsEveryLocalIpAndTeardownDeletesIt() throws Exception {
    assumeTrue(ns.dummyLinksWork(),
        "this kernel has no `dummy` link type (`ip link add x type dummy`: Unknown device type);"
            + " the failure path is tested instead");
    SetupErrors errors = new SetupErrors(new SimpleMeterRegistry());
    DummyInterface link = new DummyInterface(ns.commands(), "nodelocaldns",
        List.of(InetAddress.getByName("169.254.20.10"), InetAddress.getByName("10.0.0.10")), errors);
    link.ensure();
    String show = ns.run("ip", "-o", "addr", "show", "dev", "nodelocaldns").output();
    assertThat(show).contains("inet 169.254.20.10/32").contains("inet 10.0.0.10/32");
    // Left DOWN, like kube-ipvs0: local routes are enough.
    assertThat(ns.run("ip", "-o", "link", "show", "dev", "nodelocaldns").output()).contains("state DOWN");
    link.ensure();
    assertThat(errors.count(SetupErrors.Type.INTERFACE_ADD)).isZero();
    link.remove();
    assertThat(ns.run("ip", "link", "show", "dev", "nodelocaldns").ok()).isFalse();
  }

  @Test
  void aFailedInterfaceIsCountedAndLoggedAndJayServesOnTheAddressesThatExist() throws Exception {
    // Where dummy links work, a name the kernel refuses (over 15 bytes) fails the same step.
    String name = ns.dummyLinksWork() ? "nodelocaldns-far-too-long" : "nodelocaldns";
    int port = RecordingDnsServer.freePort(NodeCacheSeedTest.LOCAL_IP, NodeCacheSeedTest.CLUSTER_IP);
    Path base = dir.resolve("Corefile.base");
    Files.writeString(base, ".:" + port + " {\n    bind __PILLAR__LOCAL__DNS__\n    whoami\n}\n");
    Files.createDirectories(dir.resolve("kube-dns"));
    NodeCacheFlags flags =
        NodeCacheFlags.parse(
            new String[] {
              "-localip", NodeCacheSeedTest.LOCAL_IP + "," + NodeCacheSeedTest.CLUSTER_IP,
              "-interfacename", name,
              "-conf", dir.resolve("Corefile").toString(),
              "-basecorefile", base.toString(),
              "-kubednscm", dir.resolve("kube-dns").toString(),
              "-metrics-listen-address", "127.0.0.1:0",
              "-dns.port", Integer.toString(port)
            });
    app =
        NodeCache.start(
            flags,
            new NodeCache.Environment(
                Map.of(), "/nonexistent/resolv.conf", ns.commands(), m -> {}, JayOptions.defaults().withEventLoops(2)));
    app.syncNetworkNow();

    double adds = app.setupErrors().count(SetupErrors.Type.INTERFACE_ADD);
    assertThat(adds).isGreaterThanOrEqualTo(1);
    assertThat(app.setupErrors().count(SetupErrors.Type.INTERFACE_CHECK)).isEqualTo(adds);
    assertThat(logged).anyMatch(l -> l.startsWith("SEVERE Error setting up networking: Failed to add interface " + name));
    String metrics = NodeCacheSeedTest.httpGet("http://127.0.0.1:" + app.metricsPort() + "/metrics");
    assertThat(metrics).contains("coredns_nodecache_setup_errors_total{errortype=\"interface_add\"} " + adds);

    for (String ip : List.of(NodeCacheSeedTest.LOCAL_IP, NodeCacheSeedTest.CLUSTER_IP)) {
      Message m = NodeCacheSeedTest.query(ip, port, "whoami.example.", Type.A);
      assertThat(m.getRcode()).as(ip).isEqualTo(Rcode.NOERROR);
    }
    // The rules went into the namespace (and only there) once Jay served, and leave on teardown.
    assertThat(ns.saved("iptables").values().stream().mapToInt(List::size).sum()).isEqualTo(24);
    app.close();
    app = null;
    assertThat(ns.saved("iptables")).isEmpty();
    assertThat(logged).anyMatch(l -> l.equals("INFO Tearing down"));
  }
}
