package dev.jaydns.bench;

import dev.jaydns.plugin.Chain;
import dev.jaydns.plugin.Query;
import dev.jaydns.plugin.Response;
import dev.jaydns.plugin.testkit.RecordingChain;
import dev.jaydns.plugin.testkit.TestPluginContext;
import dev.jaydns.plugin.testkit.TestQuery;
import dev.jaydns.plugins.cache.CacheClock;
import dev.jaydns.plugins.cache.CacheConfig;
import dev.jaydns.plugins.cache.CacheInstance;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The cache's hit path: {@code handle} on a stored answer, from a decoded {@link Query} to the
 * reply bytes, as an event loop runs it (key hash, lookup, copy, ID/TTL/case patch, OPT, meters).
 * Decoding the packet and writing the socket are not part of it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class CacheHitBenchmark {

  private CacheInstance cache;
  private Chain upstream;
  /** A NodeLocal-shaped query: A for a cluster service, no EDNS (glibc's stub resolver). */
  private Query plain;
  /** The same name with EDNS (1232, no DO) and 0x20 mixed case. */
  private Query ednsMixedCase;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    CacheConfig config = CacheConfig.defaults(List.of("."));
    cache = new CacheInstance(config, CacheClock.SYSTEM, Runnable::run);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    cache
        .start(
            new TestPluginContext(
                null, registry, List.of("."), List.of(new InetSocketAddress("127.0.0.1", 53))))
        .toCompletableFuture()
        .join();
    String name = "kubernetes.default.svc.cluster.local.";
    Record answer = Record.fromString(Name.fromString(name), Type.A, 1, 3600, "10.96.0.1", Name.root);
    upstream = RecordingChain.answering(Rcode.NOERROR, q -> List.of(answer));
    plain = TestQuery.of(name, Type.A).server("dns://127.0.0.1:53").build();
    ednsMixedCase =
        TestQuery.of("KuBeRnEtEs.default.SVC.cluster.local.", Type.A)
            .edns(1232)
            .server("dns://127.0.0.1:53")
            .build();
    cache.handler().handle(plain, upstream).toCompletableFuture().join();
    cache.handler().handle(ednsMixedCase, upstream).toCompletableFuture().join();
    if (!hit(plain).isFitted() || !hit(ednsMixedCase).isFitted()) {
      throw new IllegalStateException("benchmark queries are not cache hits");
    }
  }

  private Response hit(Query q) {
    return cache.handler().handle(q, upstream).toCompletableFuture().join();
  }

  @Benchmark
  public byte[] hitPlain() {
    return hit(plain).wire();
  }

  @Benchmark
  public byte[] hitEdnsMixedCase() {
    return hit(ednsMixedCase).wire();
  }
}
