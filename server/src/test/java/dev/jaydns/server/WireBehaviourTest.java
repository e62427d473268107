package dev.jaydns.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.epoll.Epoll;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.GenericEDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The server's own answers to unusual packets (spec §5.3, vectors 24–26), over real UDP. */
class WireBehaviourTest {

  private static RunningJay jay;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    jay =
        RunningJay.start(
            """
            example.org:0 {
              testanswer 192.0.2.10
            }
            org:0 {
              testanswer 192.0.2.20
            }
            big.test:0 {
              testanswer 192.0.2.30 60
            }
            boom.test:0 {
              testboom
              testanswer
            }
            empty.test:0 {
            }
            """);
    port = jay.port();
  }

  @AfterAll
  static void stop() throws Exception {
    jay.close();
  }

  private static Message query(String name, int type) throws Exception {
    return Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
  }

  private static byte[] send(byte[] packet) throws Exception {
    return DnsClient.udp(port, packet, 700);
  }

  @Test
  void routesToTheLongestZone() throws Exception {
    Message r = DnsClient.udp(port, query("b.example.org.", Type.A));
    assertThat(r.getSection(Section.ANSWER).get(0).rdataToString()).isEqualTo("192.0.2.10");
    Message s = DnsClient.udp(port, query("www.other.org.", Type.A));
    assertThat(s.getSection(Section.ANSWER).get(0).rdataToString()).isEqualTo("192.0.2.20");
  }

  @Test
  void dsGoesToTheParentZone() throws Exception {
    Message r = DnsClient.udp(port, query("example.org.", Type.DS));
    assertThat(r.getSection(Section.ANSWER).get(0).rdataToString()).isEqualTo("192.0.2.20");
  }

  @Test
  void nameOutsideEveryZoneIsRefused() throws Exception {
    Message r = DnsClient.udp(port, query("example.net.", Type.A));
    assertThat(r.getRcode()).isEqualTo(Rcode.REFUSED);
    assertThat(r.getQuestion().getName().toString()).isEqualTo("example.net.");
    assertThat(r.getHeader().getFlag(Flags.QR)).isTrue();
  }

  @Test
  void blockWithoutPluginsIsRefused() throws Exception {
    assertThat(DnsClient.udp(port, query("a.empty.test.", Type.A)).getRcode())
        .isEqualTo(Rcode.REFUSED);
  }

  @Test
  void chaosClassIsRefusedWithoutForward() throws Exception {
    Message q = Message.newQuery(Record.newRecord(Name.fromString("example.org."), Type.TXT, DClass.CH));
    assertThat(DnsClient.udp(port, q).getRcode()).isEqualTo(Rcode.REFUSED);
  }

  @Test
  void twoQuestionsGetFormerrWithoutQuestion() throws Exception {
    Message q = query("example.org.", Type.A);
    q.addRecord(Record.newRecord(Name.fromString("example.com."), Type.A, DClass.IN), Section.QUESTION);
    Message r = new Message(send(q.toWire()));
    assertThat(r.getRcode()).isEqualTo(Rcode.FORMERR);
    assertThat(r.getHeader().getCount(Section.QUESTION)).isZero();
    assertThat(r.getHeader().getFlag(Flags.QR)).isTrue();
  }

  @Test
  void updateOpcodeGetsNotimpWithItsOpcode() throws Exception {
    Message q = query("example.org.", Type.A);
    q.getHeader().setOpcode(Opcode.UPDATE);
    Message r = new Message(send(q.toWire()));
    assertThat(r.getRcode()).isEqualTo(Rcode.NOTIMP);
    assertThat(r.getHeader().getOpcode()).isEqualTo(Opcode.UPDATE);
  }

  @Test
  void ednsVersionOneGetsBadvers() throws Exception {
    Message q = query("example.org.", Type.A);
    q.addRecord(new OPTRecord(1232, 0, 1), Section.ADDITIONAL);
    Message r = new Message(send(q.toWire()));
    assertThat(r.getRcode()).isEqualTo(Rcode.BADVERS);
    assertThat(r.getQuestion().getName().toString()).isEqualTo("example.org.");
  }

  @Test
  void responsesAndRuntsGetNoReply() throws Exception {
    Message q = query("example.org.", Type.A);
    q.getHeader().setFlag(Flags.QR);
    assertThat(send(q.toWire())).isNull();
    assertThat(send(new byte[] {1, 2, 3})).isNull();
    assertThat(send(new byte[0])).isNull();
  }

  @Test
  void truncatedBodyGetsFormerr() throws Exception {
    byte[] wire = query("example.org.", Type.A).toWire();
    byte[] cut = Arrays.copyOf(wire, wire.length - 3);
    Message r = new Message(send(cut));
    assertThat(r.getRcode()).isEqualTo(Rcode.FORMERR);
  }

  @Test
  void udpQueriesAreReadWholeUpToASlotAndCutBeyond() throws Exception {
    Message fits = padded(UdpListener.SLOT);
    Message r = new Message(send(fits.toWire()));
    assertThat(r.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(r.getSection(Section.ANSWER).get(0).rdataToString()).isEqualTo("192.0.2.10");

    // With epoll a datagram is read into a slot of a batch: one byte more is cut, so the OPT
    // record runs past the end and the query is malformed. NIO reads any datagram whole.
    assumeTrue(Epoll.isAvailable(), "epoll transport not available");
    Message r2 = new Message(send(padded(UdpListener.SLOT + 1).toWire()));
    assertThat(r2.getRcode()).isEqualTo(Rcode.FORMERR);
    assertThat(r2.getQuestion().getName()).isEqualTo(Name.fromString("a.example.org."));
  }

  /** An EDNS query for a.example.org A, padded (RFC 7830) to exactly {@code length} bytes. */
  private static Message padded(int length) throws Exception {
    Message q = query("a.example.org.", Type.A);
    int bare = q.toWire().length + 11 + 4; // OPT RR without options, then one option header
    q.addRecord(
        new OPTRecord(1232, 0, 0, 0, List.of(new GenericEDNSOption(12, new byte[length - bare]))),
        Section.ADDITIONAL);
    assertThat(q.toWire()).hasSize(length);
    return q;
  }

  @Test
  void optIsEchoedOnlyToEdnsClients() throws Exception {
    Message plain = DnsClient.udp(port, query("example.org.", Type.A));
    assertThat(plain.getOPT()).isNull();
    Message q = query("example.org.", Type.A);
    q.addRecord(new OPTRecord(1400, 0, 0, ExtendedFlags.DO), Section.ADDITIONAL);
    Message r = DnsClient.udp(port, q);
    assertThat(r.getOPT()).isNotNull();
    assertThat(r.getOPT().getPayloadSize()).isEqualTo(1400);
    assertThat(r.getOPT().getFlags() & ExtendedFlags.DO).isNotZero();
  }

  @Test
  void udpAnswersAreCutToTheClientsSizeWithTc() throws Exception {
    Message r = DnsClient.udp(port, query("x.big.test.", Type.A));
    byte[] wire = send(query("x.big.test.", Type.A).toWire());
    assertThat(wire.length).isLessThanOrEqualTo(512);
    assertThat(r.getHeader().getFlag(Flags.TC)).isTrue();
    assertThat(r.getSection(Section.ANSWER)).isEmpty();

    Message edns = query("x.big.test.", Type.A);
    edns.addRecord(new OPTRecord(4096, 0, 0), Section.ADDITIONAL);
    Message full = DnsClient.udp(port, edns);
    assertThat(full.getHeader().getFlag(Flags.TC)).isFalse();
    assertThat(full.getSection(Section.ANSWER)).hasSize(60);

    Message tcp = DnsClient.tcp(port, query("x.big.test.", Type.A));
    assertThat(tcp.getHeader().getFlag(Flags.TC)).isFalse();
    assertThat(tcp.getSection(Section.ANSWER)).hasSize(60);
  }

  @Test
  void aThrowingPluginGivesServfailAndTheListenerKeepsServing() throws Exception {
    Message r = DnsClient.udp(port, query("boom.test.", Type.A));
    assertThat(r.getRcode()).isEqualTo(Rcode.SERVFAIL);
    assertThat(r.getHeader().getFlag(Flags.RA)).isFalse();
    assertThat(DnsClient.udp(port, query("ok.boom.test.", Type.A)).getRcode())
        .isEqualTo(Rcode.NOERROR);
    assertThat(jay.jay.registry().find("coredns.panics").counter().count()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void aPluginWhoseFutureHasAlreadyFailedGivesServfail() throws Exception {
    double panics = jay.jay.registry().find("coredns.panics").counter().count();
    Message r = DnsClient.udp(port, query("failed.boom.test.", Type.A));
    assertThat(r.getRcode()).isEqualTo(Rcode.SERVFAIL);
    assertThat(DnsClient.tcp(port, query("failed.boom.test.", Type.AAAA)).getRcode())
        .isEqualTo(Rcode.SERVFAIL);
    assertThat(jay.jay.registry().find("coredns.panics").counter().count()).isEqualTo(panics + 2);
  }
}
