package dev.jaydns.plugins.errors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jaydns.plugin.ConfigException;
import dev.jaydns.plugin.PluginInstance;
import dev.jaydns.plugin.Query;
import dev.jaydns.plugin.Response;
import dev.jaydns.plugin.testkit.RecordingChain;
import dev.jaydns.plugin.testkit.TestPluginContext;
import dev.jaydns.plugin.testkit.TestQuery;
import dev.jaydns.plugins.testing.LogCapture;
import dev.jaydns.plugins.testing.TestCorefile;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

class ErrorsHandlerTest {

  private static final String TIMEOUT = "read udp 10.0.0.2:40512->10.96.0.10:53: i/o timeout";

  private Vertx vertx;
  private LogCapture log;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    log = LogCapture.of("plugin/errors");
  }

  @AfterEach
  void tearDown() {
    log.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  private PluginInstance start(String body) throws ConfigException {
    PluginInstance p =
        new ErrorsPlugin().setup(TestCorefile.config("errors", ". {\n" + body + "\n}"));
    p.start(new TestPluginContext(vertx, List.of("."))).toCompletableFuture().join();
    return p;
  }

  private static Response run(PluginInstance p, Query q, RecordingChain next) {
    return p.handler().handle(q, next).toCompletableFuture().join();
  }

  private void awaitLines(int n) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (log.lines().size() < n && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
  }

  @Test
  void logsAFailureWithDecimalRcodeNameAndType() throws Exception {
    PluginInstance p = start("errors");
    Query q = TestQuery.query("Example.COM.", Type.A);
    Response r = run(p, q, RecordingChain.failing(Rcode.SERVFAIL, TIMEOUT));
    assertThat(r.isWritten()).isFalse();
    assertThat(r.rcode()).isEqualTo(Rcode.SERVFAIL);
    assertThat(log.lines()).containsExactly("[ERROR] 2 example.com. A: " + TIMEOUT);
    assertThat(log.records().get(0).getThrown()).isNull();
    p.stop();
  }

  @Test
  void refusedAndUnknownTypes() throws Exception {
    PluginInstance p = start("errors");
    run(p, TestQuery.query("a.", 65280), RecordingChain.failing(Rcode.REFUSED, "concurrent queries exceeded maximum 10"));
    assertThat(log.lines())
        .containsExactly("[ERROR] 5 a. TYPE65280: concurrent queries exceeded maximum 10");
  }

  @Test
  void quietWhenNothingWentWrong() throws Exception {
    PluginInstance p = start("errors");
    run(p, TestQuery.query("a.", Type.A), RecordingChain.answering(Rcode.NXDOMAIN, q -> List.of()));
    run(p, TestQuery.query("a.", Type.A), new RecordingChain(q -> Response.failed(Rcode.SERVFAIL, null)));
    assertThat(log.lines()).isEmpty();
  }

  @Test
  void passesTheStageThroughWhenNotYetComplete() throws Exception {
    PluginInstance p = start("errors");
    CompletableFuture<Response> later = new CompletableFuture<>();
    var stage = p.handler().handle(TestQuery.query("a.", Type.A), new RecordingChain(q -> later));
    assertThat(log.lines()).isEmpty();
    later.complete(Response.failure(Rcode.SERVFAIL, new RuntimeException("late")));
    assertThat(stage.toCompletableFuture().join().rcode()).isEqualTo(Rcode.SERVFAIL);
    assertThat(log.lines()).containsExactly("[ERROR] 2 a. A: late");
  }

  @Test
  void stacktraceAttachesTheCause() throws Exception {
    PluginInstance p = start("errors {\n  stacktrace\n}");
    run(p, TestQuery.query("a.", Type.A), RecordingChain.failing(Rcode.SERVFAIL, "boom"));
    assertThat(log.records().get(0).getThrown()).hasMessage("boom");
  }

  @Test
  void consolidatesMatchingErrorsIntoOneLinePerPeriod() throws Exception {
    PluginInstance p =
        start("errors {\n  consolidate 200ms \"i/o timeout$\" warning\n  consolidate 1h timeout\n}");
    RecordingChain failing = RecordingChain.failing(Rcode.SERVFAIL, TIMEOUT);
    for (int i = 0; i < 3; i++) {
      run(p, TestQuery.query("a.", Type.A), failing);
    }
    run(p, TestQuery.query("b.", Type.AAAA), RecordingChain.failing(Rcode.SERVFAIL, "other"));
    assertThat(log.lines()).containsExactly("[ERROR] 2 b. AAAA: other");
    awaitLines(2);
    assertThat(log.lines())
        .containsExactly(
            "[ERROR] 2 b. AAAA: other",
            "[WARNING] 3 errors like 'i/o timeout$' occurred in last 200ms");
    // A new period starts with the next match.
    run(p, TestQuery.query("a.", Type.A), failing);
    awaitLines(3);
    assertThat(log.lines().get(2))
        .isEqualTo("[WARNING] 1 errors like 'i/o timeout$' occurred in last 200ms");
    p.stop();
  }

  @Test
  void stopFlushesPendingCountsAndLaterErrorsAreLoggedOneByOne() throws Exception {
    PluginInstance p = start("errors {\n  consolidate 1h timeout info\n}");
    RecordingChain failing = RecordingChain.failing(Rcode.SERVFAIL, TIMEOUT);
    run(p, TestQuery.query("a.", Type.A), failing);
    run(p, TestQuery.query("a.", Type.A), failing);
    assertThat(log.lines()).isEmpty();
    p.stop().toCompletableFuture().join();
    assertThat(log.lines())
        .containsExactly("[INFO] 2 errors like 'timeout' occurred in last 1h0m0s");
    run(p, TestQuery.query("a.", Type.A), failing);
    assertThat(log.lines()).hasSize(2).last().isEqualTo("[ERROR] 2 a. A: " + TIMEOUT);
  }

  @Test
  void showFirstLogsTheFirstInFullAndSkipsASummaryOfOne() throws Exception {
    PluginInstance p = start("errors {\n  consolidate 100ms timeout warning show_first\n}");
    RecordingChain failing = RecordingChain.failing(Rcode.SERVFAIL, TIMEOUT);
    run(p, TestQuery.query("a.", Type.A), failing);
    assertThat(log.lines()).containsExactly("[WARNING] 2 a. A: " + TIMEOUT);
    Thread.sleep(400);
    assertThat(log.lines()).hasSize(1);
    run(p, TestQuery.query("a.", Type.A), failing);
    run(p, TestQuery.query("a.", Type.A), failing);
    awaitLines(3);
    assertThat(log.lines())
        .containsExactly(
            "[WARNING] 2 a. A: " + TIMEOUT,
            "[WARNING] 2 a. A: " + TIMEOUT,
            "[WARNING] 2 errors like 'timeout' occurred in last 100ms");
    assertThat(log.records().get(2).getLevel()).isEqualTo(Level.WARNING);
  }
}
