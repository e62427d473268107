package dev.jaydns.bench;

import dev.jaydns.plugin.MalformedQueryException;
import dev.jaydns.plugin.Query;
import dev.jaydns.plugin.Transport;
import dev.jaydns.plugin.testkit.TestQuery;
import java.net.InetSocketAddress;
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
import org.xbill.DNS.Message;
import org.xbill.DNS.Type;

/**
 * What every query costs before any plugin runs: reading the header, the question (name lowered
 * into a String) and the OPT record straight from the packet, against dnsjava's full parse.
 *
 * <p>{@code java -jar bench/jmh/target/benchmarks.jar QueryDecode -prof gc}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class QueryDecodeBenchmark {

  private byte[] plain;
  private byte[] edns;
  private final InetSocketAddress client = new InetSocketAddress("127.0.0.1", 40000);

  @Setup
  public void setup() {
    plain = TestQuery.of("kubernetes.default.svc.cluster.local.", Type.A).message().toWire();
    edns = TestQuery.of("www.Example.ORG.", Type.AAAA).edns(1232).dnssecOk().message().toWire();
  }

  @Benchmark
  public Query decodePlain() throws MalformedQueryException {
    return Query.decode(plain, Transport.UDP, client, "dns://127.0.0.1:53");
  }

  @Benchmark
  public Query decodeEdns() throws MalformedQueryException {
    return Query.decode(edns, Transport.UDP, client, "dns://127.0.0.1:53");
  }

  /** The cost Jay avoids on the hit path: dnsjava's full parse of the same packet. */
  @Benchmark
  public Message dnsjavaParse() throws java.io.IOException {
    return new Message(plain);
  }
}
