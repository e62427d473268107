package dev.jaydns.server.nodecache;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What node-cache reads from the legacy {@code kube-dns} ConfigMap: stub domains (domain to
 * nameservers) and upstream nameservers, which replace {@code /etc/resolv.conf} for the root zone.
 *
 * @param stubDomains sorted by domain, so every render of one ConfigMap gives the same text
 * @param upstreamNameservers in ConfigMap order; empty means "use resolv.conf"
 */
record KubeDnsConfig(SortedMap<String, List<String>> stubDomains, List<String> upstreamNameservers) {

  static final KubeDnsConfig EMPTY = new KubeDnsConfig(new TreeMap<>(), List.of());

  KubeDnsConfig {
    TreeMap<String, List<String>> copy = new TreeMap<>();
    for (Map.Entry<String, List<String>> e : stubDomains.entrySet()) {
      copy.put(e.getKey(), List.copyOf(e.getValue()));
    }
    stubDomains = java.util.Collections.unmodifiableSortedMap(copy);
    upstreamNameservers = List.copyOf(upstreamNameservers);
  }
}
