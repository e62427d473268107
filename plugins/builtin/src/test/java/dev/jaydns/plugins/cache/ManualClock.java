package dev.jaydns.plugins.cache;

import java.time.Duration;

/** A clock tests move by hand. */
final class ManualClock implements CacheClock {

  private volatile long nanos = 5_000_000_000_000L;
  private volatile long epochMillis = 1_750_000_000_000L;

  @Override
  public long nanoTime() {
    return nanos;
  }

  @Override
  public long epochSeconds() {
    return epochMillis / 1000;
  }

  void advance(Duration d) {
    nanos += d.toNanos();
    epochMillis += d.toMillis();
  }

  void advanceMillis(long ms) {
    advance(Duration.ofMillis(ms));
  }
}
