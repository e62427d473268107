package dev.jaydns.plugins.loadbalance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jaydns.plugin.BlockSettings;
import dev.jaydns.plugin.PluginInstance;
import dev.jaydns.plugin.Response;
import dev.jaydns.plugin.testkit.RecordingChain;
import dev.jaydns.plugin.testkit.TestPluginContext;
import dev.jaydns.plugin.testkit.TestQuery;
import dev.jaydns.plugins.testing.Snippets;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class WeightedTest {

  private static final String WEIGHTS =
      "# weights for www\n\nWWW.example.com\n100.64.1.1 3\n100.64.1.2 1\n100.64.1.3 2\n";

  @TempDir Path dir;
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private PluginInstance start(String block) throws Exception {
    PluginInstance lb =
        new LoadbalancePlugin()
            .setup(Snippets.config("loadbalance", block, new BlockSettings(), dir));
    lb.start(
            new TestPluginContext(
                vertx, new SimpleMeterRegistry(), List.of("."), List.of(new InetSocketAddress(0))))
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    return lb;
  }

  private static RecordingChain www() throws Exception {
    Name www = Name.fromString("www.example.com.");
    List<Record> answer = new ArrayList<>();
    answer.add(new CNAMERecord(Name.fromString("alias.example.com."), DClass.IN, 60, www));
    for (int i = 1; i <= 3; i++) {
      answer.add(new ARecord(www, DClass.IN, 60, InetAddress.getByName("100.64.1." + i)));
    }
    answer.add(new MXRecord(www, DClass.IN, 60, 10, Name.fromString("mx.example.com.")));
    return RecordingChain.answering(Rcode.NOERROR, q -> answer);
  }

  private static String first(PluginInstance lb, RecordingChain next, int qtype) {
    Response r = Snippets.run(lb.handler(), TestQuery.query("alias.example.com.", qtype), next);
    List<Record> answer = r.message().getSection(Section.ANSWER);
    assertThat(answer.get(0).getType()).isEqualTo(Type.CNAME);
    assertThat(answer.get(answer.size() - 1).getType()).isEqualTo(Type.MX);
    return answer.get(1).rdataToString();
  }

  @Test
  void theTopAddressIsDrawnByWeight() throws Exception {
    Files.writeString(dir.resolve("db.weights"), WEIGHTS);
    PluginInstance lb = start(". {\n loadbalance weighted db.weights {\n  reload 0\n }\n}\n");
    RecordingChain next = www();
    Map<String, Integer> tops = new HashMap<>();
    int draws = 6000;
    for (int i = 0; i < draws; i++) {
      tops.merge(first(lb, next, Type.A), 1, Integer::sum);
    }
    // Expected shares 3/6, 1/6, 2/6; the bounds are many standard deviations wide.
    assertThat(tops.get("100.64.1.1") / (double) draws).isBetween(0.40, 0.60);
    assertThat(tops.get("100.64.1.2") / (double) draws).isBetween(0.08, 0.25);
    assertThat(tops.get("100.64.1.3") / (double) draws).isBetween(0.23, 0.43);
    lb.stop();
  }

  @Test
  void onlyAddressAndSrvQueriesAreWeighted() throws Exception {
    Files.writeString(dir.resolve("db.weights"), "www.example.com\n100.64.1.3 255\n");
    PluginInstance lb = start(". {\n loadbalance weighted db.weights {\n  reload 0\n }\n}\n");
    RecordingChain next = www();
    Response mx = Snippets.run(lb.handler(), TestQuery.query("alias.example.com.", Type.MX), next);
    assertThat(mx.message().getSection(Section.ANSWER).get(1).rdataToString())
        .isEqualTo("100.64.1.1");
    int top3 = 0;
    for (int i = 0; i < 200; i++) {
      top3 += first(lb, next, Type.A).equals("100.64.1.3") ? 1 : 0;
    }
    assertThat(top3).isGreaterThan(150);
  }

  @Test
  void aBadFileFailsTheStartAndAMissingOneOnlyWithoutReload() throws Exception {
    Files.writeString(dir.resolve("bad.weights"), "www.example.com\n100.64.1.1 0\n");
    assertThatThrownBy(() -> start(". {\n loadbalance weighted bad.weights\n}\n"))
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining("wrong weight value:\"0\" in weight file");
    assertThatThrownBy(() -> start(". {\n loadbalance weighted none {\n  reload 0\n }\n}\n"))
        .hasMessageContaining("weight file open error");
    start(". {\n loadbalance weighted none\n}\n").stop();
  }

  @Test
  void theFileIsReadAgainWhenItChanges() throws Exception {
    Path file = dir.resolve("db.weights");
    PluginInstance lb = start(". {\n loadbalance weighted db.weights {\n  reload 50ms\n }\n}\n");
    WeightFile weights = ((LoadbalanceHandler) lb.handler()).weightFile();
    assertThat(weights.weights().size()).isZero();
    Files.writeString(file, WEIGHTS);
    awaitWeight(weights, "100.64.1.1", 3);
    // A broken edit keeps the last good weights.
    Files.writeString(file, "100.64.1.1 3\n");
    Thread.sleep(300);
    assertThat(weights.weights().weight("www.example.com.", InetAddress.getByName("100.64.1.1")))
        .isEqualTo(3);
    Files.writeString(file, "www.example.com\n100.64.1.1 7\n");
    awaitWeight(weights, "100.64.1.1", 7);
    CompletionStage<Void> stopped = lb.stop();
    stopped.toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static void awaitWeight(WeightFile weights, String ip, int expected) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    InetAddress a = InetAddress.getByName(ip);
    while (weights.weights().weight("www.example.com.", a) != expected) {
      assertThat(System.nanoTime()).as("weight file re-read in time").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  @Test
  void weightFileSyntaxErrorsNameTheLine() {
    assertThatThrownBy(() -> Weights.parse("10.0.0.1\n", "f"))
        .hasMessage("wrong domain name:\"10.0.0.1\" in weight file f. (Maybe a missing weight value?)");
    assertThatThrownBy(() -> Weights.parse("a\nexample 3\n", "f"))
        .hasMessage("wrong IP address:\"example\" in weight file f");
    assertThatThrownBy(() -> Weights.parse("a\n10.0.0.1 256\n", "f"))
        .hasMessage("wrong weight value:\"256\" in weight file f");
    assertThatThrownBy(() -> Weights.parse("10.0.0.1 2\n", "f"))
        .hasMessage("missing domain name in weight file f");
    assertThatThrownBy(() -> Weights.parse("a\n10.0.0.1 2 3\n", "f"))
        .hasMessage("could not parse weight line:\"10.0.0.1 2 3\" in weight file f");
  }
}
