package dev.jaydns.server;

import dev.jaydns.plugin.Query;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The metrics the server core itself reports: CoreDNS's {@code coredns_panics_total}, {@code
 * coredns_build_info}, and the queries it answers without a chain, counted in the per-query
 * families with zone {@code dropped}.
 *
 * <p>CoreDNS registers its per-query families at init and counts dropped queries whether or not a
 * {@code prometheus} plugin is configured; Jay does the same, and they show on any {@code
 * /metrics} endpoint.
 */
final class CoreMetrics {

  private final Counter panics;
  private final RequestMetrics requests;

  CoreMetrics(MeterRegistry registry, RequestMetrics requests) {
    this.requests = requests;
    this.panics =
        Counter.builder("coredns.panics")
            .description("A metrics that counts the number of panics.")
            .register(registry);
    Gauge.builder("coredns.build.info", () -> 1)
        .description(
            "A metric with a constant '1' value labeled by version, revision, and goversion from"
                + " which CoreDNS was built.")
        .tag("version", Main.version())
        .tag("revision", "")
        .tag("goversion", "java" + Runtime.version().feature() + "." + Runtime.version().interim()
            + "." + Runtime.version().update())
        .strongReference(true)
        .register(registry);
  }

  void panic() {
    panics.increment();
  }

  /** A query the core answered itself with {@code reply}: no zone, a class it does not route, a panic. */
  void dropped(Query query, int rcode, byte[] reply) {
    requests.dropped(query, rcode, reply.length);
  }
}
