package dev.jaydns.plugins.forward;

import java.time.Duration;

/**
 * The fixed times of CoreDNS's forward, in one place so tests can shrink them.
 *
 * @param readTimeout how long one attempt waits for its reply (CoreDNS: 2 s)
 * @param budget how long one query may take over all attempts (CoreDNS: 5 s); Jay never lets an
 *     attempt run past it, so a client gets its SERVFAIL within the budget
 * @param healthCheckTimeout how long one health probe waits (CoreDNS: 1 s)
 * @param resolvConfPoll how often a resolv.conf TO is checked for changes
 */
public record ForwardTiming(
    Duration readTimeout, Duration budget, Duration healthCheckTimeout, Duration resolvConfPoll) {

  /** CoreDNS 1.13's numbers; the resolv.conf poll is Jay's own. */
  public static final ForwardTiming DEFAULT =
      new ForwardTiming(
          Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(2));
}
