package dev.jaydns.plugins.reload;

import java.time.Duration;

/**
 * {@code reload [INTERVAL [JITTER]]}: how often the Corefile is checked for changes.
 *
 * @param interval the check period (at least 2 s, default 30 s)
 * @param jitter the spread around it (at least 1 s, at most half the interval, default 15 s)
 */
public record ReloadConfig(Duration interval, Duration jitter) {

  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
  public static final Duration DEFAULT_JITTER = Duration.ofSeconds(15);
  static final Duration MIN_INTERVAL = Duration.ofSeconds(2);
  static final Duration MIN_JITTER = Duration.ofSeconds(1);
}
