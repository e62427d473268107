package dev.jaydns.plugins.cache;

import dev.jaydns.plugin.Chain;
import dev.jaydns.plugin.PluginContext;
import dev.jaydns.plugin.Query;
import dev.jaydns.plugin.Response;
import dev.jaydns.plugin.testkit.RecordingChain;
import dev.jaydns.plugin.testkit.TestPluginContext;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;

/**
 * A started cache plugin with a manual clock, a queue of background refreshes the test runs when
 * it chooses, a Prometheus registry, and a scripted upstream "U" below it.
 */
final class CacheHarness {

  final ManualClock clock;
  final PrometheusMeterRegistry registry;
  final ArrayDeque<Runnable> refreshes = new ArrayDeque<>();
  final CacheInstance instance;
  final PluginContext context;
  final RecordingChain upstream;
  private volatile Function<Query, CompletionStage<Response>> answerer =
      q -> Response.completed(RecordingChain.emptyReply(q));

  CacheHarness(String cacheLines) throws Exception {
    this(Corefiles.cache(cacheLines), new ManualClock(),
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), null);
  }

  CacheHarness(
      CacheConfig config,
      ManualClock clock,
      PrometheusMeterRegistry registry,
      PluginContext shared) {
    this.clock = clock;
    this.registry = registry;
    this.instance = new CacheInstance(config, clock, refreshes::add);
    this.context =
        shared != null
            ? shared
            : new TestPluginContext(
                null, registry, config.zones(), List.of(new InetSocketAddress("127.0.0.1", 1053)));
    this.upstream = new RecordingChain(q -> answerer.apply(q));
    instance.start(context).toCompletableFuture().join();
  }

  /** Makes U answer with {@code f}. */
  void upstreamAnswers(Function<Query, Message> f) {
    answerer = q -> Response.completed(f.apply(q));
  }

  void upstreamAnswersWire(Function<Query, byte[]> f) {
    answerer = q -> Response.completed(f.apply(q));
  }

  void upstreamFails() {
    answerer = q -> Response.failed(2, new RuntimeException("upstream down"));
  }

  /** Makes U hold every answer until the test completes the returned future. */
  CompletableFuture<Response> upstreamHangs() {
    CompletableFuture<Response> f = new CompletableFuture<>();
    answerer = q -> f;
    return f;
  }

  Response ask(Query q) {
    return instance.handler().handle(q, upstream).toCompletableFuture().join();
  }

  Message askMessage(Query q) {
    return parse(ask(q).wire());
  }

  Chain chain() {
    return upstream;
  }

  /** Runs the background refreshes queued so far. */
  void runRefreshes() {
    Runnable r;
    while ((r = refreshes.poll()) != null) {
      r.run();
    }
  }

  int upstreamCount() {
    return upstream.count();
  }

  /** The value of a sample line of the Prometheus exposition, or -1 when absent. */
  double metric(String line) {
    for (String l : registry.scrape().split("\n")) {
      if (l.startsWith(line + " ")) {
        return Double.parseDouble(l.substring(line.length() + 1));
      }
    }
    return -1;
  }

  static Message parse(byte[] wire) {
    try {
      return new Message(wire);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Record rr(String name, int type, long ttl, String rdata) {
    try {
      return Record.fromString(Name.fromString(name), type, DClass.IN, ttl, rdata, Name.root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Name name(String n) {
    try {
      return Name.fromString(n);
    } catch (TextParseException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** U's reply to {@code q}: rcode and records per section. */
  static Message reply(Query q, int rcode, List<Record> answer, List<Record> authority,
      List<Record> additional) {
    Message m = RecordingChain.reply(q, rcode);
    answer.forEach(r -> m.addRecord(r, Section.ANSWER));
    authority.forEach(r -> m.addRecord(r, Section.AUTHORITY));
    additional.forEach(r -> m.addRecord(r, Section.ADDITIONAL));
    return m;
  }
}
