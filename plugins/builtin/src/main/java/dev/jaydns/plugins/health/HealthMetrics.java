package dev.jaydns.plugins.health;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * CoreDNS's health metrics: {@code coredns_health_request_duration_seconds} (histogram with
 * CoreDNS's buckets) and {@code coredns_health_request_failures_total}, both without labels and
 * shared by every {@code health} of the process.
 */
final class HealthMetrics {

  private static final Duration[] BUCKETS = {
    Duration.ofNanos(250_000),
    Duration.ofNanos(2_500_000),
    Duration.ofMillis(25),
    Duration.ofMillis(250),
    Duration.ofMillis(2500)
  };

  private final Timer duration;
  private final Counter failures;

  HealthMetrics(MeterRegistry registry) {
    duration =
        Timer.builder("coredns.health.request.duration")
            .description("Histogram of the time (in seconds) each request took.")
            .serviceLevelObjectives(BUCKETS)
            .register(registry);
    failures =
        Counter.builder("coredns.health.request.failures")
            .description("The number of times the health check failed.")
            .register(registry);
  }

  void observe(long nanos) {
    duration.record(Duration.ofNanos(nanos));
  }

  void failure() {
    failures.increment();
  }
}
