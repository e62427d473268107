package dev.jaydns.plugin;

import io.vertx.core.http.HttpServerRequest;

/**
 * The metrics the server keeps for the whole process, as the {@code prometheus} plugin needs them
 * beyond {@link PluginContext#meterRegistry()}: the exposition of the process registry, CoreDNS's
 * per-query families ({@code coredns_dns_*}, CoreDNS's {@code plugin/metrics/vars}), and {@code
 * coredns_plugin_enabled}. The server owns the per-query families because it also counts the
 * queries it refuses itself (zone label {@code dropped}).
 */
public interface ServerMetrics {

  /**
   * Serves the whole process registry in Prometheus's text format ({@code text/plain;
   * version=0.0.4}), whatever the request's method and path.
   */
  io.vertx.core.Handler<HttpServerRequest> scrapeHandler();

  /**
   * The per-query meters of one {@code server}, {@code zone} and {@code view} label set, resolved
   * once: get them at start (or on first use, cached), never per query.
   */
  QueryRecorder queries(String server, String zone, String view);

  /**
   * Sets {@code coredns_plugin_enabled{server,zone,view,name}} to 1 until every registration of
   * that label set is closed, so a reload that keeps a plugin keeps its series, and one that
   * drops it removes it.
   */
  Registration pluginEnabled(String server, String zone, String view, String name);

  /** Reports queries for one label set: {@link #queries}. Thread-safe, allocation-free. */
  interface QueryRecorder {

    /**
     * Counts one query the chain completed: {@code coredns_dns_requests_total}, {@code
     * coredns_dns_do_requests_total}, the duration and size histograms, and {@code
     * coredns_dns_responses_total} with the answer's rcode and {@link Response#writer()} (empty
     * for a failure, which also counts a response size of 0).
     *
     * @param startNanos {@link System#nanoTime()} when the query entered the reporting handler
     */
    void report(Query query, Response response, long startNanos);
  }
}
