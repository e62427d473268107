package dev.jaydns.plugins.forward;

import dev.jaydns.plugins.forward.upstream.Proto;
import dev.jaydns.plugins.forward.upstream.UpstreamMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * CoreDNS 1.13's forward and proxy meters: {@code coredns_proxy_request_duration_seconds{proxy_name,
 * to, rcode}}, {@code coredns_proxy_healthcheck_failures_total{proxy_name, to}}, {@code
 * coredns_proxy_conn_cache_hits_total} and {@code _misses_total{proxy_name, to, proto}}, {@code
 * coredns_forward_healthcheck_broken_total} and {@code coredns_forward_max_concurrent_rejects_total};
 * plus Jay's {@code jay_forward_replies_dropped_total{to, reason}} for packets refused by the RFC 5452
 * checks.
 */
final class ForwardMetrics {

  static final String PROXY_NAME = "forward";
  /** 0.00025 s × 2^k for k = 0..15, CoreDNS's proxy duration buckets. */
  private static final Duration[] BUCKETS = new Duration[16];

  static {
    for (int k = 0; k < BUCKETS.length; k++) {
      BUCKETS[k] = Duration.ofNanos(250_000L << k);
    }
  }

  private final MeterRegistry registry;
  private final Counter healthcheckBroken;
  private final Counter maxConcurrentRejects;
  private final ConcurrentHashMap<String, PerUpstream> upstreams = new ConcurrentHashMap<>();

  ForwardMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.healthcheckBroken =
        Counter.builder("coredns.forward.healthcheck.broken")
            .description("Counter of the number of complete failures of the healthchecks.")
            .register(registry);
    this.maxConcurrentRejects =
        Counter.builder("coredns.forward.max.concurrent.rejects")
            .description("Counter of the number of queries rejected because the concurrent queries were at maximum.")
            .register(registry);
  }

  void healthcheckBroken() {
    healthcheckBroken.increment();
  }

  void maxConcurrentReject() {
    maxConcurrentRejects.increment();
  }

  /** The meters of one upstream ({@code to} = {@code IP:PORT}), made once. */
  PerUpstream upstream(String to) {
    return upstreams.computeIfAbsent(to, t -> new PerUpstream(registry, t));
  }

  /** One upstream's meters. */
  static final class PerUpstream implements UpstreamMetrics {

    private final MeterRegistry registry;
    private final String to;
    private final Counter healthcheckFailures;
    private final Counter[] hits = new Counter[Proto.values().length];
    private final Counter[] misses = new Counter[Proto.values().length];
    private final Timer[] durations = new Timer[24];
    private final ConcurrentHashMap<String, Counter> dropped = new ConcurrentHashMap<>();

    PerUpstream(MeterRegistry registry, String to) {
      this.registry = registry;
      this.to = to;
      this.healthcheckFailures =
          Counter.builder("coredns.proxy.healthcheck.failures")
              .description("Count of failed health checks per upstream.")
              .tag("proxy_name", PROXY_NAME)
              .tag("to", to)
              .register(registry);
      for (Proto p : Proto.values()) {
        hits[p.ordinal()] =
            Counter.builder("coredns.proxy.conn.cache.hits")
                .description("Counter of connection cache hits per upstream and protocol.")
                .tag("proxy_name", PROXY_NAME)
                .tag("to", to)
                .tag("proto", p.label())
                .register(registry);
        misses[p.ordinal()] =
            Counter.builder("coredns.proxy.conn.cache.misses")
                .description("Counter of connection cache misses per upstream and protocol.")
                .tag("proxy_name", PROXY_NAME)
                .tag("to", to)
                .tag("proto", p.label())
                .register(registry);
      }
    }

    /** Records the duration of one successful exchange answered with {@code rcode}. */
    void observe(int rcode, long nanos) {
      Timer t = rcode >= 0 && rcode < durations.length ? durations[rcode] : null;
      if (t == null) {
        t = timer(rcode);
        if (rcode >= 0 && rcode < durations.length) {
          durations[rcode] = t;
        }
      }
      t.record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer timer(int rcode) {
      return Timer.builder("coredns.proxy.request.duration")
          .description("Histogram of the time each request took.")
          .tag("proxy_name", PROXY_NAME)
          .tag("to", to)
          .tag("rcode", Rcodes.label(rcode))
          .serviceLevelObjectives(BUCKETS)
          .register(registry);
    }

    @Override
    public void connCacheHit(Proto proto) {
      hits[proto.ordinal()].increment();
    }

    @Override
    public void connCacheMiss(Proto proto) {
      misses[proto.ordinal()].increment();
    }

    @Override
    public void healthcheckFailure() {
      healthcheckFailures.increment();
    }

    @Override
    public void replyDropped(String reason) {
      dropped
          .computeIfAbsent(
              reason,
              r ->
                  Counter.builder("jay.forward.replies.dropped")
                      .description("Upstream packets dropped: wrong source, ID or question, or malformed (RFC 5452).")
                      .tag("to", to)
                      .tag("reason", r)
                      .register(registry))
          .increment();
    }
  }
}
