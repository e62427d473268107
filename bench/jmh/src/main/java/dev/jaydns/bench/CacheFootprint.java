package dev.jaydns.bench;

import dev.jaydns.plugin.Chain;
import dev.jaydns.plugin.Response;
import dev.jaydns.plugin.testkit.RecordingChain;
import dev.jaydns.plugin.testkit.TestPluginContext;
import dev.jaydns.plugin.testkit.TestQuery;
import dev.jaydns.plugins.cache.CacheClock;
import dev.jaydns.plugins.cache.CacheConfig;
import dev.jaydns.plugins.cache.CacheInstance;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Measures the heap one cache entry costs, everything included (its share of the shard tables,
 * which are allocated for the full capacity up front, the entry and its bytes): fills a success
 * cache of ENTRIES capacity with twice as many NodeLocal-shaped answers, so every shard is full,
 * and divides the live heap it added by the entries it holds.
 *
 * <pre>java -cp bench/jmh/target/benchmarks.jar dev.jaydns.bench.CacheFootprint [ENTRIES]</pre>
 */
public final class CacheFootprint {

  private CacheFootprint() {}

  public static void main(String[] args) throws Exception {
    int entries = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    CacheConfig config =
        new CacheConfig(
            List.of("."),
            new CacheConfig.Bucket(entries, 3600, 5),
            new CacheConfig.Bucket(CacheConfig.SHARDS, 1800, 5),
            CacheConfig.Prefetch.OFF,
            CacheConfig.ServeStale.OFF,
            Duration.ofSeconds(5),
            CacheConfig.Disable.NONE,
            false);
    long before = usedHeap();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    CacheInstance cache = new CacheInstance(config, CacheClock.SYSTEM, Runnable::run);
    cache
        .start(new TestPluginContext(null, registry, List.of("."),
            List.of(new InetSocketAddress("127.0.0.1", 53))))
        .toCompletableFuture()
        .join();
    // Not a RecordingChain: it would keep every query alive and count as cache memory.
    Chain upstream =
        q -> {
          Message reply = RecordingChain.reply(q, Rcode.NOERROR);
          try {
            reply.addRecord(Record.fromString(Name.fromString(q.name()), Type.A, 1, 3600,
                "10.96." + (q.id() & 0xff) + ".1", Name.root), Section.ANSWER);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
          return Response.completed(reply);
        };
    for (int i = 0; i < 2 * entries; i++) {
      String name = "svc-" + i + ".ns-" + (i % 50) + ".svc.cluster.local.";
      cache.handler().handle(TestQuery.of(name, Type.A).id(i & 0xffff).build(), upstream)
          .toCompletableFuture().join();
    }
    long after = usedHeap();
    double stored = registry.get("coredns.cache.entries").tag("type", "success").gauge().value();
    double perEntry = (after - before) / stored;
    System.out.printf(
        "capacity=%d stored=%.0f heap.before=%d heap.after=%d bytes/entry=%.1f"
            + " (A answer, name ~33 bytes)%n",
        config.success().effectiveCapacity(), stored, before, after, perEntry);
    if (cache.handler() == null) {
      throw new IllegalStateException();
    }
  }

  private static long usedHeap() throws InterruptedException {
    Runtime rt = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(100);
      used = Math.min(used, rt.totalMemory() - rt.freeMemory());
    }
    return used;
  }
}
