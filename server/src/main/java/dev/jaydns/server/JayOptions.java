package dev.jaydns.server;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the process runs, from the command line: where plugins come from, how many event loops,
 * the TCP connection cap and how long shutdown waits for queries in flight.
 *
 * @param pluginsDir a folder of plugin jars, or null
 * @param directory the folder of the Corefile, for plugins' relative paths
 * @param eventLoops event loops (and UDP sockets per listener); size it to the cores Jay has
 */
public record JayOptions(
    Path pluginsDir,
    Path directory,
    int eventLoops,
    int maxTcpConnections,
    Duration shutdownGrace) {

  public static final int DEFAULT_MAX_TCP_CONNECTIONS = 4096;
  /** CoreDNS's graceful-stop timeout. */
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(5);

  public static JayOptions defaults() {
    return new JayOptions(
        null,
        Path.of("."),
        Runtime.getRuntime().availableProcessors(),
        DEFAULT_MAX_TCP_CONNECTIONS,
        DEFAULT_SHUTDOWN_GRACE);
  }

  public JayOptions withPluginsDir(Path dir) {
    return new JayOptions(dir, directory, eventLoops, maxTcpConnections, shutdownGrace);
  }

  public JayOptions withDirectory(Path dir) {
    return new JayOptions(pluginsDir, dir, eventLoops, maxTcpConnections, shutdownGrace);
  }

  public JayOptions withEventLoops(int n) {
    return new JayOptions(pluginsDir, directory, n, maxTcpConnections, shutdownGrace);
  }

  public JayOptions withMaxTcpConnections(int n) {
    return new JayOptions(pluginsDir, directory, eventLoops, n, shutdownGrace);
  }
}
