package dev.jaydns.plugin.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReverseZonesTest {

  @Test
  void octetBoundariesGiveOneZone() {
    assertThat(ReverseZones.ofCidr("10.0.0.0/8")).containsExactly("10.in-addr.arpa.");
    assertThat(ReverseZones.ofCidr("192.168.1.0/24")).containsExactly("1.168.192.in-addr.arpa.");
    assertThat(ReverseZones.ofCidr("192.168.1.77/32"))
        .containsExactly("77.1.168.192.in-addr.arpa.");
    assertThat(ReverseZones.ofCidr("0.0.0.0/0")).containsExactly("in-addr.arpa.");
  }

  @Test
  void hostBitsAreIgnored() {
    assertThat(ReverseZones.ofCidr("10.1.2.3/8")).containsExactly("10.in-addr.arpa.");
    assertThat(ReverseZones.ofCidr("10.0.1.0/23"))
        .containsExactly("0.0.10.in-addr.arpa.", "1.0.10.in-addr.arpa.");
  }

  @Test
  void offBoundaryPrefixesSplitAtTheNextBoundary() {
    assertThat(ReverseZones.ofCidr("10.0.0.0/23"))
        .containsExactly("0.0.10.in-addr.arpa.", "1.0.10.in-addr.arpa.");
    assertThat(ReverseZones.ofCidr("172.16.0.0/12")).hasSize(16).startsWith("16.172.in-addr.arpa.")
        .endsWith("31.172.in-addr.arpa.");
    assertThat(ReverseZones.ofCidr("2001:db8::/32"))
        .containsExactly("8.b.d.0.1.0.0.2.ip6.arpa.");
    assertThat(ReverseZones.ofCidr("2001:db8::/31"))
        .containsExactly("8.b.d.0.1.0.0.2.ip6.arpa.", "9.b.d.0.1.0.0.2.ip6.arpa.");
    assertThat(ReverseZones.ofCidr("fd00::/7")).containsExactly("c.f.ip6.arpa.", "d.f.ip6.arpa.");
    assertThat(ReverseZones.ofCidr("fc00::/7")).containsExactly("c.f.ip6.arpa.", "d.f.ip6.arpa.");
  }

  @Test
  void textThatIsNotACidrGivesNull() {
    assertThat(ReverseZones.ofCidr("example.org")).isNull();
    assertThat(ReverseZones.ofCidr("10.0.0.0")).isNull();
    assertThat(ReverseZones.ofCidr("10.0.0.0/33")).isNull();
    assertThat(ReverseZones.ofCidr("10.0.0.0/x")).isNull();
    assertThat(ReverseZones.ofCidr("010.0.0.0/8")).isNull();
  }
}
