package dev.jaydns.plugins.hosts;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code coredns_hosts_entries} and {@code coredns_hosts_reload_timestamp_seconds}, shared by
 * every {@code hosts} directive of one configuration: entries are summed, the timestamp is the
 * latest reload. The gauges carry no labels, as CoreDNS's.
 */
final class HostsMetrics {

  static final String ENTRIES = "coredns.hosts.entries";
  static final String RELOAD_TIMESTAMP = "coredns.hosts.reload.timestamp.seconds";

  private final MeterRegistry registry;
  private final Set<HostsSource> sources = ConcurrentHashMap.newKeySet();
  private Gauge entries;
  private Gauge timestamp;

  HostsMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  synchronized void add(HostsSource source) {
    sources.add(source);
    if (entries == null) {
      // A previous configuration's gauges are bound to its sources: replace them with ours.
      removeExisting(ENTRIES);
      removeExisting(RELOAD_TIMESTAMP);
      entries =
          Gauge.builder(ENTRIES, this, HostsMetrics::entryCount)
              .description("The combined number of entries in hosts and Corefile.")
              .register(registry);
      timestamp =
          Gauge.builder(RELOAD_TIMESTAMP, this, HostsMetrics::lastReloadSeconds)
              .description("The timestamp of the last reload of hosts file.")
              .register(registry);
    }
  }

  synchronized void remove(HostsSource source) {
    sources.remove(source);
    if (sources.isEmpty() && entries != null) {
      removeIfOurs(entries);
      removeIfOurs(timestamp);
      entries = null;
      timestamp = null;
    }
  }

  private void removeExisting(String name) {
    Gauge g = registry.find(name).gauge();
    if (g != null) {
      registry.remove(g);
    }
  }

  private void removeIfOurs(Gauge g) {
    if (registry.find(g.getId().getName()).gauge() == g) {
      registry.remove(g);
    }
  }

  private double entryCount() {
    long n = 0;
    for (HostsSource s : sources) {
      n += s.size();
    }
    return n;
  }

  private double lastReloadSeconds() {
    long latest = 0;
    for (HostsSource s : sources) {
      latest = Math.max(latest, s.reloadedAtMillis());
    }
    return latest / 1000.0;
  }
}
