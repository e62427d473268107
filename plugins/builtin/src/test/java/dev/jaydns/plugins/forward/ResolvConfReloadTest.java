package dev.jaydns.plugins.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jaydns.plugin.Response;
import dev.jaydns.plugin.testkit.TestQuery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
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
