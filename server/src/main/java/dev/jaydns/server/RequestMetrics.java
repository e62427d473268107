package dev.jaydns.server;

import dev.jaydns.plugin.Query;
import dev.jaydns.plugin.Registration;
import dev.jaydns.plugin.Response;
import dev.jaydns.plugin.ServerMetrics;
import dev.jaydns.plugin.Transport;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * CoreDNS's per-query metric families ({@code plugin/metrics/vars}) and {@code
 * coredns_plugin_enabled}, registered once per process straight in the Prometheus registry behind
 * the Micrometer one: that is what gives CoreDNS's exact buckets (the size histograms start at 0,
 * which Micrometer refuses) and no extra {@code _max} series. Series appear on first use, as in
 * CoreDNS.
 */
final class RequestMetrics implements ServerMetrics {

  /** CoreDNS's {@code plugin.TimeBuckets}: 0.25 ms doubling 16 times, up to 8.192 s. */
  static final double[] DURATION_BUCKETS = exponential(0.00025, 2, 16);

  /** CoreDNS's size buckets for both size histograms. */
  static final double[] SIZE_BUCKETS = {
    0, 100, 200, 300, 400, 511, 1023, 2047, 4095, 8291, 16000, 32000, 48000, 64000
  };

  /** Query types with their own {@code type} label value; every other is {@code other}. */
  private static final String[] TYPE_NAMES = {
    "A", "AAAA", "CNAME", "DNSKEY", "DS", "MX", "NSEC3", "NSEC", "NS", "PTR", "RRSIG", "SOA", "SRV",
    "TXT", "HTTPS", "IXFR", "AXFR", "ANY", "other"
  };

  /** miekg/dns's {@code RcodeToString}; unknown values print as {@code RCODE<n>}. */
  private static final String[] RCODE_NAMES = {
    "NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED", "YXDOMAIN", "YXRRSET",
    "NXRRSET", "NOTAUTH", "NOTZONE", "DSOTYPENI", "RCODE12", "RCODE13", "RCODE14", "RCODE15",
    "BADSIG", "BADKEY", "BADTIME", "BADMODE", "BADNAME", "BADALG", "BADTRUNC", "BADCOOKIE"
  };

  static final String DROPPED = "dropped";

  private final PrometheusMeterRegistry registry;
  private final Vertx vertx;
  private final Counter requests;
  private final Counter doRequests;
  private final Histogram duration;
  private final Histogram requestSize;
  private final Histogram responseSize;
  private final Counter responses;
  private final Gauge pluginEnabled;
  private final Map<List<String>, Integer> enabledCounts = new ConcurrentHashMap<>();
  private final Map<String, QueryRecorder> droppedByServer = new ConcurrentHashMap<>();

  RequestMetrics(PrometheusMeterRegistry registry, Vertx vertx) {
    this.registry = registry;
    this.vertx = vertx;
    PrometheusRegistry prometheus = registry.getPrometheusRegistry();
    requests =
        Counter.builder()
            .name("coredns_dns_requests_total")
            .help("Counter of DNS requests made per zone, protocol and family.")
            .labelNames("server", "zone", "view", "proto", "family", "type")
            .withoutExemplars()
            .register(prometheus);
    doRequests =
        Counter.builder()
            .name("coredns_dns_do_requests_total")
            .help("Counter of DNS requests with DO bit set per zone.")
            .labelNames("server", "zone", "view")
            .withoutExemplars()
            .register(prometheus);
    duration =
        Histogram.builder()
            .name("coredns_dns_request_duration_seconds")
            .help("Histogram of the time (in seconds) each request took per zone.")
            .labelNames("server", "zone", "view")
            .classicOnly()
            .classicUpperBounds(DURATION_BUCKETS)
            .withoutExemplars()
            .register(prometheus);
    requestSize =
        Histogram.builder()
            .name("coredns_dns_request_size_bytes")
            .help("Size of the EDNS0 UDP buffer in bytes (64K for TCP) per zone and protocol.")
            .labelNames("server", "zone", "view", "proto")
            .classicOnly()
            .classicUpperBounds(SIZE_BUCKETS)
            .withoutExemplars()
            .register(prometheus);
    responseSize =
        Histogram.builder()
            .name("coredns_dns_response_size_bytes")
            .help("Size of the returned response in bytes.")
            .labelNames("server", "zone", "view", "proto")
            .classicOnly()
            .classicUpperBounds(SIZE_BUCKETS)
            .withoutExemplars()
            .register(prometheus);
    responses =
        Counter.builder()
            .name("coredns_dns_responses_total")
            .help("Counter of response status codes.")
            .labelNames("server", "zone", "view", "rcode", "plugin")
            .withoutExemplars()
            .register(prometheus);
    pluginEnabled =
        Gauge.builder()
            .name("coredns_plugin_enabled")
            .help("A metric that indicates whether a plugin is enabled on per server and zone basis.")
            .labelNames("server", "zone", "view", "name")
            .withoutExemplars()
            .register(prometheus);
  }

  @Override
  public Handler<HttpServerRequest> scrapeHandler() {
    return request -> {
      // A scrape walks every series; a worker keeps it off the event loops that answer DNS.
      vertx
          .executeBlocking(() -> GoFloatLabels.rewrite(registry.scrape()), false)
          .onComplete(
              ar -> {
                if (ar.succeeded()) {
                  request
                      .response()
                      .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                      .end(ar.result());
                } else {
                  request.response().setStatusCode(500).end(String.valueOf(ar.cause()));
                }
              });
    };
  }

  @Override
  public QueryRecorder queries(String server, String zone, String view) {
    return new Recorder(server, zone, view);
  }

  /** Counts a query the core answered itself (no zone, a class it does not route, a panic). */
  void dropped(Query query, int rcode, int responseSize) {
    Recorder r =
        (Recorder) droppedByServer.computeIfAbsent(query.server(), s -> queries(s, DROPPED, ""));
    r.report(query, rcode, "", responseSize, System.nanoTime());
  }

  @Override
  public synchronized Registration pluginEnabled(
      String server, String zone, String view, String name) {
    List<String> labels = List.of(server, zone, view, name);
    enabledCounts.merge(labels, 1, Integer::sum);
    pluginEnabled.labelValues(server, zone, view, name).set(1);
    boolean[] closed = {false};
    return () -> {
      synchronized (RequestMetrics.this) {
        if (!closed[0]) {
          closed[0] = true;
          if (enabledCounts.merge(labels, -1, Integer::sum) <= 0) {
            enabledCounts.remove(labels);
            pluginEnabled.remove(server, zone, view, name);
          }
        }
      }
      return CompletableFuture.<Void>completedFuture(null);
    };
  }

  static String rcodeName(int rcode) {
    return rcode >= 0 && rcode < RCODE_NAMES.length ? RCODE_NAMES[rcode] : "RCODE" + rcode;
  }

  static int typeIndex(int qtype) {
    switch (qtype) {
      case 1: return 0;
      case 28: return 1;
      case 5: return 2;
      case 48: return 3;
      case 43: return 4;
      case 15: return 5;
      case 50: return 6;
      case 47: return 7;
      case 2: return 8;
      case 12: return 9;
      case 46: return 10;
      case 6: return 11;
      case 33: return 12;
      case 16: return 13;
      case 65: return 14;
      case 251: return 15;
      case 252: return 16;
      case 255: return 17;
      default: return 18;
    }
  }

  private static double[] exponential(double start, double factor, int count) {
    double[] b = new double[count];
    double v = start;
    for (int i = 0; i < count; i++) {
      b[i] = v;
      v *= factor;
    }
    return b;
  }

  /**
   * The series of one (server, zone, view), each resolved on first use and kept: a query costs
   * array reads and adder updates, no label lookup.
   */
  private final class Recorder implements QueryRecorder {
    private static final int PROTOS = 2;
    private static final int FAMILIES = 2;

    private final String server;
    private final String zone;
    private final String view;
    private final AtomicReferenceArray<CounterDataPoint> requestPoints =
        new AtomicReferenceArray<>(PROTOS * FAMILIES * TYPE_NAMES.length);
    private final AtomicReferenceArray<DistributionDataPoint> requestSizes =
        new AtomicReferenceArray<>(PROTOS);
    private final AtomicReferenceArray<DistributionDataPoint> responseSizes =
        new AtomicReferenceArray<>(PROTOS);
    private volatile CounterDataPoint doPoint;
    private volatile DistributionDataPoint durationPoint;
    /** Responses by writer plugin, then by rcode (the last slot for rcodes past BADCOOKIE). */
    private final Map<String, AtomicReferenceArray<CounterDataPoint>> responsePoints =
        new ConcurrentHashMap<>();
    private final Map<String, CounterDataPoint> rareRcodes = new ConcurrentHashMap<>();

    Recorder(String server, String zone, String view) {
      this.server = server;
      this.zone = zone;
      this.view = view;
    }

    @Override
    public void report(Query query, Response response, long startNanos) {
      String writer = response.writer();
      int size = response.isWritten() ? response.size() : 0;
      report(query, response.rcode(), writer == null ? "" : writer, size, startNanos);
    }

    void report(Query query, int rcode, String plugin, int size, long startNanos) {
      double seconds = (System.nanoTime() - startNanos) / 1e9;
      int proto = query.transport() == Transport.TCP ? 1 : 0;
      int family = query.family() == 2 ? 1 : 0;
      if (query.dnssecOk()) {
        CounterDataPoint d = doPoint;
        if (d == null) {
          d = doRequests.labelValues(server, zone, view);
          doPoint = d;
        }
        d.inc();
      }
      int type = typeIndex(query.qtype());
      int slot = (proto * FAMILIES + family) * TYPE_NAMES.length + type;
      CounterDataPoint r = requestPoints.get(slot);
      if (r == null) {
        r =
            requests.labelValues(
                server, zone, view, proto == 1 ? "tcp" : "udp", family == 1 ? "2" : "1",
                TYPE_NAMES[type]);
        requestPoints.set(slot, r);
      }
      r.inc();
      DistributionDataPoint d = durationPoint;
      if (d == null) {
        d = duration.labelValues(server, zone, view);
        durationPoint = d;
      }
      d.observe(seconds);
      sizePoint(responseSizes, responseSize, proto).observe(size);
      sizePoint(requestSizes, requestSize, proto).observe(query.size());
      responsePoint(rcode, plugin).inc();
    }

    private DistributionDataPoint sizePoint(
        AtomicReferenceArray<DistributionDataPoint> points, Histogram family, int proto) {
      DistributionDataPoint p = points.get(proto);
      if (p == null) {
        p = family.labelValues(server, zone, view, proto == 1 ? "tcp" : "udp");
        points.set(proto, p);
      }
      return p;
    }

    private CounterDataPoint responsePoint(int rcode, String plugin) {
      if (rcode < 0 || rcode >= RCODE_NAMES.length) {
        return rareRcodes.computeIfAbsent(
            rcodeName(rcode) + "/" + plugin,
            k -> responses.labelValues(server, zone, view, rcodeName(rcode), plugin));
      }
      AtomicReferenceArray<CounterDataPoint> byRcode = responsePoints.get(plugin);
      if (byRcode == null) {
        byRcode =
            responsePoints.computeIfAbsent(
                plugin, p -> new AtomicReferenceArray<>(RCODE_NAMES.length));
      }
      CounterDataPoint c = byRcode.get(rcode);
      if (c == null) {
        c = responses.labelValues(server, zone, view, RCODE_NAMES[rcode], plugin);
        byRcode.set(rcode, c);
      }
      return c;
    }
  }
}
