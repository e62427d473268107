package dev.jaydns.corefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerKeyParserTest {

  private static final Position AT = new Position("Corefile", 3, 1);

  private static List<String> keys(String key) throws CorefileException {
    return keys(key, 53);
  }

  private static List<String> keys(String key, int dnsPort) throws CorefileException {
    return new ServerKeyParser(dnsPort).parse(new Token(key, AT)).stream()
        .map(ServerKey::canonical)
        .toList();
  }

  private static String failure(String key) {
    CorefileException e =
        catchThrowableOfType(CorefileException.class, () -> keys(key));
    assertThat(e).as("key %s should be refused", key).isNotNull();
    assertThat(e.position()).isEqualTo(AT);
    return e.detail();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock = """
      .                              | dns://.:53
      .:53                           | dns://.:53
      example.org                    | dns://example.org.:53
      Example.ORG.:0053              | dns://example.org.:53
      example.org:0                  | dns://example.org.:0
      example.org:+54                | dns://example.org.:54
      dns://example.org              | dns://example.org.:53
      tls://example.org              | tls://example.org.:853
      quic://example.org             | quic://example.org.:853
      grpc://example.org             | grpc://example.org.:443
      https://example.org            | https://example.org.:443
      https3://example.org           | https3://example.org.:443
      https3://example.org:8443      | https3://example.org.:8443
      example.org:abc                | dns://example.org:abc.:53
      a.org,b.org                    | dns://a.org,b.org.:53
      127.0.0.1:53                   | dns://127.0.0.1.:53
      __PILLAR__DNS__DOMAIN__:53     | dns://__pillar__dns__domain__.:53
      10.0.0.0/24                    | dns://0.0.10.in-addr.arpa.:53
      10.0.0.0/8                     | dns://10.in-addr.arpa.:53
      10.1.2.3/32                    | dns://3.2.1.10.in-addr.arpa.:53
      10.1.2.3/24:1053               | dns://2.1.10.in-addr.arpa.:1053
      0.0.0.0/0                      | dns://in-addr.arpa.:53
      10.0.0.0/                      | dns://10.0.0.0/.:53
      010.0.0.0/24                   | dns://010.0.0.0/24.:53
      fd00::/64                      | dns://0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.f.ip6.arpa.:53
      FD00::/8                       | dns://d.f.ip6.arpa.:53
      2001:db8::1/128                | dns://1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.:53
      in-addr.arpa:53                | dns://in-addr.arpa.:53
      a\\.b                          | dns://a\\.b.:53
      """)
  void normalises(String key, String expected) throws Exception {
    assertThat(keys(key)).containsExactly(expected);
  }

  @Test
  void offBoundaryPrefixesAreSplit() throws Exception {
    assertThat(keys("10.0.0.0/23"))
        .containsExactly("dns://0.0.10.in-addr.arpa.:53", "dns://1.0.10.in-addr.arpa.:53");
    assertThat(keys("10.0.0.0/27")).hasSize(32).startsWith("dns://0.0.0.10.in-addr.arpa.:53")
        .endsWith("dns://31.0.0.10.in-addr.arpa.:53");
    assertThat(keys("128.0.0.0/1")).hasSize(128).endsWith("dns://255.in-addr.arpa.:53");
    assertThat(keys("2001:db8::/33"))
        .containsExactly(
            "dns://0.8.b.d.0.1.0.0.2.ip6.arpa.:53",
            "dns://1.8.b.d.0.1.0.0.2.ip6.arpa.:53",
            "dns://2.8.b.d.0.1.0.0.2.ip6.arpa.:53",
            "dns://3.8.b.d.0.1.0.0.2.ip6.arpa.:53",
            "dns://4.8.b.d.0.1.0.0.2.ip6.arpa.:53",
            "dns://5.8.b.d.0.1.0.0.2.ip6.arpa.:53",
            "dns://6.8.b.d.0.1.0.0.2.ip6.arpa.:53",
            "dns://7.8.b.d.0.1.0.0.2.ip6.arpa.:53");
  }

  @Test
  void everyZoneKeepsTheKeyAsWritten() throws Exception {
    List<ServerKey> keys = new ServerKeyParser(53).parse(new Token("10.0.0.0/23:1053", AT));
    assertThat(keys).allSatisfy(k -> {
      assertThat(k.raw()).isEqualTo("10.0.0.0/23:1053");
      assertThat(k.position()).isEqualTo(AT);
      assertThat(k.transport()).isEqualTo("dns");
      assertThat(k.port()).isEqualTo(1053);
    });
  }

  @Test
  void plainDnsUsesTheConfiguredDefaultPort() throws Exception {
    assertThat(keys("example.org", 1053)).containsExactly("dns://example.org.:1053");
    assertThat(keys("tls://example.org", 1053)).containsExactly("tls://example.org.:853");
  }

  @Test
  void refusals() {
    assertThat(failure("example.org:")).isEqualTo("expecting data after last colon: \"example.org:\"");
    assertThat(failure("ex..org")).isEqualTo("zone is not a valid domain name: ex..org");
    assertThat(failure(".example.org")).startsWith("zone is not a valid domain name");
    assertThat(failure("a".repeat(64) + ".org")).startsWith("zone is not a valid domain name");
    assertThat(failure("a.".repeat(128))).isEqualTo("specified zone is too long: 256 > 255");
    assertThat(failure(":53")).contains("no zone");
    assertThat(failure("dns://")).contains("no zone");
    assertThat(failure("unix://example.org")).contains("unix://");
    assertThat(failure("[::1]:53")).contains("not a listen address");
    assertThat(failure("::1/128")).isEqualTo("invalid CIDR ::1/128");
    assertThat(failure("0:0::/64")).isEqualTo("invalid CIDR 0:0::/64");
    assertThat(failure("example.org:65536")).contains("out of range");
    assertThat(failure("example.org:-1")).contains("out of range");
    assertThat(failure("example.org:99999999999999999999")).contains("out of range");
  }

  @Test
  void labelsUpToSixtyThreeOctets() throws Exception {
    assertThat(keys("a".repeat(63) + ".org")).hasSize(1);
  }

  @Test
  void duplicatesInOneBlockAreRefused() throws Exception {
    var e = Parsing.failure("example.org example.ORG. {\n}\n", 1, 13);
    assertThat(e.detail()).isEqualTo("dns://example.org.:53 is already defined at Corefile:1:1");
    Parsing.failure("10.0.0.0/23 10.0.1.0/24 {\n}\n", 1, 13);
    // Across blocks the keys may differ in their bind addresses: the server checks that.
    assertThat(Parsing.parse(Map.of(), "10.0.0.0/23 {\n}\n10.0.1.0/24 {\n}\n").blocks()).hasSize(2);
  }

  @Test
  void differentPortsOrTransportsAreDistinct() throws Exception {
    Corefile corefile = Parsing.parse(Map.of(), ". {\n}\n.:1053 {\n}\ntls://. {\n}\n");
    assertThat(corefile.blocks()).hasSize(3);
  }
}
