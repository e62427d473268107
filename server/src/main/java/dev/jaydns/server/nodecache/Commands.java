package dev.jaydns.server.nodecache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the network tools node-cache's libraries run ({@code ip}, {@code iptables}, {@code
 * ip6tables}). A prefix such as {@code ip netns exec NAME} points every command at another network
 * namespace, which is how the tests keep their rules out of the host's.
 */
final class Commands {

  /** A finished command: its exit status and its merged output. */
  record Result(int exitCode, String output) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  private final List<String> prefix;
  private final long timeoutSeconds;

  Commands(List<String> prefix, long timeoutSeconds) {
    this.prefix = List.copyOf(prefix);
    this.timeoutSeconds = timeoutSeconds;
  }

  /** Commands on this host's own network namespace, with the iptables check's 5-minute limit. */
  static Commands host() {
    return new Commands(List.of(), 300);
  }

  /** Runs {@code argv} after the prefix; a missing binary or a timeout is exit status 127 / 124. */
  Result run(List<String> argv) {
    List<String> cmd = new ArrayList<>(prefix);
    cmd.addAll(argv);
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    } catch (IOException e) {
      return new Result(127, "executable file not found: " + cmd.get(0) + ": " + e.getMessage());
    }
    try {
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result(124, "timed out: " + String.join(" ", cmd));
      }
      return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8).strip());
    } catch (IOException e) {
      p.destroyForcibly();
      return new Result(1, e.getMessage());
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      return new Result(130, "interrupted: " + String.join(" ", cmd));
    }
  }
}
