package dev.jaydns.plugins.dns64;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jaydns.plugin.ConfigException;
import dev.jaydns.plugins.testing.Snippets;
import org.junit.jupiter.api.Test;

class Dns64PluginTest {

  private static Dns64Config parse(String corefile) throws ConfigException {
    return Dns64Plugin.parse(Snippets.config("dns64", corefile));
  }

  private static String error(String corefile) {
    return Snippets.error(new Dns64Plugin(), corefile);
  }

  @Test
  void defaults() throws Exception {
    Dns64Config c = parse(". {\n dns64\n}\n");
    assertThat(c.prefix()).isEqualTo(Pref64.parse("64:ff9b::/96"));
    assertThat(c.prefix().toString()).isEqualTo("64:ff9b::/96");
    assertThat(c.translateAll()).isFalse();
    assertThat(c.allowIpv4()).isFalse();
  }

  @Test
  void prefixOnTheLineOrInTheBlockAndEveryOption() throws Exception {
    assertThat(parse(". {\n dns64 64:1337::/96\n}\n").prefix().toString())
        .isEqualTo("64:1337::/96");
    Dns64Config c =
        parse(". {\n dns64 {\n  prefix 2001:DB8:1::/48\n  translate_all\n  allow_ipv4\n }\n}\n");
    assertThat(c.prefix().toString()).isEqualTo("2001:db8:1::/48");
    assertThat(c.translateAll()).isTrue();
    assertThat(c.allowIpv4()).isTrue();
    // The block is read even with a PREFIX on the directive line (CoreDNS 1.13 skips it).
    Dns64Config both = parse(". {\n dns64 64:1337::/96 {\n  translate_all\n }\n}\n");
    assertThat(both.prefix().toString()).isEqualTo("64:1337::/96");
    assertThat(both.translateAll()).isTrue();
  }

  @Test
  void hostBitsAreClearedAsGoParseCidrDoes() throws Exception {
    assertThat(parse(". {\n dns64 64:ff9b::1:2/96\n}\n").prefix().toString())
        .isEqualTo("64:ff9b::/96");
  }

  @Test
  void rejectsWhatCoreDnsRejectsWithPositions() {
    assertThat(error(". {\n dns64 64:ff9b::/96 extra\n}\n"))
        .isEqualTo("plugin/dns64: Corefile:2:21: unexpected argument 'extra' for 'dns64'");
    assertThat(error(". {\n dns64 nonsense\n}\n"))
        .isEqualTo("plugin/dns64: Corefile:2:8: invalid CIDR address: nonsense");
    assertThat(error(". {\n dns64 64:ff9b::\n}\n")).contains("invalid CIDR address");
    assertThat(error(". {\n dns64 10.0.0.0/8\n}\n"))
        .isEqualTo("plugin/dns64: Corefile:2:8: '10.0.0.0/8' is not an IPv6 prefix");
    assertThat(error(". {\n dns64 64:ff9b::/129\n}\n")).contains("invalid CIDR address");
    assertThat(error(". {\n dns64 64:ff9b::/95\n}\n")).contains("invalid prefix length 95");
    assertThat(error(". {\n dns64 64:ff9b::/24\n}\n")).contains("invalid prefix length 24");
    assertThat(error(". {\n dns64 64::/128\n}\n")).contains("invalid prefix length 128");
    assertThat(error(". {\n dns64 {\n  prefix\n }\n}\n"))
        .isEqualTo("plugin/dns64: Corefile:3:3: missing prefix PREFIX after 'prefix'");
    assertThat(error(". {\n dns64 {\n  translate_all yes\n }\n}\n"))
        .contains("Corefile:3:17: unexpected argument 'yes'");
    assertThat(error(". {\n dns64 {\n  allow_ipv6\n }\n}\n"))
        .isEqualTo(
            "plugin/dns64: Corefile:3:3: unknown property 'allow_ipv6'; did you mean"
                + " 'allow_ipv4'? (known: prefix, translate_all, allow_ipv4)");
  }

  @Test
  void embedsPerRfc6052Lengths() {
    // RFC 6052 section 2.4's table: 192.0.2.33 in 2001:db8::/LENGTH.
    byte[] v4 = {(byte) 192, 0, 2, 33};
    assertThat(text("2001:db8::/32", v4)).isEqualTo("2001:db8:c000:221::");
    assertThat(text("2001:db8:100::/40", v4)).isEqualTo("2001:db8:1c0:2:21::");
    assertThat(text("2001:db8:122::/48", v4)).isEqualTo("2001:db8:122:c000:2:2100::");
    assertThat(text("2001:db8:122:300::/56", v4)).isEqualTo("2001:db8:122:3c0:0:221::");
    assertThat(text("2001:db8:122:344::/64", v4)).isEqualTo("2001:db8:122:344:c0:2:2100:0");
    assertThat(text("2001:db8:122:344::/96", v4)).isEqualTo("2001:db8:122:344::c000:221");
    assertThat(text("64:ff9b::/96", v4)).isEqualTo("64:ff9b::c000:221");
  }

  private static String text(String prefix, byte[] v4) {
    try {
      return dev.jaydns.plugin.net.IpLiteral.format(
          java.net.Inet6Address.getByAddress(null, Pref64.parse(prefix).embed(v4), -1));
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
