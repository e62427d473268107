package dev.jaydns.plugins.prometheus;

import dev.jaydns.plugin.Chain;
import dev.jaydns.plugin.Handler;
import dev.jaydns.plugin.Query;
import dev.jaydns.plugin.Response;
import dev.jaydns.plugin.ServerMetrics;
import dev.jaydns.plugin.ServerMetrics.QueryRecorder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The chain element: times the rest of the chain and reports each completed query under its
 * listener's {@code server} label and the longest block zone containing the name. Recorders are
 * resolved per (server, zone) at start, so a query costs a map read, a suffix scan and adder
 * updates. A stage that completes exceptionally is a handler bug the server counts itself (zone
 * {@code dropped}), as CoreDNS counts a panic.
 */
final class PrometheusHandler implements Handler {

  /** The zone label of a name outside every block zone (CoreDNS's fallback). */
  private static final String ROOT = ".";

  private final String[] zones;
  private final Map<String, QueryRecorder[]> byServer = new ConcurrentHashMap<>();
  private volatile ServerMetrics metrics;

  PrometheusHandler(List<String> zonesLongestFirst) {
    this.zones = zonesLongestFirst.toArray(String[]::new);
  }

  void start(ServerMetrics metrics, List<String> servers) {
    this.metrics = metrics;
    for (String server : servers) {
      recorders(server);
    }
  }

  @Override
  public CompletionStage<Response> handle(Query query, Chain next) {
    long start = System.nanoTime();
    QueryRecorder recorder = recorder(query);
    CompletionStage<Response> stage = next.handle(query);
    if (stage instanceof CompletableFuture<Response> f
        && f.isDone()
        && !f.isCompletedExceptionally()) {
      Response r = f.join();
      if (r != null) {
        recorder.report(query, r, start);
      }
      return stage;
    }
    return stage.whenComplete(
        (r, error) -> {
          if (error == null && r != null) {
            recorder.report(query, r, start);
          }
        });
  }

  private QueryRecorder recorder(Query query) {
    QueryRecorder[] recorders = byServer.get(query.server());
    if (recorders == null) {
      recorders = recorders(query.server());
    }
    return recorders[zoneIndex(query.name())];
  }

  private QueryRecorder[] recorders(String server) {
    return byServer.computeIfAbsent(
        server,
        s -> {
          QueryRecorder[] r = new QueryRecorder[zones.length + 1];
          for (int i = 0; i < zones.length; i++) {
            r[i] = metrics.queries(s, zones[i], "");
          }
          r[zones.length] = metrics.queries(s, ROOT, "");
          return r;
        });
  }

  /** Index of the longest zone containing {@code name}, or {@code zones.length} for none. */
  int zoneIndex(String name) {
    for (int i = 0; i < zones.length; i++) {
      if (isSubdomain(name, zones[i])) {
        return i;
      }
    }
    return zones.length;
  }

  /** True when {@code name} equals {@code zone} or lies below it at a label boundary. */
  static boolean isSubdomain(String name, String zone) {
    if (zone.equals(ROOT)) {
      return true;
    }
    int start = name.length() - zone.length();
    if (start < 0 || !name.regionMatches(start, zone, 0, zone.length())) {
      return false;
    }
    if (start == 0) {
      return true;
    }
    if (name.charAt(start - 1) != '.') {
      return false;
    }
    int backslashes = 0;
    for (int j = start - 2; j >= 0 && name.charAt(j) == '\\'; j--) {
      backslashes++;
    }
    return (backslashes & 1) == 0;
  }
}
