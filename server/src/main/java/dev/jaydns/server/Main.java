package dev.jaydns.server;

import dev.jaydns.corefile.Corefile;
import dev.jaydns.corefile.CorefileException;
import io.netty.util.ResourceLeakDetector;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code jay} command. {@code jay [flags]} serves a Corefile with CoreDNS's flags; {@code jay
 * validate FILE} checks one without binding anything.
 */
public final class Main {

  static final String NAME = "Jay";

  private static final Set<String> BOOLEANS = Set.of("plugins", "quiet", "version");
  private static final Set<String> VALUED =
      Set.of("conf", "dns.port", "p", "pidfile", "plugins-dir");

  private Main() {}

  public static void main(String[] args) {
    // Netty's leak detection samples buffers and has every message record its way through the
    // pipeline: about 2 % of a cache hit's CPU in a profile. The process turns it off unless asked
    // for (-Dio.netty.leakDetection.level=...); tests, which start Jay in-process, keep it on.
    if (System.getProperty("io.netty.leakDetection.level") == null) {
      ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    }
    int code = run(args, System.out, System.err);
    if (code >= 0) {
      System.exit(code);
    }
  }

  /**
   * Runs the command. Returns the exit status, or -1 when Jay is serving (the process then lives
   * until a signal stops it).
   */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length > 0 && args[0].equals("validate")) {
      return Validate.run(List.of(args).subList(1, args.length), out, err);
    }
    if (args.length > 0 && args[0].equals("nodecache")) {
      return dev.jaydns.server.nodecache.NodeCacheCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), out, err);
    }
    GoFlags flags;
    try {
      flags = GoFlags.parse(args, BOOLEANS, VALUED);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      usage(err);
      return 2;
    }
    if (!flags.rest().isEmpty()) {
      err.println("extra arguments: " + String.join(" ", flags.rest()));
      return 2;
    }
    if (flags.bool("version")) {
      out.println(versionLine());
      out.println(platformLine());
      return 0;
    }
    LogFormat.install(false);
    Startup.quiet(flags.bool("quiet"));
    int port;
    try {
      port = dnsPort(flags);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    }
    Path pluginsDir = pluginsDir(flags);
    if (flags.bool("plugins")) {
      try {
        PluginRegistry registry = PluginRegistry.load(pluginsDir);
        out.println("Plugins (chain order):");
        for (PluginRegistry.Loaded l : registry.inOrder()) {
          out.println("  " + l.plugin().name() + "  (" + l.source() + ")");
        }
        return 0;
      } catch (StartupException e) {
        err.println(e.getMessage());
        return 1;
      }
    }
    CorefileSource source;
    Corefile corefile;
    try {
      source = source(flags.get("conf"), port);
      corefile = source.load();
    } catch (CorefileException | IOException e) {
      err.println(e.getMessage());
      return 1;
    }
    Jay jay;
    try {
      jay =
          Jay.create(
              JayOptions.defaults().withPluginsDir(pluginsDir).withDirectory(source.directory()));
      Jay.await(jay.start(corefile));
    } catch (StartupException e) {
      err.println(e.getMessage());
      return 1;
    }
    Reloader reloader = new Reloader(jay, source, jay.registry());
    reloader.start(corefile);
    Startup.print(versionLine());
    Startup.print(platformLine());
    String pidfile = flags.get("pidfile");
    if (pidfile != null && !pidfile.isEmpty()) {
      try {
        Files.writeString(Path.of(pidfile), ProcessHandle.current().pid() + "\n");
      } catch (IOException e) {
        err.println("could not write pidfile: " + e.getMessage());
        return 1;
      }
    }
    Shutdown.install(jay, reloader, pidfile);
    return -1;
  }

  static int dnsPort(GoFlags flags) {
    String p = flags.get("dns.port", flags.get("p", "53"));
    try {
      int port = Integer.parseInt(p);
      if (port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid value \"" + p + "\" for flag -dns.port");
    }
  }

  private static Path pluginsDir(GoFlags flags) {
    String dir = flags.get("plugins-dir");
    if (dir != null) {
      return Path.of(dir);
    }
    Path local = Path.of("plugins");
    return Files.isDirectory(local) ? local : null;
  }

  static String version() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v != null ? v : "dev";
  }

  static String versionLine() {
    return NAME + "-" + version();
  }

  static String platformLine() {
    return System.getProperty("os.name").toLowerCase()
        + "/"
        + System.getProperty("os.arch")
        + ", java "
        + Runtime.version();
  }

  private static void usage(PrintStream err) {
    err.println(
        "Usage: jay [-conf FILE] [-dns.port PORT] [-pidfile FILE] [-plugins] [-plugins-dir DIR]"
            + " [-quiet] [-version]\n       jay validate [-dns.port PORT] [-plugins-dir DIR] FILE");
  }

  /** {@code -conf FILE}, {@code -conf stdin}, or {@code ./Corefile} (possibly absent: the default). */
  static CorefileSource source(String conf, int port) throws IOException {
    if (conf == null) {
      Path local = Path.of("Corefile");
      return Files.exists(local)
          ? CorefileSource.file(local, System.getenv(), port)
          : CorefileSource.text("", System.getenv(), port);
    }
    if (conf.equals("stdin")) {
      String text = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
      return CorefileSource.text(text, System.getenv(), port);
    }
    Path file = Path.of(conf);
    if (!Files.exists(file)) {
      throw new IOException("open " + conf + ": no such file or directory");
    }
    return CorefileSource.file(file, System.getenv(), port);
  }

  /** SIGTERM and SIGINT: stop reading, finish queries in flight, stop plugins, exit 0. */
  static final class Shutdown {
    private static final Logger LOG = LoggerFactory.getLogger("jay");

    private Shutdown() {}

    static void install(Jay jay, Reloader reloader, String pidfile) {
      CountDownLatch stopped = new CountDownLatch(1);
      Runnable stop =
          () -> {
            reloader.close();
            try {
              // The lameduck and the drain both happen inside stop(); wait for them, plus slack.
              Jay.await(jay.stop(), jay.lameduck().plus(Duration.ofSeconds(60)));
            } catch (StartupException e) {
              LOG.error("shutdown: {}", e.getMessage());
            }
            if (pidfile != null && !pidfile.isEmpty()) {
              try {
                Files.deleteIfExists(Path.of(pidfile));
              } catch (IOException e) {
                LOG.warn("could not remove pidfile: {}", e.getMessage());
              }
            }
            stopped.countDown();
          };
      try {
        sun.misc.Signal.handle(new sun.misc.Signal("USR1"), s -> reloader.forceReload());
      } catch (IllegalArgumentException e) {
        LOG.debug("SIGUSR1 not available: {}", e.getMessage());
      }
      Thread hook = new Thread(stop, "jay-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      // CoreDNS exits 0 after a graceful SIGTERM/SIGINT; the JVM's default would be 143/130.
      for (String sig : List.of("TERM", "INT")) {
        try {
          sun.misc.Signal.handle(
              new sun.misc.Signal(sig),
              s -> {
                Runtime.getRuntime().removeShutdownHook(hook);
                Thread t = new Thread(() -> {
                  stop.run();
                  // exit, not halt: the JVM's own hooks (a JFR recording's dump) still run; ours
                  // was removed above, so the stop does not run twice.
                  System.exit(0);
                }, "jay-signal");
                t.start();
              });
        } catch (IllegalArgumentException e) {
          LOG.debug("signal {} not available: {}", sig, e.getMessage());
        }
      }
    }
  }
}
