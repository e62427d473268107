package dev.jaydns.plugins.whoami;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jaydns.plugin.Query;
import dev.jaydns.plugin.Response;
import dev.jaydns.plugin.testkit.RecordingChain;
import dev.jaydns.plugin.testkit.TestQuery;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class WhoamiHandlerTest {

  private final WhoamiHandler handler = new WhoamiHandler();
  private final RecordingChain next = RecordingChain.failing(Rcode.SERVFAIL, "must not be called");

  private Message answer(Query q) throws Exception {
    Response r = handler.handle(q, next).toCompletableFuture().getNow(null);
    assertThat(r).isNotNull();
    assertThat(r.isWritten()).isTrue();
    assertThat(next.count()).isZero();
    return new Message(r.wire());
  }

  @ParameterizedTest
  @CsvSource({
    "10.244.0.38, 51834, udp, A",
    "10.244.0.38, 51834, tcp, A",
    "fd00::a, 40001, udp, AAAA",
    "fd00::a, 40001, tcp, AAAA",
  })
  void answersWithTheClientAddressAndPort(String ip, int port, String proto, String type)
      throws Exception {
    TestQuery tq =
        TestQuery.of("Example.ORG.", Type.MX).id(777).from(new InetSocketAddress(ip, port));
    if (proto.equals("tcp")) {
      tq.tcp();
    }
    Message m = answer(tq.build());

    assertThat(m.getHeader().getID()).isEqualTo(777);
    assertThat(m.getHeader().getFlag(Flags.QR)).isTrue();
    assertThat(m.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(m.getHeader().getFlag(Flags.RD)).isTrue();
    assertThat(m.getHeader().getFlag(Flags.RA)).isFalse();
    assertThat(m.getHeader().getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(m.getQuestion().getName().toString()).isEqualTo("Example.ORG.");
    assertThat(m.getQuestion().getType()).isEqualTo(Type.MX);
    assertThat(m.getSection(Section.ANSWER)).isEmpty();
    assertThat(m.getSection(Section.AUTHORITY)).isEmpty();

    List<Record> extra = m.getSection(Section.ADDITIONAL);
    assertThat(extra).hasSize(2);
    Record addr = extra.get(0);
    assertThat(Type.string(addr.getType())).isEqualTo(type);
    // The owner keeps the client's spelling, as CoreDNS's QName().
    assertThat(addr.getName().toString()).isEqualTo("Example.ORG.");
    assertThat(addr.getTTL()).isZero();
    assertThat(addr.getDClass()).isEqualTo(DClass.IN);
    InetAddress got =
        addr instanceof ARecord a ? a.getAddress() : ((AAAARecord) addr).getAddress();
    assertThat(got).isEqualTo(InetAddress.getByName(ip));

    SRVRecord srv = (SRVRecord) extra.get(1);
    assertThat(srv.getName().toString()).isEqualTo("_" + proto + ".Example.ORG.");
    assertThat(srv.getPort()).isEqualTo(port);
    assertThat(srv.getTarget()).isEqualTo(Name.root);
    assertThat(srv.getPriority()).isZero();
    assertThat(srv.getWeight()).isZero();
    assertThat(srv.getTTL()).isZero();
  }

  @Test
  void theRootNameGetsUnderscoreProtoDot() throws Exception {
    Message m = answer(TestQuery.of(".", Type.NS).build());
    assertThat(m.getSection(Section.ADDITIONAL).get(1).getName().toString()).isEqualTo("_udp.");
  }

  @Test
  void recordsCarryTheQueryClass() throws Exception {
    Message m = answer(TestQuery.of("whoami.", Type.TXT).dclass(DClass.CH).build());
    assertThat(m.getSection(Section.ADDITIONAL))
        .allSatisfy(r -> assertThat(r.getDClass()).isEqualTo(DClass.CH));
  }

  @Test
  void copiesRdAndCdButNeverAddsEdns() throws Exception {
    Message m =
        answer(TestQuery.of("a.", Type.A).noRecursion().checkingDisabled().edns(1232).build());
    assertThat(m.getHeader().getFlag(Flags.RD)).isFalse();
    assertThat(m.getHeader().getFlag(Flags.CD)).isTrue();
    // The server mirrors the client's OPT record; the plugin hands back the bare answer.
    assertThat(m.getOPT()).isNull();
  }

  @Test
  void notifyKeepsItsOpcodeWithoutRd() throws Exception {
    Message q = TestQuery.of("a.", Type.SOA).message();
    q.getHeader().setOpcode(Opcode.NOTIFY);
    Query query =
        Query.decode(
            q.toWire(),
            dev.jaydns.plugin.Transport.UDP,
            new InetSocketAddress("127.0.0.1", 5353),
            "dns://127.0.0.1:53");
    Message m = answer(query);
    assertThat(m.getHeader().getOpcode()).isEqualTo(Opcode.NOTIFY);
    assertThat(m.getHeader().getFlag(Flags.RD)).isFalse();
  }

  @Test
  void isExactlyTheUncompressedSizeCoreDnsSends() throws Exception {
    // 12 header + (13+4) question + (13+10+4) A + (5+13+10+7) SRV.
    Query q = TestQuery.query("example.org.", Type.A);
    Response r = handler.handle(q, next).toCompletableFuture().getNow(null);
    assertThat(r.size()).isEqualTo(12 + 17 + 27 + 35);
  }

  @Test
  void aNameTooLongForTheSrvOwnerDropsOnlyTheSrvRecord() throws Exception {
    String label = "a".repeat(63);
    String name = label + "." + label + "." + label + "." + "b".repeat(61) + ".";
    Message m = answer(TestQuery.query(name, Type.A));
    assertThat(m.getSection(Section.ADDITIONAL)).hasSize(1);
    assertThat(m.getSection(Section.ADDITIONAL).get(0)).isInstanceOf(ARecord.class);
  }
}
