package dev.jaydns.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jaydns.plugin.Query;
import dev.jaydns.plugin.Response;
import dev.jaydns.plugin.testkit.RecordingChain;
import dev.jaydns.plugin.testkit.TestQuery;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** How the server fits a plugin's answer to one client's EDNS view (miekg's SizeAndDo, and Jay's stricter rule). */
class ReplyFitterTest {

  private static byte[] answerWithOpt(Query q, int size, boolean dnssecOk) {
    Message m = RecordingChain.reply(q, Rcode.NOERROR);
    m.addRecord(new OPTRecord(size, 0, 0, dnssecOk ? ExtendedFlags.DO : 0), Section.ADDITIONAL);
    return m.toWire();
  }

  @Test
  void anUpstreamOptIsRewrittenToTheClientsSizeAndDoBit() throws Exception {
    Query q = TestQuery.of("example.org.", Type.A).edns(1400).build();
    Message fitted = new Message(ReplyFitter.fit(q, Response.of(answerWithOpt(q, 4096, true))));
    assertThat(fitted.getOPT().getPayloadSize()).isEqualTo(1400);
    assertThat(fitted.getOPT().getFlags() & ExtendedFlags.DO).isZero();
    assertThat(fitted.getOPT().getVersion()).isZero();
  }

  @Test
  void aClientWithoutEdnsGetsNoOpt() throws Exception {
    Query q = TestQuery.of("example.org.", Type.A).build();
    Message fitted = new Message(ReplyFitter.fit(q, Response.of(answerWithOpt(q, 4096, false))));
    assertThat(fitted.getOPT()).isNull();
    assertThat(fitted.getHeader().getCount(Section.ADDITIONAL)).isZero();
  }

  @Test
  void anEdnsClientGetsItsOptMirroredWhenTheAnswerHasNone() throws Exception {
    Query q = TestQuery.of("example.org.", Type.A).dnssecOk().build();
    Message fitted = new Message(ReplyFitter.fit(q, Response.of(RecordingChain.reply(q, Rcode.NOERROR).toWire())));
    assertThat(fitted.getOPT().getPayloadSize()).isEqualTo(1232);
    assertThat(fitted.getOPT().getFlags() & ExtendedFlags.DO).isNotZero();
  }

  @Test
  void theClientsIdIsPutBackAndAFailureBecomesTheErrorReply() throws Exception {
    Query q = TestQuery.of("example.org.", Type.A).id(777).build();
    Message other = RecordingChain.reply(q, Rcode.NOERROR);
    other.getHeader().setID(1);
    assertThat(new Message(ReplyFitter.fit(q, Response.of(other.toWire()))).getHeader().getID()).isEqualTo(777);
    Message failed = new Message(ReplyFitter.fit(q, Response.failure(Rcode.SERVFAIL, null)));
    assertThat(failed.getRcode()).isEqualTo(Rcode.SERVFAIL);
    assertThat(failed.getHeader().getID()).isEqualTo(777);
  }
}
