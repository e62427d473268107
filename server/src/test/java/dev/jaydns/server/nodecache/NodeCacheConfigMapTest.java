package dev.jaydns.server.nodecache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jaydns.server.JayOptions;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * The kube-dns ConfigMap and the template followed while serving: custom upstreams replace
 * resolv.conf over UDP, stub domains become blocks of their own, invalid updates keep the last
 * good Corefile (and a name where an IP must be counts under {@code configmap}), and a changed
 * template is applied by the {@code reload} directive without any signal.
 */
class NodeCacheConfigMapTest {

  @TempDir Path dir;
  private RecordingDnsServer kubeDns;
  private RecordingDnsServer custom;
  private RecordingDnsServer stub;
  private NodeCache app;
  private int port;
  private Path kubeDnsDir;
  private Path base;

  @BeforeEach
  void standIns() throws Exception {
    kubeDns = new RecordingDnsServer(NodeCacheSeedTest.KUBE_DNS_UPSTREAM, 0, true);
    custom = new RecordingDnsServer("127.0.32.1", 0, false);
    custom.add(new ARecord(Name.fromString("www.example.org."), DClass.IN, 20, InetAddress.getByName("192.0.2.81")));
    stub = new RecordingDnsServer("127.0.32.2", 0, true);
    stub.add(new ARecord(Name.fromString("www.acme.test."), DClass.IN, 20, InetAddress.getByName("192.0.2.82")));
    kubeDnsDir = dir.resolve("kube-dns");
    Files.createDirectories(kubeDnsDir);
  }

  @AfterEach
  void stop() throws Exception {
    if (app != null) {
      app.close();
    }
    for (RecordingDnsServer s : new RecordingDnsServer[] {kubeDns, custom, stub}) {
      if (s != null) {
        s.close();
      }
    }
  }

  private void start(String... extra) throws Exception {
    port = RecordingDnsServer.freePort(NodeCacheSeedTest.LOCAL_IP, NodeCacheSeedTest.CLUSTER_IP);
    base = dir.resolve("coredns/Corefile.base");
    Files.createDirectories(base.getParent());
    Files.writeString(base, NodeCacheSeedTest.installedTemplate(port, kubeDns.port(),
        RecordingDnsServer.freePort("127.0.0.1"), RecordingDnsServer.freePort(NodeCacheSeedTest.LOCAL_IP)));
    List<String> args =
        new ArrayList<>(
            List.of(
                "-localip", NodeCacheSeedTest.LOCAL_IP + "," + NodeCacheSeedTest.CLUSTER_IP,
                "-conf", dir.resolve("Corefile").toString(),
                "-basecorefile", base.toString(),
                "-kubednscm", kubeDnsDir.toString(),
                "-upstreamsvc", "kube-dns-upstream",
                "-setupinterface=false",
                "-setupiptables=false",
                "-metrics-listen-address", "127.0.0.1:0",
                "-dns.port", Integer.toString(port)));
    args.addAll(List.of(extra));
    app =
        NodeCache.start(
            NodeCacheFlags.parse(args.toArray(String[]::new)),
            new NodeCache.Environment(
                Map.of("KUBE_DNS_UPSTREAM_SERVICE_HOST", NodeCacheSeedTest.KUBE_DNS_UPSTREAM),
                resolvConf().toString(),
                new Commands(List.of("false"), 5),
                m -> {},
                JayOptions.defaults().withEventLoops(2)));
  }

  /** Names an address nobody answers: only the loop probe ever goes there. */
  private Path resolvConf() throws Exception {
    return Files.writeString(dir.resolve("resolv.conf"), "nameserver 127.0.31.54\n");
  }

  private Message ask(String name) throws Exception {
    return NodeCacheSeedTest.query(NodeCacheSeedTest.LOCAL_IP, port, name, Type.A);
  }

  /** Waits until {@code name} is answered with records (a reload is asynchronous). */
  private Message awaitAnswer(String name) throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (true) {
      Message m = ask(name);
      // An answer, or whoami's records (it puts them in the additional section).
      if (m.getRcode() == Rcode.NOERROR && (!m.getSection(1).isEmpty() || !m.getSection(3).isEmpty())) {
        return m;
      }
      if (System.nanoTime() > until) {
        throw new AssertionError("no answer for " + name + ": " + m);
      }
      Thread.sleep(100);
    }
  }

  @Test
  void upstreamNameserversAndStubDomainsAreFollowedWithReloadWithSignal() throws Exception {
    Files.writeString(kubeDnsDir.resolve("upstreamNameservers"), "[\"127.0.32.1:" + custom.port() + "\"]");
    start("-reloadwithsignal");
    String corefile = Files.readString(dir.resolve("Corefile"));
    assertThat(corefile).contains("    forward . 127.0.32.1:" + custom.port() + "\n");
    assertThat(ask("www.example.org.").getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(custom.seen("www.example.org.")).extracting(RecordingDnsServer.Seen::transport).containsExactly("udp");

    Files.writeString(kubeDnsDir.resolve("stubDomains"), "{\"acme.test\": [\"127.0.32.2:" + stub.port() + "\"]}");
    app.syncConfigNow();
    assertThat(Files.readString(dir.resolve("Corefile")))
        .endsWith("\nacme.test:" + port + " {\n    errors\n    cache 30\n    bind "
            + NodeCacheSeedTest.LOCAL_IP + " " + NodeCacheSeedTest.CLUSTER_IP + "\n    forward . 127.0.32.2:"
            + stub.port() + "\n}\n");
    // Until the reload is in, the name goes to the custom upstream, which does not know it.
    Message viaStub = awaitAnswer("www.acme.test.");
    assertThat(viaStub.getSection(1).get(0).rdataToString()).isEqualTo("192.0.2.82");
    assertThat(stub.seen("www.acme.test.")).extracting(RecordingDnsServer.Seen::transport).containsExactly("udp");

    // Invalid JSON: skipped, the last good Corefile stays.
    String good = Files.readString(dir.resolve("Corefile"));
    Files.writeString(kubeDnsDir.resolve("stubDomains"), "{\"acme.test\": [");
    app.syncConfigNow();
    assertThat(Files.readString(dir.resolve("Corefile"))).isEqualTo(good);
    assertThat(app.setupErrors().count(SetupErrors.Type.CONFIGMAP)).isZero();
    // A name where forward needs an IP: node-cache's own check refuses it and counts it.
    Files.writeString(kubeDnsDir.resolve("stubDomains"), "{\"acme.test\": [\"ns.acme.test\"]}");
    app.syncConfigNow();
    assertThat(Files.readString(dir.resolve("Corefile"))).isEqualTo(good);
    assertThat(app.setupErrors().count(SetupErrors.Type.CONFIGMAP)).isEqualTo(1);
    assertThat(ask("www.acme.test.").getRcode()).isEqualTo(Rcode.NOERROR);
  }

  @Test
  void aChangedTemplateIsAppliedByTheReloadDirective() throws Exception {
    // The root zone answers quickly (NXDOMAIN) while the reload is on its way.
    Files.writeString(kubeDnsDir.resolve("upstreamNameservers"), "[\"127.0.32.1:" + custom.port() + "\"]");
    start();
    Files.writeString(
        base,
        Files.readString(base) + "whoami.test:" + port + " {\n    bind __PILLAR__LOCAL__DNS__\n    whoami\n}\n");
    app.syncConfigNow();
    assertThat(Files.readString(dir.resolve("Corefile"))).contains("whoami.test:" + port + " {\n    bind "
        + NodeCacheSeedTest.LOCAL_IP + " " + NodeCacheSeedTest.CLUSTER_IP + "\n");
    // No signal: Jay's Reloader sees the new file (the template keeps the `reload` directive).
    awaitAnswer("whoami.test.");
  }
}
