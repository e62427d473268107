package dev.jaydns.server.nodecache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * {@code coredns_nodecache_setup_errors_total{errortype}}: node-cache's one metric, with all five
 * label values present at 0 from the start.
 */
final class SetupErrors {

  /** The {@code errortype} label values. */
  enum Type {
    IPTABLES("iptables"),
    IPTABLES_LOCK("iptables_lock"),
    INTERFACE_ADD("interface_add"),
    INTERFACE_CHECK("interface_check"),
    CONFIGMAP("configmap");

    final String label;

    Type(String label) {
      this.label = label;
    }
  }

  private final Map<Type, Counter> counters = new EnumMap<>(Type.class);

  SetupErrors(MeterRegistry registry) {
    for (Type t : Type.values()) {
      counters.put(
          t,
          Counter.builder("coredns.nodecache.setup.errors")
              .description("The number of errors during periodic network setup for node-cache")
              .tag("errortype", t.label)
              .register(registry));
    }
  }

  void increment(Type t) {
    counters.get(t).increment();
  }

  double count(Type t) {
    return counters.get(t).count();
  }
}
