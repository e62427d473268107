package dev.jaydns.plugins.dns64;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@code coredns_dns64_requests_translated_total{server}}, one counter per server label, kept. */
final class Dns64Metrics {

  private final MeterRegistry registry;
  private final Map<String, Counter> translated = new ConcurrentHashMap<>();

  Dns64Metrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void translated(String server) {
    Counter c = translated.get(server);
    if (c == null) {
      c =
          translated.computeIfAbsent(
              server,
              s ->
                  Counter.builder("coredns.dns64.requests.translated")
                      .description("Counter of DNS requests translated by dns64.")
                      .tag("server", s)
                      .register(registry));
    }
    c.increment();
  }
}
