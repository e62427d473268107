package dev.jaydns.plugins.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jaydns.plugin.BlockSettings;
import dev.jaydns.plugin.PluginInstance;
import dev.jaydns.plugin.Response;
import dev.jaydns.plugin.testkit.RecordingChain;
import dev.jaydns.plugin.testkit.TestPluginContext;
import dev.jaydns.plugin.testkit.TestQuery;
import dev.jaydns.plugins.testing.Snippets;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class HostsReloadTest {

  @TempDir Path dir;
  private final Vertx vertx = Vertx.vertx();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private List<String> addresses(PluginInstance hosts, String name) {
    Response r =
        Snippets.run(
            hosts.handler(),
            TestQuery.query(name, Type.A),
            RecordingChain.failing(Rcode.SERVFAIL, "no next"));
    if (!r.isWritten()) {
      return List.of();
    }
    return r.message().getSection(Section.ANSWER).stream().map(Record::rdataToString).toList();
  }

  @Test
  void rereadsTheFileWhenItChangesAndReportsMetrics() throws Exception {
    Path file = dir.resolve("hosts");
    Files.writeString(file, "10.0.0.1 a.example.org\n");
    PluginInstance hosts =
        new HostsPlugin()
            .setup(
                Snippets.config(
                    "hosts",
                    "example.org {\n hosts hosts {\n  10.9.9.9 b.example.org\n  reload 50ms\n }\n}\n",
                    new BlockSettings(),
                    dir));
    hosts
        .start(
            new TestPluginContext(
                vertx, registry, List.of("example.org."), List.of(new InetSocketAddress(0))))
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    assertThat(addresses(hosts, "a.example.org.")).containsExactly("10.0.0.1");
    assertThat(registry.get("coredns.hosts.entries").gauge().value()).isEqualTo(4.0);
    double firstReload = registry.get("coredns.hosts.reload.timestamp.seconds").gauge().value();
    assertThat(firstReload).isPositive();

    Files.writeString(file, "10.0.0.2 a.example.org\n10.0.0.3 c.example.org\n");
    // Same-second writes on coarse file systems: make the change visible by size and mtime.
    Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 5000));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!addresses(hosts, "c.example.org.").equals(List.of("10.0.0.3"))
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(addresses(hosts, "c.example.org.")).containsExactly("10.0.0.3");
    assertThat(addresses(hosts, "a.example.org.")).containsExactly("10.0.0.2");
    assertThat(addresses(hosts, "b.example.org.")).containsExactly("10.9.9.9");
    assertThat(registry.get("coredns.hosts.entries").gauge().value()).isEqualTo(6.0);

    hosts.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(registry.find("coredns.hosts.entries").gauge()).isNull();
  }
}
