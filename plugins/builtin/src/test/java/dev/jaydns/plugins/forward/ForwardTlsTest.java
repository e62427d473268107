package dev.jaydns.plugins.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jaydns.plugin.Response;
import dev.jaydns.plugin.testkit.TestQuery;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * DNS over TLS upstreams: the certificate chain and the server name are verified. CoreDNS's own
 * times, since a cold JVM's first TLS handshake can take longer than the fast tests allow.
 */
class ForwardTlsTest {

  @TempDir static Path dir;
  private static DotUpstream dot;

  @BeforeAll
  static void startUpstream() throws Exception {
    assumeTrue(DotUpstream.keytoolAvailable(), "keytool not found: DoT tests skipped");
    dot = new DotUpstream("127.0.0.5", dir);
  }

  @AfterAll
  static void stopUpstream() throws Exception {
    if (dot != null) {
      dot.close();
    }
  }

  private Response ask(String... options) throws Exception {
    String corefile =
        ". {\nforward . tls://127.0.0.5:" + dot.port() + " {\n" + String.join("\n", options) + "\n}\n}\n";
    try (ForwardHarness h = new ForwardHarness(corefile, dir, ForwardTiming.DEFAULT)) {
      return h.ask(TestQuery.query("example.org.", Type.A));
    }
  }

  private static String a(Response r) {
    return ((ARecord) r.message().getSection(Section.ANSWER).get(0)).getAddress().getHostAddress();
  }

  @Test
  void verifiesTheConfiguredServerName() throws Exception {
    assertThat(a(ask("tls " + dot.caPem, "tls_servername dns.example"))).isEqualTo("192.0.2.53");
  }

  @Test
  void perUpstreamServerNameWorksToo() throws Exception {
    String corefile =
        ". {\nforward . tls://127.0.0.5%dns.example:" + dot.port() + " {\ntls " + dot.caPem + "\n}\n}\n";
    try (ForwardHarness h = new ForwardHarness(corefile, dir, ForwardTiming.DEFAULT)) {
      assertThat(a(h.ask(TestQuery.query("example.org.", Type.A)))).isEqualTo("192.0.2.53");
    }
  }

  @Test
  void withoutAServerNameTheIpAddressIsVerified() throws Exception {
    assertThat(a(ask("tls " + dot.caPem))).isEqualTo("192.0.2.53");
  }

  @Test
  void aWrongServerNameFails() throws Exception {
    Response r = ask("tls " + dot.caPem, "tls_servername other.example");
    assertThat(r.isWritten()).isFalse();
    assertThat(r.error()).hasMessageContaining("other.example");
    assertThat(r.rcode()).isEqualTo(Rcode.SERVFAIL);
  }

  @Test
  void anUntrustedCertificateFails() throws Exception {
    Response r = ask("tls_servername dns.example");
    assertThat(r.isWritten()).isFalse();
    assertThat(r.error()).hasMessageContaining("PKIX");
    assertThat(r.rcode()).isEqualTo(Rcode.SERVFAIL);
  }
}
