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
import java.util.concurrent.CompletableFuture;
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
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The cache's side of the large workload: 100 000 names asked in turn of a default cache (9 984
 * success entries), so about nine queries in ten miss, and each miss stores its answer into a full
 * shard, evicting one. The answers come from a chain that hands back prepared bytes, so the figure
 * is the cache's own work per query (lookup, scan, store, eviction, slab compaction, meters).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class CacheChurnBenchmark {

  private static final int NAMES = 100_000;

  private CacheInstance cache;
  private Query[] queries;
  private byte[][] answers;
  private int next;
  private Chain upstream;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    cache = new CacheInstance(CacheConfig.defaults(List.of(".")), CacheClock.SYSTEM, Runnable::run);
    cache
        .start(
            new TestPluginContext(
                null,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                List.of("."),
                List.of(new InetSocketAddress("127.0.0.1", 53))))
        .toCompletableFuture()
        .join();
    queries = new Query[NAMES];
    answers = new byte[NAMES][];
    for (int i = 0; i < NAMES; i++) {
      Name name = Name.fromString("host" + i + ".bench.test.");
      queries[i] = TestQuery.of(name.toString(), Type.A).server("dns://127.0.0.1:53").build();
      Message reply = RecordingChain.reply(queries[i], Rcode.NOERROR);
      byte[] address = {(byte) 10, (byte) (i >>> 16), (byte) (i >>> 8), (byte) i};
      reply.addRecord(
          new ARecord(name, DClass.IN, 300, java.net.InetAddress.getByAddress(address)),
          Section.ANSWER);
      answers[i] = reply.toWire();
    }
    // The cache patches TTLs in the bytes it is handed, so each miss gets a copy, as from a socket.
    upstream = q -> CompletableFuture.completedFuture(Response.of(answers[next].clone()));
  }

  @Benchmark
  public byte[] askNext() {
    int i = next + 1;
    next = i == NAMES ? 0 : i;
    return cache.handler().handle(queries[next], upstream).toCompletableFuture().join().wire();
  }
}
