package dev.jaydns.server.nodecache;

import dev.jaydns.server.EmbeddedJay;
import dev.jaydns.server.StartupException;
import java.io.PrintStream;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code jay nodecache [node-cache flags]}: the entry point of the node-cache image, with its exit
 * statuses (2 for a usage error, 1 for a fatal one) and its signals: SIGTERM and SIGINT tear down
 * (unless {@code -skipteardown}), let queries in flight finish and exit 0; SIGUSR1 reloads the
 * Corefile.
 */
public final class NodeCacheCommand {

  private static final Logger LOG = LoggerFactory.getLogger("nodecache");

  private NodeCacheCommand() {}

  /** Returns the exit status, or -1 when serving (the process then lives until a signal). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    NodeCacheFlags flags;
    try {
      flags = NodeCacheFlags.parse(args);
    } catch (NodeCacheFlags.FlagException e) {
      (e.exitCode() == 0 ? out : err).println(e.getMessage());
      return e.exitCode();
    }
    if (flags.version()) {
      out.println(EmbeddedJay.versionLine());
      return 0;
    }
    EmbeddedJay.installLogFormat();
    EmbeddedJay.quiet(flags.quiet());
    NodeCache app;
    try {
      app = NodeCache.start(flags, NodeCache.Environment.process());
    } catch (StartupException e) {
      err.println(e.getMessage());
      return 1;
    }
    EmbeddedJay.startupLine(EmbeddedJay.versionLine());
    installSignals(app);
    return -1;
  }

  private static void installSignals(NodeCache app) {
    try {
      sun.misc.Signal.handle(new sun.misc.Signal("USR1"), s -> app.reloadNow());
    } catch (IllegalArgumentException e) {
      LOG.debug("SIGUSR1 not available: {}", e.getMessage());
    }
    Thread hook = new Thread(app::close, "nodecache-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    for (String sig : List.of("TERM", "INT")) {
      try {
        sun.misc.Signal.handle(
            new sun.misc.Signal(sig),
            s -> {
              Runtime.getRuntime().removeShutdownHook(hook);
              Thread t =
                  new Thread(
                      () -> {
                        app.close();
                        System.exit(0);
                      },
                      "nodecache-signal");
              t.start();
            });
      } catch (IllegalArgumentException e) {
        LOG.debug("signal {} not available: {}", sig, e.getMessage());
      }
    }
  }
}
