package dev.jaydns.plugins.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jaydns.plugin.Response;
import dev.jaydns.plugin.testkit.TestQuery;
import java.io.File;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * forward against a real authoritative server: Knot DNS ({@code apt-get install knot}) started on
 * a loopback address with a zone generated here; every answer is compared record by record with
 * the zone, over UDP and over {@code force_tcp}. Skipped when {@code knotd} is not installed.
 */
class ForwardKnotTest {

  private static final String IP = "127.0.0.8";
  private static final String ZONE = "jay.test.";

  @TempDir static Path dir;
  private static Process knot;
  private static int port;
  private static final List<Record> records = new ArrayList<>();

  private static Path knotd() {
    for (String p : (System.getenv("PATH") + ":/usr/sbin:/sbin").split(File.pathSeparator)) {
      Path candidate = Path.of(p, "knotd");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  @BeforeAll
  static void startKnot() throws Exception {
    Path binary = knotd();
    assumeTrue(binary != null, "knotd not installed (apt-get install knot): real-server test skipped");
    port = freePort();
    buildZone();
    Path conf = dir.resolve("knot.conf");
    Files.writeString(
        conf,
        String.join(
            "\n",
            "server:",
            "    listen: " + IP + "@" + port,
            "    rundir: \"" + dir + "\"",
            "database:",
            "    storage: \"" + dir + "\"",
            "control:",
            "    listen: \"" + dir.resolve("knot.sock") + "\"",
            "log:",
            "  - target: stderr",
            "    any: warning",
            "template:",
            "  - id: default",
            "    storage: \"" + dir + "\"",
            "zone:",
            "  - domain: " + ZONE,
            "    file: zone.txt",
            ""));
    knot =
        new ProcessBuilder(binary.toString(), "-c", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("knot.log").toFile())
            .start();
    SimpleResolver probe = new SimpleResolver(InetAddress.getByName(IP));
    probe.setPort(port);
    probe.setTimeout(Duration.ofMillis(200));
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (true) {
      try {
        Message m = probe.send(Message.newQuery(Record.newRecord(Name.fromString(ZONE), Type.SOA, 1)));
        if (m.getRcode() == 0 && !m.getSection(Section.ANSWER).isEmpty()) {
          break;
        }
      } catch (Exception e) {
        // not up yet
      }
      if (System.nanoTime() > until || !knot.isAlive()) {
        throw new IllegalStateException("knotd did not start: " + Files.readString(dir.resolve("knot.log")));
      }
      Thread.sleep(50);
    }
  }

  @AfterAll
  static void stopKnot() throws Exception {
    if (knot != null) {
      knot.destroy();
      if (!knot.waitFor(10, TimeUnit.SECONDS)) {
        knot.destroyForcibly();
      }
    }
  }

  private static int freePort() throws Exception {
    for (int i = 0; i < 50; i++) {
      try (DatagramSocket u = new DatagramSocket(new InetSocketAddress(IP, 0));
          ServerSocket t = new ServerSocket()) {
        t.bind(new InetSocketAddress(IP, u.getLocalPort()));
        return u.getLocalPort();
      } catch (Exception e) {
        // try another
      }
    }
    throw new IllegalStateException("no free port on " + IP);
  }

  private static void buildZone() throws Exception {
    String[] lines = {
      ZONE + " 3600 IN SOA ns1." + ZONE + " hostmaster." + ZONE + " 2024010101 3600 900 604800 300",
      ZONE + " 3600 IN NS ns1." + ZONE,
      "ns1." + ZONE + " 3600 IN A 192.0.2.1",
      "www." + ZONE + " 300 IN A 192.0.2.10",
      "www." + ZONE + " 300 IN A 192.0.2.11",
      "www." + ZONE + " 300 IN AAAA 2001:db8::10",
      "alias." + ZONE + " 300 IN CNAME www." + ZONE,
      ZONE + " 300 IN MX 10 mail." + ZONE,
      "mail." + ZONE + " 300 IN A 192.0.2.25",
      "txt." + ZONE + " 300 IN TXT \"hello from knot\"",
      "_dns._udp." + ZONE + " 300 IN SRV 0 5 53 ns1." + ZONE,
    };
    StringBuilder zone = new StringBuilder();
    for (String l : lines) {
      zone.append(l).append('\n');
    }
    // An RRset far larger than 1232 bytes: over UDP Knot sets TC=1 and Jay must fetch it over TCP.
    for (int i = 0; i < 80; i++) {
      zone.append("big." + ZONE + " 300 IN TXT \"record number " + i + " padded with some text to be long enough\"\n");
    }
    Files.writeString(dir.resolve("zone.txt"), zone.toString());
    try (org.xbill.DNS.Master master = new org.xbill.DNS.Master(dir.resolve("zone.txt").toString(), Name.root)) {
      Record r;
      while ((r = master.nextRecord()) != null) {
        records.add(r);
      }
    }
  }

  private static Set<String> expected(String name, int type) throws Exception {
    Name n = Name.fromString(name);
    return records.stream()
        .filter(r -> r.getName().equals(n) && r.getType() == type)
        .map(Record::toString)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> answers(Response r, int type) {
    return r.message().getSection(Section.ANSWER).stream()
        .filter(x -> x.getType() == type)
        .map(Record::toString)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"udp", "force_tcp", "tcp-client"})
  void answersMatchTheZoneRecordByRecord(String mode) throws Exception {
    String options = mode.equals("force_tcp") ? " {\nforce_tcp\n}" : "";
    try (ForwardHarness h =
        new ForwardHarness(". {\nforward " + ZONE + " " + IP + ":" + port + options + "\n}\n", dir, ForwardTiming.DEFAULT)) {
      Object[][] cases = {
        {ZONE, Type.SOA}, {ZONE, Type.NS}, {ZONE, Type.MX}, {"www." + ZONE, Type.A},
        {"www." + ZONE, Type.AAAA}, {"txt." + ZONE, Type.TXT}, {"_dns._udp." + ZONE, Type.SRV},
        {"big." + ZONE, Type.TXT}, {"ns1." + ZONE, Type.A}
      };
      for (Object[] c : cases) {
        String name = (String) c[0];
        int type = (Integer) c[1];
        TestQuery tq = TestQuery.of(name, type).edns(1232);
        Response r = h.ask(mode.equals("tcp-client") ? tq.tcp().build() : tq.build());
        assertThat(r.isWritten()).as(name + " " + Type.string(type)).isTrue();
        assertThat(r.message().getHeader().getFlag(Flags.TC)).as("whole answer for " + name).isFalse();
        assertThat(answers(r, type)).as(name + " " + Type.string(type)).isEqualTo(expected(name, type));
      }
      Response cname = h.ask(TestQuery.query("alias." + ZONE, Type.A));
      assertThat(answers(cname, Type.CNAME)).isEqualTo(expected("alias." + ZONE, Type.CNAME));
      assertThat(answers(cname, Type.A)).isEqualTo(expected("www." + ZONE, Type.A));
      Response nx = h.ask(TestQuery.query("nope." + ZONE, Type.A));
      assertThat(nx.rcode()).isEqualTo(org.xbill.DNS.Rcode.NXDOMAIN);
      // The negative answer's SOA carries the RFC 2308 TTL (min of TTL and MINIMUM), its data the zone's.
      Record soa = records.stream().filter(r -> r.getType() == Type.SOA).findFirst().orElseThrow();
      assertThat(nx.message().getSection(Section.AUTHORITY))
          .singleElement()
          .satisfies(r -> assertThat(r.rdataToString()).isEqualTo(soa.rdataToString()));
      assertThat(expected("big." + ZONE, Type.TXT)).hasSize(80);
    }
  }
}
