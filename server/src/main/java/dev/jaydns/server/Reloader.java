package dev.jaydns.server;

import dev.jaydns.corefile.Corefile;
import dev.jaydns.corefile.CorefileException;
import dev.jaydns.plugin.BlockSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies Corefile changes to a running Jay. Three triggers lead to one check, run on one thread
 * of its own (never an event loop): the {@code reload} plugin's interval with jitter, a file
 * watcher on the folders of the Corefile and its imports (which also sees Kubernetes' atomic
 * {@code ..data} symlink swap), and SIGUSR1. A check re-reads and re-parses the file and, when its
 * hash changed (or when forced), hands the new Corefile to {@link Jay#start}, which replaces the
 * running configuration only if the new one sets up and starts completely.
 */
final class Reloader implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger("plugin/reload");
  private static final Logger CORE = LoggerFactory.getLogger("jay");
  /** Events in a burst (an editor's write, a symlink swap) are folded into one check. */
  private static final long DEBOUNCE_MS = 150;

  private final Jay jay;
  private final CorefileSource source;
  private final MeterRegistry registry;
  private final Counter failed;
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "jay-reload");
            t.setDaemon(true);
            return t;
          });
  private String lastHash;
  private Gauge versionInfo;
  private ScheduledFuture<?> periodic;
  private ScheduledFuture<?> debounced;
  private WatchService watcher;
  private Thread watchThread;
  private Set<Path> watched = Set.of();
  private Duration interval;
  private Duration jitter;

  Reloader(Jay jay, CorefileSource source, MeterRegistry registry) {
    this.jay = jay;
    this.source = source;
    this.registry = registry;
    this.failed =
        Counter.builder("coredns.reload.failed")
            .description("Counter of the number of failed reload attempts.")
            .register(registry);
  }

  /** Starts following the running configuration's {@code reload} settings. */
  void start(Corefile running) {
    lastHash = ConfigHash.of(running);
    Generation g = jay.current();
    if (g != null && g.reloadSettings() != null) {
      LOG.info("Running configuration SHA512 = {}", lastHash);
    }
    // Wait until the watcher is registered, so a change right after startup is not missed.
    try {
      executor.submit(() -> follow(running)).get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      LOG.warn("cannot follow the Corefile for changes: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** SIGUSR1: reload now, even if nothing changed. */
  void forceReload() {
    CORE.info("SIGUSR1: Reloading");
    executor.execute(() -> check(true));
  }

  /** Checks now for a change; the call returns at once. */
  void checkSoon() {
    executor.execute(() -> check(false));
  }

  private void check(boolean force) {
    Corefile corefile;
    String hash;
    try {
      corefile = source.load();
      hash = ConfigHash.of(corefile);
    } catch (CorefileException | IOException e) {
      String rawHash;
      try {
        rawHash = "raw:" + ConfigHash.sha512(source.rawBytes());
      } catch (IOException io) {
        // Unreadable right now (mid-swap): try again at the next trigger.
        return;
      }
      if (!force && rawHash.equals(lastHash)) {
        return;
      }
      lastHash = rawHash;
      failed.increment();
      LOG.error("Corefile changed but reload failed: {}", e.getMessage());
      return;
    }
    if (!force && hash.equals(lastHash)) {
      return;
    }
    lastHash = hash;
    CORE.info("Reloading");
    try {
      Jay.await(jay.start(corefile));
      CORE.info("Reloading complete");
      if (jay.current() != null && jay.current().reloadSettings() != null) {
        LOG.info("Running configuration SHA512 = {}", hash);
      }
      follow(corefile);
    } catch (StartupException e) {
      failed.increment();
      CORE.error("Restart failed: {}", e.getMessage());
      LOG.error("Corefile changed but reload failed: {}", e.getMessage());
    }
    setVersionInfo(hash);
  }

  private void setVersionInfo(String hash) {
    if (versionInfo != null) {
      registry.remove(versionInfo);
    }
    versionInfo =
        Gauge.builder("coredns.reload.version.info", () -> 1)
            .description("A metric with a constant '1' value labeled by hash, and value which type of hash generated.")
            .tag("hash", "sha512")
            .tag("value", hash)
            .register(registry);
  }

  /** Applies the reload settings and watched files of the configuration now serving. */
  private void follow(Corefile running) {
    Generation g = jay.current();
    BlockSettings settings = g == null ? null : g.reloadSettings();
    Duration newInterval = settings == null ? null : settings.reloadInterval();
    Duration newJitter = settings == null ? null : settings.reloadJitter();
    if (newInterval == null) {
      cancelPeriodic();
      stopWatching();
      interval = null;
      return;
    }
    if (!newInterval.equals(interval) || !newJitter.equals(jitter) || periodic == null) {
      interval = newInterval;
      jitter = newJitter;
      schedulePeriodic();
    }
    watch(running);
  }

  private void schedulePeriodic() {
    cancelPeriodic();
    long base = interval.toMillis();
    long spread = jitter.toMillis();
    // CoreDNS: INTERVAL plus a uniform offset in [-JITTER/2, +JITTER/2).
    long delay = base + (spread > 0 ? ThreadLocalRandom.current().nextLong(spread) - spread / 2 : 0);
    periodic =
        executor.schedule(
            () -> {
              periodic = null;
              check(false);
              if (interval != null && periodic == null) {
                schedulePeriodic();
              }
            },
            delay,
            TimeUnit.MILLISECONDS);
  }

  private void cancelPeriodic() {
    if (periodic != null) {
      periodic.cancel(false);
      periodic = null;
    }
  }

  private void watch(Corefile running) {
    Set<Path> dirs = new HashSet<>();
    if (source.file() != null) {
      dirs.add(source.file().toAbsolutePath().getParent());
    }
    for (Path p : running.sources()) {
      Path parent = p.toAbsolutePath().getParent();
      if (parent != null) {
        dirs.add(parent);
      }
    }
    if (dirs.equals(watched) && watcher != null) {
      return;
    }
    stopWatching();
    if (dirs.isEmpty()) {
      return;
    }
    try {
      WatchService ws = FileSystems.getDefault().newWatchService();
      for (Path d : dirs) {
        d.register(
            ws,
            StandardWatchEventKinds.ENTRY_CREATE,
            StandardWatchEventKinds.ENTRY_MODIFY,
            StandardWatchEventKinds.ENTRY_DELETE);
      }
      watcher = ws;
      watched = dirs;
      watchThread = new Thread(() -> watchLoop(ws), "jay-watch");
      watchThread.setDaemon(true);
      watchThread.start();
    } catch (IOException e) {
      LOG.warn("cannot watch {} for changes ({}); relying on the reload interval", dirs, e.getMessage());
    }
  }

  private void watchLoop(WatchService ws) {
    try {
      while (true) {
        WatchKey key = ws.take();
        key.pollEvents();
        key.reset();
        executor.execute(this::debounce);
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // Closed by stopWatching or close: the thread ends.
    }
  }

  private void debounce() {
    if (debounced != null) {
      debounced.cancel(false);
    }
    debounced = executor.schedule(() -> check(false), DEBOUNCE_MS, TimeUnit.MILLISECONDS);
  }

  private void stopWatching() {
    if (watcher != null) {
      try {
        watcher.close();
      } catch (IOException e) {
        LOG.debug("closing the watcher: {}", e.getMessage());
      }
      watcher = null;
      watched = Set.of();
    }
  }

  @Override
  public void close() {
    java.util.concurrent.Future<?> cleanup =
        executor.submit(
            () -> {
              cancelPeriodic();
              stopWatching();
            });
    try {
      cleanup.get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      LOG.debug("closing the reloader: {}", e.toString());
    }
    // shutdownNow, not shutdown: a delayed task (a debounced check) would otherwise keep the
    // executor alive until it is due, and none matters once closing.
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
