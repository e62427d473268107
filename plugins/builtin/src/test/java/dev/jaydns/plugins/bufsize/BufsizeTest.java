package dev.jaydns.plugins.bufsize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jaydns.plugin.Query;
import dev.jaydns.plugin.testkit.RecordingChain;
import dev.jaydns.plugin.testkit.TestQuery;
import dev.jaydns.plugins.testing.Snippets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

class BufsizeTest {

  private final RecordingChain next = RecordingChain.answering(Rcode.NOERROR, q -> List.of());

  private Query passed(String corefile, Query q) throws Exception {
    BufsizeHandler h = new BufsizeHandler(BufsizePlugin.parse(Snippets.config("bufsize", corefile)));
    Snippets.run(h, q, next);
    return next.queries().get(next.count() - 1);
  }

  @Test
  void lowersALargerSizeToTheDefault() throws Exception {
    Query down = passed(". {\n bufsize\n}\n", TestQuery.of("example.org.", Type.A).edns(4096).dnssecOk().build());
    assertThat(down.ednsUdpSize()).isEqualTo(1232);
    assertThat(down.dnssecOk()).isTrue();
    assertThat(down.message().getOPT().getPayloadSize()).isEqualTo(1232);
    assertThat(down.maxResponseSize()).isEqualTo(1232);
  }

  @Test
  void neverRaisesAndNeverAddsOpt() throws Exception {
    Query small = TestQuery.of("example.org.", Type.A).edns(600).build();
    assertThat(passed(". {\n bufsize 1000\n}\n", small)).isSameAs(small);
    Query plain = TestQuery.query("example.org.", Type.A);
    Query down = passed(". {\n bufsize 512\n}\n", plain);
    assertThat(down).isSameAs(plain);
    assertThat(down.hasEdns()).isFalse();
  }

  @Test
  void theOriginalQueryIsNotChanged() throws Exception {
    Query q = TestQuery.of("example.org.", Type.A).edns(4096).build();
    passed(". {\n bufsize 512\n}\n", q);
    assertThat(q.ednsUdpSize()).isEqualTo(4096);
    assertThat(next.queries().get(0).ednsUdpSize()).isEqualTo(512);
  }

  @Test
  void setupRejectsOutOfRangeAndExtras() {
    BufsizePlugin p = new BufsizePlugin();
    assertThat(Snippets.error(p, ". {\n bufsize 511\n}\n"))
        .isEqualTo("plugin/bufsize: Corefile:2:10: bufsize must be in [512, 4096], not 511");
    assertThat(Snippets.error(p, ". {\n bufsize 4097\n}\n")).contains("[512, 4096]");
    assertThat(Snippets.error(p, ". {\n bufsize abc\n}\n")).contains("must be an integer");
    assertThat(Snippets.error(p, ". {\n bufsize 1232 2\n}\n")).contains("unexpected argument '2'");
  }
}
