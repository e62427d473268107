package dev.jaydns.server.nodecache;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A network namespace of a test's own ({@code ip netns add jaytest-N}) with loopback up, so rules
 * and links a test makes never touch the host's. Tests that need one are skipped, with the reason,
 * where namespaces cannot be made (not root, no {@code ip}, no {@code iptables}).
 */
final class Netns implements AutoCloseable {

  final String name;
  private final Commands host = new Commands(List.of(), 30);

  private Netns(String name) {
    this.name = name;
  }

  /** Creates one, or skips the calling test with the reason. */
  static Netns create() {
    assumeTrue(onPath("ip"), "no `ip` binary (apt-get install iproute2): network-namespace test skipped");
    assumeTrue(onPath("iptables"), "no `iptables` binary (apt-get install iptables): network-namespace test skipped");
    String name = "jaytest-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
    Commands.Result add = new Commands(List.of(), 30).run(List.of("ip", "netns", "add", name));
    assumeTrue(add.ok(), "cannot create a network namespace (needs root): " + add.output());
    Netns ns = new Netns(name);
    Commands.Result lo = ns.run("ip", "link", "set", "lo", "up");
    if (!lo.ok()) {
      ns.close();
      throw new IllegalStateException("cannot bring lo up in " + name + ": " + lo.output());
    }
    return ns;
  }

  static boolean onPath(String binary) {
    for (String p : (System.getenv("PATH") + ":/usr/sbin:/sbin").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(p, binary))) {
        return true;
      }
    }
    return false;
  }

  /** Commands run inside the namespace. */
  Commands commands() {
    return new Commands(List.of("ip", "netns", "exec", name), 60);
  }

  Commands.Result run(String... argv) {
    return commands().run(List.of(argv));
  }

  /** True when this kernel can make {@code dummy} links (some, like this CI's, cannot). */
  boolean dummyLinksWork() {
    boolean ok = run("ip", "link", "add", "jaydummyprobe", "type", "dummy").ok();
    if (ok) {
      run("ip", "link", "del", "jaydummyprobe");
    }
    return ok;
  }

  /** The {@code -A} lines of {@code iptables-save}, per table, in chain order. */
  java.util.Map<String, List<String>> saved(String binary) {
    Commands.Result r = run(binary + "-save");
    if (!r.ok()) {
      throw new IllegalStateException(binary + "-save failed: " + r.output());
    }
    java.util.Map<String, List<String>> tables = new java.util.TreeMap<>();
    String table = null;
    for (String line : r.output().split("\n")) {
      if (line.startsWith("*")) {
        table = line.substring(1);
        tables.put(table, new ArrayList<>());
      } else if (line.startsWith("-A ") && table != null) {
        tables.get(table).add(line);
      }
    }
    tables.values().removeIf(List::isEmpty);
    return tables;
  }

  @Override
  public void close() {
    host.run(List.of("ip", "netns", "del", name));
  }
}
