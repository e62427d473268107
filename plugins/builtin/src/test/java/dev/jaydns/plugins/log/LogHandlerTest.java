package dev.jaydns.plugins.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jaydns.plugin.ConfigException;
import dev.jaydns.plugin.Query;
import dev.jaydns.plugin.Response;
import dev.jaydns.plugin.Transport;
import dev.jaydns.plugin.testkit.RecordingChain;
import dev.jaydns.plugin.testkit.TestQuery;
import dev.jaydns.plugin.wire.Wire;
import dev.jaydns.plugins.testing.LogCapture;
import dev.jaydns.plugins.testing.TestCorefile;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CookieOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class LogHandlerTest {

  private LogCapture log;

  @BeforeEach
  void capture() {
    log = LogCapture.of("log");
  }

  @AfterEach
  void release() {
    log.close();
  }

  private static LogHandler handler(String body) throws ConfigException {
    return (LogHandler)
        new LogPlugin().setup(TestCorefile.config("log", ". {\n" + body + "\n}")).handler();
  }

  /**
   * The query of the worked example: 77 bytes = 54 of header and question, an 11-byte OPT record
   * advertising 1232, and a 12-byte client cookie option.
   */
  private static Query workedExampleQuery() throws Exception {
    Message m = Message.newQuery(Record.newRecord(
        Name.fromString("Kubernetes.default.svc.cluster.local."), Type.A, DClass.IN));
    m.getHeader().setID(38845);
    m.addRecord(
        new OPTRecord(1232, 0, 0, 0, List.of(new CookieOption(new byte[8]))), Section.ADDITIONAL);
    byte[] wire = m.toWire();
    assertThat(wire).hasSize(77);
    return Query.decode(
        wire, Transport.UDP, new InetSocketAddress("10.244.0.38", 51834), "dns://169.254.20.10:53");
  }

  /** A 106-byte reply with QR, AA and RD: the question and one A record, names uncompressed. */
  private static byte[] workedExampleReply(Query q) {
    byte[] query = q.wire();
    int questionEnd = q.questionEnd();
    int nameLength = questionEnd - 4 - Wire.HEADER_LENGTH;
    byte[] r = Arrays.copyOf(query, questionEnd + nameLength + 14);
    Wire.put16(r, 2, Wire.FLAG_QR | Wire.FLAG_AA | Wire.FLAG_RD);
    Wire.put16(r, 6, 1);
    Wire.put16(r, 10, 0);
    System.arraycopy(query, Wire.HEADER_LENGTH, r, questionEnd, nameLength);
    int p = questionEnd + nameLength;
    Wire.put16(r, p, Type.A);
    Wire.put16(r, p + 2, DClass.IN);
    Wire.put32(r, p + 4, 5);
    Wire.put16(r, p + 8, 4);
    r[p + 10] = 10;
    r[p + 13] = 1;
    return r;
  }

  @Test
  void theWorkedExampleByteForByte() throws Exception {
    Query q = workedExampleQuery();
    byte[] reply = workedExampleReply(q);
    assertThat(reply).hasSize(106);
    Response r =
        handler("log")
            .handle(q, new RecordingChain(x -> Response.completed(reply)))
            .toCompletableFuture()
            .join();
    assertThat(r.wire()).isSameAs(reply);
    assertThat(log.lines()).hasSize(1);
    assertThat(log.lines().get(0))
        .matches(
            "\\Q[INFO] 10.244.0.38:51834 - 38845 \"A IN kubernetes.default.svc.cluster.local. udp"
                + " 77 false 1232\" NOERROR qr,aa,rd 106 \\E(0|[1-9][0-9]*)(\\.[0-9]*[1-9])?s");
  }

  @Test
  void aFailureLogsDashesAndZeroSize() throws Exception {
    Query q = TestQuery.of("example.com.", Type.A).id(1).build();
    handler("log")
        .handle(q, RecordingChain.failing(Rcode.SERVFAIL, "timeout"))
        .toCompletableFuture()
        .join();
    assertThat(log.lines().get(0))
        .matches(
            "\\Q[INFO] 127.0.0.1:40000 - 1 \"A IN example.com. udp 29 false 512\" - - 0 \\E[0-9.]+s");
  }

  @Test
  void waitsForAnAnswerThatComesLater() throws Exception {
    CompletableFuture<Response> later = new CompletableFuture<>();
    Query q = TestQuery.of("a.", Type.AAAA).tcp().from(new InetSocketAddress("fd00::1:0:0:5", 3)).build();
    var stage = handler("log . \"{remote} {proto} {rcode} {>bufsize}\"").handle(q, new RecordingChain(x -> later));
    assertThat(log.lines()).isEmpty();
    later.complete(Response.of(RecordingChain.reply(q, Rcode.NXDOMAIN)));
    stage.toCompletableFuture().join();
    assertThat(log.lines()).containsExactly("[INFO] [fd00::1:0:0:5] tcp NXDOMAIN 65535");
  }

  @Test
  void everyPlaceholder() throws Exception {
    Query q =
        TestQuery.of("Www.Example.ORG.", Type.MX)
            .id(513)
            .dnssecOk()
            .edns(4096)
            .dclass(DClass.CH)
            .from(new InetSocketAddress("::1", 5353))
            .server("dns://[fd00::a]:1053")
            .build();
    Message reply = RecordingChain.reply(q, Rcode.NOTAUTH);
    reply.getHeader().setFlag(Flags.AD);
    reply.getHeader().setFlag(Flags.TC);
    String format =
        "{type}|{name}|{class}|{proto}|{size}|{remote}|{port}|{local}|{>id}|{>opcode}|{>do}"
            + "|{>bufsize}|{rcode}|{>rflags}|{/geoip/city}|{unknown}|{ {name} }";
    handler("log . \"" + format + "\"")
        .handle(q, new RecordingChain(x -> Response.completed(reply)))
        .toCompletableFuture()
        .join();
    assertThat(log.lines())
        .containsExactly(
            "[INFO] MX|www.example.org.|CH|udp|" + q.size()
                + "|[::1]|5353|[fd00::a]|513|0|true|4096|NOTAUTH|qr,tc,rd,ra,ad|-|{unknown}|{ www.example.org. }");
  }

  @Test
  void combinedAddsTheOpcodeAndCommonExpandsInsideAFormat() throws Exception {
    Query q = TestQuery.of("a.", Type.A).id(7).build();
    handler("log . {combined}\nlog b. \"x {common} y\"")
        .handle(q, RecordingChain.answering(Rcode.NOERROR, x -> List.of()))
        .toCompletableFuture()
        .join();
    assertThat(log.lines().get(0)).endsWith("s \"0\"").contains("\"A IN a. udp 19 false 512\" NOERROR qr,rd,ra 19 ");
    log.clear();
    handler("log b. \"x {common} y\"")
        .handle(TestQuery.query("b.", Type.A), RecordingChain.answering(Rcode.NOERROR, x -> List.of()))
        .toCompletableFuture()
        .join();
    assertThat(log.lines().get(0)).startsWith("[INFO] x 127.0.0.1:40000 - 4242 ").endsWith("s y");
  }

  @Test
  void localOfAWildcardListenerIsTheDualStackWildcard() {
    assertThat(LogFormat.localOf("dns://:53")).isEqualTo("[::]");
    assertThat(LogFormat.localOf("dns://127.0.0.1:53")).isEqualTo("127.0.0.1");
    assertThat(LogFormat.localOf("dns://[::1]:53")).isEqualTo("[::1]");
  }

  @Test
  void durationIsShortestDecimalSeconds() {
    assertThat(LogFormat.appendSeconds(new StringBuilder(), 1_695_631).toString()).isEqualTo("0.001695631");
    assertThat(LogFormat.appendSeconds(new StringBuilder(), 5_001_234_000L).toString()).isEqualTo("5.001234");
    assertThat(LogFormat.appendSeconds(new StringBuilder(), 1_500_000_000L).toString()).isEqualTo("1.5");
    assertThat(LogFormat.appendSeconds(new StringBuilder(), 2_000_000_000L).toString()).isEqualTo("2");
    assertThat(LogFormat.appendSeconds(new StringBuilder(), 0).toString()).isEqualTo("0");
    assertThat(LogFormat.appendSeconds(new StringBuilder(), 10).toString()).isEqualTo("0.00000001");
  }

  @Test
  void theFirstCoveringRuleDecidesAndNamesOutsideEveryRuleAreNotLogged() throws Exception {
    LogHandler h =
        handler("log example.org. \"org {name}\" {\n  class denial\n}\nlog Example.ORG sub.example.org \"any {name}\"");
    RecordingChain ok = RecordingChain.answering(Rcode.NOERROR, q -> List.of(
        new ARecord(Name.fromConstantString(q.name()), DClass.IN, 5, new byte[] {1, 2, 3, 4})));
    for (String name : List.of("example.org.", "sub.example.org.", "other.", "notexample.org.")) {
      h.handle(TestQuery.query(name, Type.A), ok).toCompletableFuture().join();
    }
    // example.org is claimed by the first rule, which logs only denials.
    assertThat(log.lines()).isEmpty();
    h.handle(TestQuery.query("x.example.org.", Type.A), RecordingChain.answering(Rcode.NXDOMAIN, q -> List.of()))
        .toCompletableFuture().join();
    assertThat(log.lines()).isEmpty();
    h.handle(TestQuery.query("y.example.org.", Type.A), new RecordingChain(q -> {
          Message m = RecordingChain.reply(q, Rcode.NXDOMAIN);
          m.addRecord(soa(), Section.AUTHORITY);
          return Response.completed(m);
        }))
        .toCompletableFuture().join();
    assertThat(log.lines()).containsExactly("[INFO] org y.example.org.");
  }

  @Test
  void classesFilter() throws Exception {
    LogHandler success = handler("log . {name} {\n  class success\n}");
    LogHandler denialOrError = handler("log . {name} {\n  class denial\n  class error\n}");
    LogHandler all = handler("log . {name} {\n  class all success\n}");
    String[] names = {"answer.", "empty.", "nodata.", "nxdomain.", "servfail.", "failed.", "refused."};
    for (LogHandler h : List.of(success, denialOrError, all)) {
      for (String n : names) {
        h.handle(TestQuery.query(n, Type.A), LogHandlerTest::classified).toCompletableFuture().join();
      }
    }
    assertThat(log.lines())
        .containsExactly(
            "[INFO] answer.", "[INFO] empty.",
            "[INFO] nodata.", "[INFO] nxdomain.", "[INFO] servfail.", "[INFO] failed.", "[INFO] refused.",
            "[INFO] answer.", "[INFO] empty.", "[INFO] nodata.", "[INFO] nxdomain.", "[INFO] servfail.",
            "[INFO] failed.", "[INFO] refused.");
  }

  private static java.util.concurrent.CompletionStage<Response> classified(Query q) {
    try {
      Message m;
      switch (q.name()) {
        case "answer." -> {
          m = RecordingChain.reply(q, Rcode.NOERROR);
          m.addRecord(new ARecord(Name.fromString(q.name()), DClass.IN, 5, new byte[] {1, 2, 3, 4}), Section.ANSWER);
        }
        case "empty." -> m = RecordingChain.reply(q, Rcode.NOERROR);
        case "nodata." -> {
          m = RecordingChain.reply(q, Rcode.NOERROR);
          m.addRecord(soa(), Section.AUTHORITY);
        }
        case "nxdomain." -> {
          m = RecordingChain.reply(q, Rcode.NXDOMAIN);
          m.addRecord(soa(), Section.AUTHORITY);
        }
        case "servfail." -> m = RecordingChain.reply(q, Rcode.SERVFAIL);
        case "refused." -> m = RecordingChain.reply(q, Rcode.REFUSED);
        default -> {
          return Response.failed(Rcode.SERVFAIL, new RuntimeException("x"));
        }
      }
      return Response.completed(m);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static SOARecord soa() {
    try {
      return new SOARecord(Name.fromString("org."), DClass.IN, 300, Name.fromString("ns.org."),
          Name.fromString("h.org."), 1, 2, 3, 4, 60);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
