package dev.jaydns.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A seeded fuzzer: 100k random and mutated packets over UDP and TCP. Jay must stay up, still
 * answer a valid query afterwards, and never answer a packet with QR=1.
 */
class PacketFuzzTest {

  private static final long SEED = 0x5eed_ca11L;

  @Test
  void survivesRandomAndMutatedPackets() throws Exception {
    try (RunningJay jay = RunningJay.start(".:0 {\n  testanswer\n}\n")) {
      int port = jay.port();
      Random random = new Random(SEED);
      List<byte[]> seeds = seeds();
      try (DatagramSocket sender = new DatagramSocket(new InetSocketAddress(DnsClient.LOOPBACK, 0));
          DatagramSocket responses = new DatagramSocket(new InetSocketAddress(DnsClient.LOOPBACK, 0))) {
        for (int i = 0; i < 80_000; i++) {
          byte[] p = packet(random, seeds);
          boolean isResponse = p.length >= 12 && (p[2] & 0x80) != 0;
          DatagramSocket via = isResponse ? responses : sender;
          via.send(new DatagramPacket(p, p.length, DnsClient.LOOPBACK, port));
          if ((i & 1023) == 0) {
            Thread.sleep(1);
          }
        }
        responses.setSoTimeout(1500);
        byte[] buf = new byte[65535];
        boolean answered;
        try {
          responses.receive(new DatagramPacket(buf, buf.length));
          answered = true;
        } catch (SocketTimeoutException e) {
          answered = false;
        }
        assertThat(answered).as("a packet with QR=1 was answered").isFalse();
      }
      for (int c = 0; c < 20; c++) {
        try (Socket s = new Socket(DnsClient.LOOPBACK, port)) {
          DataOutputStream out = new DataOutputStream(s.getOutputStream());
          for (int i = 0; i < 1000; i++) {
            byte[] p = packet(random, seeds);
            // Mostly honest lengths, sometimes a lie: Jay must neither hang the listener nor die.
            int len = random.nextInt(50) == 0 ? random.nextInt(65536) : p.length;
            out.writeShort(len);
            out.write(p);
          }
          out.flush();
        } catch (java.io.IOException e) {
          // Jay may close a connection that sent garbage; that is allowed.
        }
      }
      Message q = Message.newQuery(Record.newRecord(Name.fromString("still.alive."), Type.A, DClass.IN));
      assertThat(DnsClient.udp(port, q).getRcode()).isEqualTo(Rcode.NOERROR);
      assertThat(DnsClient.tcp(port, q).getRcode()).isEqualTo(Rcode.NOERROR);
      // Malformed input is the client's problem (FORMERR or silence), never a handler panic.
      assertThat(jay.jay.registry().find("coredns.panics").counter().count()).isZero();
    }
  }

  private static List<byte[]> seeds() throws Exception {
    List<byte[]> seeds = new ArrayList<>();
    for (int type : new int[] {Type.A, Type.AAAA, Type.TXT, Type.DS, Type.ANY}) {
      Message m = Message.newQuery(Record.newRecord(Name.fromString("a.b.example.org."), type, DClass.IN));
      seeds.add(m.toWire());
      m.addRecord(new OPTRecord(1232, 0, 0, org.xbill.DNS.ExtendedFlags.DO), Section.ADDITIONAL);
      seeds.add(m.toWire());
    }
    Message response = Message.newQuery(Record.newRecord(Name.fromString("r.example."), Type.A, DClass.IN));
    response.getHeader().setFlag(Flags.QR);
    seeds.add(response.toWire());
    return seeds;
  }

  private static byte[] packet(Random random, List<byte[]> seeds) {
    if (random.nextInt(4) == 0) {
      byte[] p = new byte[random.nextInt(600)];
      random.nextBytes(p);
      return p;
    }
    byte[] p = seeds.get(random.nextInt(seeds.size())).clone();
    int mutations = 1 + random.nextInt(4);
    for (int m = 0; m < mutations && p.length > 0; m++) {
      switch (random.nextInt(4)) {
        case 0 -> p[random.nextInt(p.length)] = (byte) random.nextInt(256);
        case 1 -> p = java.util.Arrays.copyOf(p, random.nextInt(p.length + 1));
        case 2 -> {
          byte[] longer = java.util.Arrays.copyOf(p, p.length + random.nextInt(40));
          for (int i = p.length; i < longer.length; i++) {
            longer[i] = (byte) random.nextInt(256);
          }
          p = longer;
        }
        default -> {
          // Point a label at itself or forward: compression loops.
          if (p.length > 14) {
            int at = 12 + random.nextInt(p.length - 13);
            p[at] = (byte) 0xc0;
            p[at + 1] = (byte) random.nextInt(p.length);
          }
        }
      }
    }
    return p;
  }
}
