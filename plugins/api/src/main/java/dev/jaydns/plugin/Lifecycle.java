package dev.jaydns.plugin;

import java.time.Duration;

/**
 * The process's lifecycle as plugins see it: whether Jay is stopping, and how long it keeps
 * serving DNS once asked to stop.
 *
 * <p>When the process is asked to stop (SIGTERM, SIGINT), Jay first marks itself as shutting down
 * ({@code ready} answers 503 from then on), then keeps answering DNS for the longest registered
 * lameduck period, and only then stops reading, lets queries in flight finish, stops the plugins
 * and closes the listeners. A reload never does any of this.
 */
public interface Lifecycle {

  /** True from the moment the process was asked to stop; never set by a reload. */
  boolean shuttingDown();

  /**
   * Asks the process to keep serving DNS for {@code period} after a stop request, before any
   * listener closes ({@code health}'s {@code lameduck}). With several registrations the longest
   * applies, once. Holds until the registration is closed, which a plugin does in its stop.
   */
  Registration lameduck(Duration period);
}
