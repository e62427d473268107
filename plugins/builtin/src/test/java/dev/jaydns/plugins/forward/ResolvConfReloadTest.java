package dev.jaydns.plugins.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jaydns.plugin.Response;
import dev.jaydns.plugin.testkit.TestQuery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A resolv.conf TO edited while Jay runs: the new nameserver is used without a restart
 * (coredns#6715). resolv.conf nameservers are always on port 53, so the test upstreams bind port 53
 * on their own loopback addresses; where that is not allowed the test is skipped.
 */
class ResolvConfReloadTest {

  @TempDir Path dir;

  private static FakeUpstream on53(String ip) {
    try {
      return new FakeUpstream(ip, 53);
    } catch (IOException e) {
      assumeTrue(false, "cannot bind " + ip + ":53 (" + e.getMessage() + "); resolv.conf reload test skipped");
      return null;
    }
  }

  @Test
  void editedResolvConfIsUsedWithoutRestart() throws Exception {
    try (FakeUpstream first = on53("127.0.0.6");
        FakeUpstream second = on53("127.0.0.7")) {
      first.behave(e -> e.reply(FakeUpstream.answer(e.query, "192.0.2.6")));
      second.behave(e -> e.reply(FakeUpstream.answer(e.query, "192.0.2.7")));
      Path resolv = dir.resolve("resolv.conf");
      Files.writeString(resolv, "search cluster.local\nnameserver 127.0.0.6\noptions ndots:5\n");
      try (ForwardHarness h = new ForwardHarness(". {\nforward . resolv.conf\n}\n", dir)) {
        assertThat(answer(h, "a.example.org.")).isEqualTo("192.0.2.6");

        // An in-place edit.
        Files.writeString(resolv, "nameserver 127.0.0.7\n");
        assertThat(waitFor(h, "192.0.2.7")).isTrue();
        assertThat(h.instance.lines().get(0).upstreams()).extracting(u -> u.label()).containsExactly("127.0.0.7:53");

        // A rename over the file, as a ConfigMap update or resolvconf does.
        Path tmp = dir.resolve("resolv.conf.new");
        Files.writeString(tmp, "nameserver 127.0.0.6\nnameserver 127.0.0.7\n");
        Files.move(tmp, resolv, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (h.instance.lines().get(0).upstreams().size() != 2 && System.nanoTime() < until) {
          Thread.sleep(20);
        }
        assertThat(h.instance.lines().get(0).upstreams()).extracting(u -> u.label())
            .containsExactly("127.0.0.6:53", "127.0.0.7:53");

        // A file that loses its nameservers keeps the upstreams it had.
        Files.writeString(resolv, "# emptied\n");
        Thread.sleep(400);
        assertThat(h.instance.lines().get(0).upstreams()).hasSize(2);
      }
    }
  }

  /**
   * Queries already sent to a nameserver the file no longer lists still get its answer: the
   * swap retires the old upstream's sockets and connections instead of closing them under the
   * exchanges in flight (a reload must not drop queries).
   */
  @ParameterizedTest
  @ValueSource(strings = {"", "force_tcp"})
  void queriesInFlightWhenANameserverIsRemovedAreAnswered(String option) throws Exception {
    try (FakeUpstream first = on53("127.0.0.6");
        FakeUpstream second = on53("127.0.0.7")) {
      first.behave(e -> e.replyLater(FakeUpstream.answer(e.query, "192.0.2.6").toWire(), 300));
      second.behave(e -> e.reply(FakeUpstream.answer(e.query, "192.0.2.7")));
      Path resolv = dir.resolve("resolv.conf");
      Files.writeString(resolv, "nameserver 127.0.0.6\n");
      String corefile = ". {\nforward . resolv.conf {\n" + option + "\n}\n}\n";
      ForwardTiming slow =
          new ForwardTiming(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMillis(200), Duration.ofMillis(100));
      try (ForwardHarness h = new ForwardHarness(corefile, dir, slow)) {
        List<CompletableFuture<Response>> asked = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          asked.add(h.askAsync(TestQuery.query("before" + i + ".example.org.", Type.A)));
        }
        // Swap once every one of them is waiting 300 ms for 127.0.0.6's reply.
        long sent = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (first.total() < 20 && System.nanoTime() < sent) {
          Thread.sleep(5);
        }
        Path tmp = dir.resolve("resolv.conf.new");
        Files.writeString(tmp, "nameserver 127.0.0.7\n");
        Files.move(tmp, resolv, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!h.instance.lines().get(0).upstreams().get(0).label().equals("127.0.0.7:53")
            && System.nanoTime() < until) {
          asked.add(h.askAsync(TestQuery.query("during" + asked.size() + ".example.org.", Type.A)));
          Thread.sleep(5);
        }
        assertThat(h.instance.lines().get(0).upstreams()).extracting(u -> u.label()).containsExactly("127.0.0.7:53");
        for (CompletableFuture<Response> f : asked) {
          Response r = f.get(10, TimeUnit.SECONDS);
          assertThat(r.isWritten()).as("query answered, not failed: %s", r.error()).isTrue();
          assertThat(r.message().getRcode()).isEqualTo(Rcode.NOERROR);
        }
        assertThat(first.total()).isGreaterThanOrEqualTo(20);
        // The retired connection closes with its last answer, not after the 10 s idle expiry.
        long closedBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (first.openConnections() > 0 && System.nanoTime() < closedBy) {
          Thread.sleep(20);
        }
        assertThat(first.openConnections()).isZero();
      }
    }
  }

  private static String answer(ForwardHarness h, String name) throws Exception {
    Response r = h.ask(TestQuery.query(name, Type.A));
    return ((ARecord) r.message().getSection(Section.ANSWER).get(0)).getAddress().getHostAddress();
  }

  private static boolean waitFor(ForwardHarness h, String ip) throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    int i = 0;
    while (System.nanoTime() < until) {
      if (answer(h, "n" + i++ + ".example.org.").equals(ip)) {
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }
}
