package dev.jaydns.plugins.template;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code coredns_template_matches_total}, {@code coredns_template_template_failures_total} and
 * {@code coredns_template_rr_failures_total}, with CoreDNS's labels ({@code view} is always empty:
 * Jay has no views). Counters are resolved once per label set and kept.
 */
final class TemplateMetrics {

  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  TemplateMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void match(String server, String zone, String qclass, String qtype) {
    String key = "m\0" + server + "\0" + zone + "\0" + qclass + "\0" + qtype;
    Counter c = counters.get(key);
    if (c == null) {
      c =
          counters.computeIfAbsent(
              key,
              k ->
                  Counter.builder("coredns.template.matches")
                      .description("Counter of template regex matches.")
                      .tags("server", server, "zone", zone, "view", "", "class", qclass, "type", qtype)
                      .register(registry));
    }
    c.increment();
  }

  /** A failure: {@code rr} false for a template that did not render, true for a bad record. */
  void failure(
      boolean rr, String server, String zone, String qclass, String qtype, String section, String template) {
    String name = rr ? "coredns.template.rr.failures" : "coredns.template.template.failures";
    String key = name + "\0" + server + "\0" + zone + "\0" + qclass + "\0" + qtype + "\0" + section + "\0" + template;
    counters
        .computeIfAbsent(
            key,
            k ->
                Counter.builder(name)
                    .description(
                        rr
                            ? "Counter of templated resource records that could not be parsed."
                            : "Counter of Go template failures.")
                    .tags(
                        "server", server, "zone", zone, "view", "", "class", qclass, "type", qtype,
                        "section", section, "template", template)
                    .register(registry))
        .increment();
  }
}
