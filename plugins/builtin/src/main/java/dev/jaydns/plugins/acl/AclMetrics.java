package dev.jaydns.plugins.acl;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code coredns_acl_{allowed,blocked,filtered,dropped}_requests_total} with CoreDNS's labels
 * ({@code view} always empty). Counters are resolved once per label set.
 */
final class AclMetrics {

  private final MeterRegistry registry;
  private final Map<String, Counter> allowed = new ConcurrentHashMap<>();
  private final Map<AclRule.Action, Map<String, Map<String, Counter>>> byZone =
      new ConcurrentHashMap<>();

  AclMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void allowed(String server) {
    Counter c = allowed.get(server);
    if (c == null) {
      c =
          allowed.computeIfAbsent(
              server,
              s ->
                  Counter.builder("coredns.acl.allowed.requests")
                      .description("Counter of DNS requests being allowed.")
                      .tags("server", s, "view", "")
                      .register(registry));
    }
    c.increment();
  }

  void denied(AclRule.Action action, String server, String zone) {
    String what =
        switch (action) {
          case BLOCK -> "blocked";
          case FILTER -> "filtered";
          default -> "dropped";
        };
    Counter c =
        byZone
            .computeIfAbsent(action, a -> new ConcurrentHashMap<>())
            .computeIfAbsent(server, s -> new ConcurrentHashMap<>())
            .get(zone);
    if (c == null) {
      c =
          byZone.get(action).get(server)
              .computeIfAbsent(
                  zone,
                  z ->
                      Counter.builder("coredns.acl." + what + ".requests")
                          .description("Counter of DNS requests being " + what + ".")
                          .tags("server", server, "zone", z, "view", "")
                          .register(registry));
    }
    c.increment();
  }
}
