package dev.jaydns.plugins.forward;

import dev.jaydns.corefile.Position;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * One {@code forward} line, parsed and validated: fields are named after the Corefile tokens.
 *
 * @param from the zone this line handles, lowercase and fully qualified
 * @param to the upstreams, in Corefile order
 * @param except names (and their subdomains) this line passes on, lowercase and fully qualified
 * @param forceTcp always ask upstreams over TCP
 * @param preferUdp always ask upstreams over UDP first, whatever the client used
 * @param expire how long an idle upstream connection stays open
 * @param maxFails failed health checks after which an upstream is down; 0 never marks it down
 * @param maxConnectAttempts attempts per query across upstreams; 0 is no cap
 * @param healthCheck how a failed upstream is probed
 * @param policy the order upstreams are tried in
 * @param maxConcurrent queries in flight above which new ones get REFUSED; 0 is no limit
 * @param next rcodes whose answers are handed to the next {@code forward} line instead
 * @param failover rcodes whose answers make Jay try the next upstream
 * @param failfastAllUnhealthyUpstreams SERVFAIL at once when every upstream is down
 * @param tls client TLS files, or null for system roots and no client certificate
 * @param tlsServername the name a {@code tls://} upstream's certificate must carry, or null
 * @param position where the {@code forward} word stands
 */
public record ForwardConfig(
    String from,
    List<ForwardTarget> to,
    List<String> except,
    boolean forceTcp,
    boolean preferUdp,
    Duration expire,
    int maxFails,
    int maxConnectAttempts,
    HealthCheck healthCheck,
    Policy policy,
    int maxConcurrent,
    Set<Integer> next,
    Set<Integer> failover,
    boolean failfastAllUnhealthyUpstreams,
    Tls tls,
    String tlsServername,
    Position position) {

  /** CoreDNS's defaults. */
  public static final Duration DEFAULT_EXPIRE = Duration.ofSeconds(10);

  public static final int DEFAULT_MAX_FAILS = 2;
  public static final Duration DEFAULT_HEALTH_CHECK = Duration.ofMillis(500);
  /** CoreDNS's cap on the number of TOs in one line. */
  public static final int MAX_UPSTREAMS = 15;

  public ForwardConfig {
    to = List.copyOf(to);
    except = List.copyOf(except);
    next = Set.copyOf(next);
    failover = Set.copyOf(failover);
  }

  /**
   * The {@code health_check} option.
   *
   * @param interval pause between probes of a failed upstream; zero disables probing
   * @param noRec probe with RD=0
   * @param domain the name probed ({@code .} by default) with type NS
   */
  public record HealthCheck(Duration interval, boolean noRec, String domain) {}

  /**
   * The {@code tls} option: PEM files, each possibly null ({@code tls} alone uses the system roots).
   */
  public record Tls(Path cert, Path key, Path ca) {}
}
