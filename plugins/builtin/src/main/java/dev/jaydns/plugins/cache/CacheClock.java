package dev.jaydns.plugins.cache;

/**
 * The cache's sense of time: a monotonic clock for TTLs and prefetch windows, and the wall clock
 * for DNSSEC signature validity. Injectable so tests move time instead of sleeping.
 */
public interface CacheClock {

  /** The real clocks. */
  CacheClock SYSTEM =
      new CacheClock() {
        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public long epochSeconds() {
          return System.currentTimeMillis() / 1000;
        }
      };

  /** Monotonic nanoseconds, as {@link System#nanoTime()}. */
  long nanoTime();

  /** Seconds since the Unix epoch. */
  long epochSeconds();
}
