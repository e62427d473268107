package dev.jaydns.server;

import dev.jaydns.corefile.Corefile;
import dev.jaydns.corefile.CorefileException;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A Jay serving a Corefile file and following its changes, for entry points outside this package
 * (the node-cache mode): the same create, start and reload path {@code jay -conf FILE} runs.
 */
public final class EmbeddedJay implements AutoCloseable {

  private final Jay jay;
  private final CorefileSource source;
  private Reloader reloader;

  private EmbeddedJay(Jay jay, CorefileSource source) {
    this.jay = jay;
    this.source = source;
  }

  /**
   * Creates the process (Vert.x, metrics registry, plugins) without serving anything yet, so the
   * caller can register meters and open its own endpoints before the listeners bind.
   *
   * @param conf the Corefile to serve
   * @param onFatal what a fatal plugin condition does; null for CoreDNS's exit status 1
   */
  public static EmbeddedJay create(
      Path conf, Map<String, String> env, int dnsPort, JayOptions options, Consumer<String> onFatal)
      throws StartupException {
    Jay jay = Jay.create(options.withDirectory(conf.toAbsolutePath().getParent()));
    if (onFatal != null) {
      jay.onFatal(onFatal);
    }
    return new EmbeddedJay(jay, CorefileSource.file(conf, env, dnsPort));
  }

  /** Loads the Corefile, opens every listener and starts following the file; blocks until done. */
  public void start() throws StartupException {
    Corefile corefile;
    try {
      corefile = source.load();
    } catch (CorefileException | IOException e) {
      throw new StartupException(e.getMessage(), e);
    }
    Jay.await(jay.start(corefile));
    reloader = new Reloader(jay, source, jay.registry());
    reloader.start(corefile);
  }

  /** What SIGUSR1 does: re-read the Corefile now and apply it even if unchanged. */
  public void reloadNow() {
    if (reloader != null) {
      reloader.forceReload();
    }
  }

  public PrometheusMeterRegistry registry() {
    return jay.registry();
  }

  public Vertx vertx() {
    return jay.vertx();
  }

  /** Stops following the file, then stops Jay gracefully (queries in flight finish). */
  @Override
  public void close() throws StartupException {
    close(() -> {});
  }

  /** {@link #close()}, running {@code afterLameduck} once the lameduck is over (see {@link Jay#stop(Runnable)}). */
  public void close(Runnable afterLameduck) throws StartupException {
    if (reloader != null) {
      reloader.close();
    }
    Jay.await(jay.stop(afterLameduck));
  }

  /** CoreDNS-style startup log lines for {@code jay} and its modes. */
  public static void installLogFormat() {
    LogFormat.install(false);
  }

  /** {@code Jay-VERSION}, as {@code jay -version} prints it. */
  public static String versionLine() {
    return Main.versionLine();
  }

  /** Prints a startup line unless {@code -quiet} asked for silence. */
  public static void startupLine(String line) {
    Startup.print(line);
  }

  /** {@code -quiet}: silences startup lines. */
  public static void quiet(boolean quiet) {
    Startup.quiet(quiet);
  }
}
