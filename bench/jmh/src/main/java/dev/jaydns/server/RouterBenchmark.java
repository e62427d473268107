package dev.jaydns.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Picking the server block for a query: NodeLocal DNSCache's four zones on one listener (the scan
 * path), and 40 reverse zones (the suffix-map path).
 *
 * <p>{@code java -jar bench/jmh/target/benchmarks.jar Router -prof gc}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RouterBenchmark {

  private ZoneRouter nodeLocal;
  private ZoneRouter manyZones;

  private static BlockChain block(String zone) {
    return new BlockChain((q) -> null, List.of(zone), List.of("cache"), true, false);
  }

  @Setup
  public void setup() {
    Map<String, BlockChain> four = new LinkedHashMap<>();
    for (String z : List.of("cluster.local.", "in-addr.arpa.", "ip6.arpa.", ".")) {
      four.put(z, block(z));
    }
    nodeLocal = new ZoneRouter(four);
    Map<String, BlockChain> many = new LinkedHashMap<>();
    for (int i = 0; i < 40; i++) {
      String z = i + ".10.in-addr.arpa.";
      many.put(z, block(z));
    }
    many.put(".", block("."));
    manyZones = new ZoneRouter(many);
  }

  @Benchmark
  public BlockChain clusterName() {
    return nodeLocal.route("kubernetes.default.svc.cluster.local.", 1);
  }

  @Benchmark
  public BlockChain externalName() {
    return nodeLocal.route("www.example.org.", 1);
  }

  @Benchmark
  public BlockChain reverseOfForty() {
    return manyZones.route("4.3.39.10.in-addr.arpa.", 12);
  }
}
