package dev.jaydns.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The metrics the server core itself reports: CoreDNS's {@code coredns_panics_total}. */
final class CoreMetrics {

  private final Counter panics;

  CoreMetrics(MeterRegistry registry) {
    this.panics =
        Counter.builder("coredns.panics")
            .description("A metrics that counts the number of panics.")
            .register(registry);
  }

  void panic() {
    panics.increment();
  }
}
