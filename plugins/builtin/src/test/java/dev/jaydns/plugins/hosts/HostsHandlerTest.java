package dev.jaydns.plugins.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jaydns.plugin.BlockSettings;
import dev.jaydns.plugin.Response;
import dev.jaydns.plugin.testkit.RecordingChain;
import dev.jaydns.plugin.testkit.TestQuery;
import dev.jaydns.plugins.testing.Snippets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class HostsHandlerTest {

  @TempDir Path dir;

  private final RecordingChain next = RecordingChain.answering(Rcode.NOERROR, q -> List.of());

  private HostsHandler handler(String corefile) throws Exception {
    HostsConfig c =
        HostsPlugin.parse(Snippets.config("hosts", corefile, new BlockSettings(), dir));
    HostsSource source = new HostsSource(c);
    source.refresh();
    return new HostsHandler(source, c);
  }

  private Response ask(HostsHandler h, String name, int type) {
    return Snippets.run(h, TestQuery.query(name, type), next);
  }

  private static List<String> answers(Response r) {
    return r.message().getSection(Section.ANSWER).stream().map(Record::rdataToString).toList();
  }

  @Test
  void answersAddressesFromTheFileAndInlineLines() throws Exception {
    Files.writeString(
        dir.resolve("hosts"),
        "# comment\n10.0.0.1 one.example.org one # trailing\n10.0.0.2\tone.example.org\n"
            + "fd00::1 one.example.org\nnot-an-ip bad.example.org\n");
    HostsHandler h =
        handler("example.org {\n hosts hosts {\n  10.9.9.9 one.example.org\n  ttl 30\n }\n}\n");

    Response a = ask(h, "one.example.org.", Type.A);
    assertThat(a.rcode()).isEqualTo(Rcode.NOERROR);
    assertThat(a.message().getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(answers(a)).containsExactly("10.0.0.1", "10.0.0.2", "10.9.9.9");
    assertThat(a.message().getSection(Section.ANSWER).get(0).getTTL()).isEqualTo(30);

    Response aaaa = ask(h, "one.example.org.", Type.AAAA);
    assertThat(answers(aaaa)).containsExactly("fd00:0:0:0:0:0:0:1");
    assertThat(next.count()).isZero();
  }

  @Test
  void echoesTheQuestionAsSpelled() throws Exception {
    HostsHandler h = handler("example.org {\n hosts {\n  10.0.0.1 one.example.org\n }\n}\n");
    Message m = ask(h, "One.Example.ORG.", Type.A).message();
    assertThat(m.getQuestion().getName().toString()).isEqualTo("One.Example.ORG.");
    assertThat(m.getSection(Section.ANSWER).get(0).getName().toString())
        .isEqualTo("One.Example.ORG.");
  }

  @Test
  void nodataForAnotherTypeOfAKnownName() throws Exception {
    HostsHandler h = handler("example.org {\n hosts {\n  10.0.0.1 one.example.org\n }\n}\n");
    for (int type : new int[] {Type.AAAA, Type.MX, Type.TXT}) {
      Response r = ask(h, "one.example.org.", type);
      assertThat(r.isWritten()).isTrue();
      assertThat(r.rcode()).isEqualTo(Rcode.NOERROR);
      assertThat(r.message().getSection(Section.ANSWER)).isEmpty();
    }
  }

  @Test
  void unknownNameIsServfailWithoutFallthrough() throws Exception {
    HostsHandler h = handler("example.org {\n hosts {\n  10.0.0.1 one.example.org\n }\n}\n");
    Response r = ask(h, "two.example.org.", Type.A);
    assertThat(r.isWritten()).isFalse();
    assertThat(r.rcode()).isEqualTo(Rcode.SERVFAIL);
    assertThat(next.count()).isZero();
  }

  @Test
  void unknownNameFallsThroughOnlyInTheFallthroughZones() throws Exception {
    HostsHandler h =
        handler(
            ". {\n hosts {\n  10.0.0.1 one.example.org\n  fallthrough example.org\n }\n}\n");
    assertThat(ask(h, "two.example.org.", Type.A).isWritten()).isTrue();
    assertThat(next.count()).isEqualTo(1);
    assertThat(ask(h, "two.example.net.", Type.A).rcode()).isEqualTo(Rcode.SERVFAIL);
    assertThat(next.count()).isEqualTo(1);
  }

  @Test
  void namesOutsideTheZonesAlwaysPassOn() throws Exception {
    HostsHandler h = handler(". {\n hosts hosts example.org {\n  10.0.0.1 one.example.org\n }\n}\n");
    ask(h, "one.example.net.", Type.A);
    assertThat(next.count()).isEqualTo(1);
  }

  @Test
  void ptrFromEntriesInAnyZone() throws Exception {
    HostsHandler h =
        handler(
            "example.org {\n hosts {\n  10.0.0.1 one.example.org uno.example.org\n"
                + "  2001:db8::1 six.example.org\n }\n}\n");
    Response r = ask(h, "1.0.0.10.in-addr.arpa.", Type.PTR);
    assertThat(answers(r)).containsExactly("one.example.org.", "uno.example.org.");
    Response six =
        ask(
            h,
            "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.",
            Type.PTR);
    assertThat(answers(six)).containsExactly("six.example.org.");
    assertThat(next.count()).isZero();
    ask(h, "2.0.0.10.in-addr.arpa.", Type.PTR);
    assertThat(next.count()).isEqualTo(1);
  }

  @Test
  void noReverseMakesNoPtr() throws Exception {
    HostsHandler h =
        handler("example.org {\n hosts {\n  10.0.0.1 one.example.org\n  no_reverse\n }\n}\n");
    ask(h, "1.0.0.10.in-addr.arpa.", Type.PTR);
    assertThat(next.count()).isEqualTo(1);
  }

  @Test
  void aMissingFileLeavesTheInlineEntries() throws Exception {
    HostsHandler h =
        handler("example.org {\n hosts absent.hosts {\n  10.0.0.1 one.example.org\n }\n}\n");
    assertThat(answers(ask(h, "one.example.org.", Type.A))).containsExactly("10.0.0.1");
  }
}
