package dev.jaydns.server;

import dev.jaydns.plugin.Lifecycle;
import dev.jaydns.plugin.Registration;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The process's stop sequence as plugins see it ({@link Lifecycle}): the shutting-down flag
 * {@code ready} reads, and the lameduck periods {@code health} registers. Only {@link Jay#stop}
 * sets the flag and reads the periods; a reload touches neither.
 */
final class ProcessLifecycle {

  /** A registered lameduck period and the plugin that asked for it (for the log line). */
  static final class Lameduck implements Registration {
    private final Set<Lameduck> owner;
    final String plugin;
    final Duration period;

    private Lameduck(Set<Lameduck> owner, String plugin, Duration period) {
      this.owner = owner;
      this.plugin = plugin;
      this.period = period;
    }

    @Override
    public CompletionStage<Void> close() {
      owner.remove(this);
      return CompletableFuture.completedFuture(null);
    }
  }

  private volatile boolean shuttingDown;
  private final Set<Lameduck> lameducks = ConcurrentHashMap.newKeySet();

  void beginShutdown() {
    shuttingDown = true;
  }

  boolean shuttingDown() {
    return shuttingDown;
  }

  /** The longest positive lameduck registered now, or null. */
  Lameduck longestLameduck() {
    Lameduck longest = null;
    for (Lameduck l : lameducks) {
      if (l.period.isNegative() || l.period.isZero()) {
        continue;
      }
      if (longest == null || l.period.compareTo(longest.period) > 0) {
        longest = l;
      }
    }
    return longest;
  }

  /** The view one plugin gets: its lameduck registrations carry its name. */
  Lifecycle forPlugin(String plugin) {
    return new Lifecycle() {
      @Override
      public boolean shuttingDown() {
        return shuttingDown;
      }

      @Override
      public Registration lameduck(Duration period) {
        Lameduck l = new Lameduck(lameducks, plugin, period);
        lameducks.add(l);
        return l;
      }
    };
  }
}
