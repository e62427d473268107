package dev.jaydns.bench;

import dev.jaydns.server.EmbeddedJay;
import dev.jaydns.server.JayOptions;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A cache miss end to end, one query at a time: a UDP query for a name never asked before goes to
 * a running Jay ({@code cache} + {@code forward} on one event loop), which forwards it to an
 * in-process upstream on loopback that answers from bytes, stores the answer and replies. The time
 * is the round trip seen by the client, kernel included; the upstream and client run on other
 * threads. {@code -prof gc} gives the bytes allocated per miss, the client's and the upstream's
 * included.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 2, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xmx256m"})
public class ForwardMissBenchmark {

  private EmbeddedJay jay;
  private Upstream upstream;
  private DatagramSocket client;
  private final byte[] query = new byte[512];
  private final DatagramPacket reply = new DatagramPacket(new byte[512], 512);
  private DatagramPacket send;
  private Path dir;
  private long counter;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    upstream = new Upstream();
    upstream.start();
    int port = freeUdpPort();
    dir = Files.createTempDirectory("jay-miss-bench");
    Path corefile = dir.resolve("Corefile");
    Files.writeString(
        corefile,
        ".:" + port + " {\n bind 127.0.0.1\n cache 300\n forward . 127.0.0.1:"
            + upstream.socket.getLocalPort() + "\n}\n");
    EmbeddedJay.quiet(true);
    jay = EmbeddedJay.create(corefile, Map.of(), port, JayOptions.defaults().withEventLoops(1), null);
    jay.start();
    send = new DatagramPacket(query, query.length, new InetSocketAddress("127.0.0.1", port));
    client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
    client.setSoTimeout(2000);
    if (miss() != 0) {
      throw new IllegalStateException("the first query did not get a NOERROR answer");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    client.close();
    jay.close();
    upstream.close();
    Files.deleteIfExists(dir.resolve("Corefile"));
    Files.deleteIfExists(dir);
  }

  /** Sends a query for a new name and waits for its answer; returns the answer's rcode. */
  @Benchmark
  public int miss() throws IOException {
    int length = buildQuery(query, counter++);
    send.setLength(length);
    client.send(send);
    client.receive(reply);
    return reply.getData()[3] & 0x0f;
  }

  private static final byte[] SUFFIX = {5, 'b', 'e', 'n', 'c', 'h', 4, 't', 'e', 's', 't', 0};

  /**
   * A query (RD, A, IN, no EDNS) for {@code n<number>.bench.test}, written without allocating;
   * returns its length.
   */
  static int buildQuery(byte[] b, long number) {
    b[0] = (byte) (number >> 8);
    b[1] = (byte) number;
    b[2] = 0x01;
    b[3] = 0;
    b[4] = 0;
    b[5] = 1;
    for (int i = 6; i < 12; i++) {
      b[i] = 0;
    }
    int digits = 1;
    for (long v = number; v >= 10; v /= 10) {
      digits++;
    }
    b[12] = (byte) (digits + 1);
    b[13] = 'n';
    long v = number;
    for (int i = 13 + digits; i > 13; i--) {
      b[i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    int p = 14 + digits;
    System.arraycopy(SUFFIX, 0, b, p, SUFFIX.length);
    p += SUFFIX.length;
    b[p++] = 0;
    b[p++] = 1;
    b[p++] = 0;
    b[p++] = 1;
    return p;
  }

  private static int freeUdpPort() throws SocketException {
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      return s.getLocalPort();
    }
  }

  /**
   * Answers every query with one A record (192.0.2.1, TTL 300) for its own question, built from
   * the query's bytes: the cheapest authoritative server there is, so the time is Jay's.
   */
  static final class Upstream extends Thread implements AutoCloseable {
    /** Name (pointer to the question), A, IN, TTL 300, 192.0.2.1. */
    private static final byte[] ANSWER = {
      (byte) 0xc0, 12, 0, 1, 0, 1, 0, 0, 1, 0x2c, 0, 4, (byte) 192, 0, 2, 1
    };
    final DatagramSocket socket;

    Upstream() throws SocketException {
      super("miss-bench-upstream");
      setDaemon(true);
      socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @Override
    public void run() {
      byte[] buf = new byte[1500];
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      while (!socket.isClosed()) {
        try {
          p.setData(buf);
          socket.receive(p);
          int n = p.getLength();
          int q = 12;
          while (q < n && buf[q] != 0) {
            q += (buf[q] & 0xff) + 1;
          }
          int questionEnd = q + 5;
          if (questionEnd > n) {
            continue;
          }
          buf[2] = (byte) 0x81; // QR, RD
          buf[3] = (byte) 0x80; // RA, NOERROR
          buf[7] = 1; // ANCOUNT
          buf[9] = 0;
          buf[11] = 0; // the query's OPT (ARCOUNT) is dropped
          int a = questionEnd;
          System.arraycopy(ANSWER, 0, buf, a, ANSWER.length);
          p.setLength(a + ANSWER.length);
          socket.send(p);
        } catch (IOException e) {
          if (socket.isClosed()) {
            return;
          }
        }
      }
    }

    @Override
    public void close() {
      socket.close();
    }
  }
}
