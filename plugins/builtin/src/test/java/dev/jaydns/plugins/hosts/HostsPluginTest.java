package dev.jaydns.plugins.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jaydns.plugin.ConfigException;
import dev.jaydns.plugins.testing.Snippets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostsPluginTest {

  private static HostsConfig parse(String corefile) throws ConfigException {
    return HostsPlugin.parse(Snippets.config("hosts", corefile));
  }

  private static String error(String corefile) {
    return Snippets.error(new HostsPlugin(), corefile);
  }

  @Test
  void defaults() throws Exception {
    HostsConfig c = parse("example.org {\n hosts\n}\n");
    assertThat(c.file()).isEqualTo(Path.of("/etc/hosts"));
    assertThat(c.zones().zones()).containsExactly("example.org.");
    assertThat(c.ttl()).isEqualTo(3600);
    assertThat(c.reload()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.noReverse()).isFalse();
    assertThat(c.fallthrough().enabled()).isFalse();
    assertThat(c.inline()).isEmpty();
  }

  @Test
  void fileZonesAndEveryOption() throws Exception {
    HostsConfig c =
        parse(
            ". {\n hosts my.hosts Example.ORG example.net {\n  10.0.0.1 a.example.org b\n"
                + "  ::1 six.example.org\n  ttl 60\n  no_reverse\n  reload 1m30s\n"
                + "  fallthrough example.org\n }\n}\n");
    assertThat(c.file()).isEqualTo(Path.of("./my.hosts"));
    assertThat(c.zones().zones()).containsExactly("example.org.", "example.net.");
    assertThat(c.inline()).containsExactly("10.0.0.1 a.example.org b", "::1 six.example.org");
    assertThat(c.ttl()).isEqualTo(60);
    assertThat(c.noReverse()).isTrue();
    assertThat(c.reload()).isEqualTo(Duration.ofSeconds(90));
    assertThat(c.fallthrough().through("x.example.org.")).isTrue();
    assertThat(c.fallthrough().through("x.example.net.")).isFalse();
  }

  @Test
  void reloadZeroDisables() throws Exception {
    assertThat(parse(". {\n hosts {\n  reload 0\n }\n}\n").reload()).isZero();
  }

  @Test
  void bareFallthroughCoversEveryName() throws Exception {
    assertThat(parse(". {\n hosts {\n  fallthrough\n }\n}\n").fallthrough().through("a.b."))
        .isTrue();
  }

  @Test
  void rejectsBadValuesWithPositions() {
    assertThat(error(". {\n hosts {\n  ttl 0\n }\n}\n"))
        .isEqualTo("plugin/hosts: Corefile:3:7: ttl seconds must be in [1, 65535], not 0");
    assertThat(error(". {\n hosts {\n  ttl 65536\n }\n}\n")).contains("Corefile:3:7");
    assertThat(error(". {\n hosts {\n  ttl abc\n }\n}\n")).contains("must be an integer");
    assertThat(error(". {\n hosts {\n  ttl\n }\n}\n")).contains("missing ttl seconds");
    assertThat(error(". {\n hosts {\n  reload -1s\n }\n}\n")).contains("at least 0s");
    assertThat(error(". {\n hosts {\n  reload 5\n }\n}\n")).contains("reload");
    assertThat(error(". {\n hosts {\n  no_reverse yes\n }\n}\n"))
        .contains("unexpected argument 'yes'");
  }

  @Test
  void aMisspeltOptionIsNotTakenForAnEntry() {
    assertThat(error(". {\n hosts {\n  fallthrogh\n }\n}\n"))
        .isEqualTo(
            "plugin/hosts: Corefile:3:3: unknown property 'fallthrogh'; did you mean"
                + " 'fallthrough'? (known: ttl, no_reverse, reload, fallthrough)");
  }

  @Test
  void entriesAfterFallthroughAndEntriesWithoutNamesAreRejected() {
    assertThat(error(". {\n hosts {\n  fallthrough\n  10.0.0.1 a\n }\n}\n"))
        .contains("Corefile:4:3: inline entries must come before 'fallthrough'");
    assertThat(error(". {\n hosts {\n  10.0.0.1\n }\n}\n")).contains("names no host");
  }

  @Test
  void onlyOncePerBlock() {
    assertThat(new HostsPlugin().repeatable()).isFalse();
  }

  @Test
  void inlineEntriesOutsideTheZonesAreSkipped() throws Exception {
    HostsConfig c = parse("example.org {\n hosts {\n  10.0.0.1 a.example.org a.example.net\n }\n}\n");
    HostsSource s = new HostsSource(c);
    assertThat(s.ipv4("a.example.org.")).hasSize(1);
    assertThat(s.ipv4("a.example.net.")).isEmpty();
    assertThat(List.of(s.size())).containsExactly(2);
  }

  @Test
  void zonesWrittenAsCidrsBecomeReverseZonesAndPortsAndTransportsAreDropped() throws Exception {
    HostsConfig c =
        parse(". {\n hosts my.hosts Example.org 10.0.0.0/23 dns://example.net:53 fd00::/8\n}\n");
    assertThat(c.zones().zones())
        .containsExactly(
            "example.org.",
            "0.0.10.in-addr.arpa.",
            "1.0.10.in-addr.arpa.",
            "example.net.",
            "d.f.ip6.arpa.");
    assertThat(parse(". {\n hosts my.hosts 192.168.0.0/16\n}\n").zones().match("4.3.168.192.in-addr.arpa."))
        .isEqualTo("168.192.in-addr.arpa.");
  }

  @Test
  void zonesThatAreNotNamesOrUsableCidrsAreRejected() {
    assertThat(error(". {\n hosts my.hosts example..org\n}\n"))
        .isEqualTo("plugin/hosts: Corefile:2:17: zone is not a valid domain name: example..org");
    assertThat(error(". {\n hosts my.hosts ::/64\n}\n"))
        .isEqualTo("plugin/hosts: Corefile:2:17: invalid CIDR ::/64");
    assertThat(error(". {\n hosts my.hosts example.org:\n}\n"))
        .contains("expecting data after last colon");
  }
}
