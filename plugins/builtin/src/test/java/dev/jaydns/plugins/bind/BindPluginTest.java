package dev.jaydns.plugins.bind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jaydns.plugin.BlockSettings;
import dev.jaydns.plugin.ConfigException;
import dev.jaydns.plugin.PluginInstance;
import dev.jaydns.plugins.testing.TestCorefile;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BindPluginTest {

  /** A host with eth0 (IPv4 + global and link-local IPv6), an empty dummy0, and lo. */
  private static final Interfaces FAKE =
      () -> {
        Map<String, List<InetAddress>> m = new LinkedHashMap<>();
        m.put("eth0", List.of(ip("10.0.0.5"), ip("fd00::5"), ip("fe80::5")));
        m.put("dummy0", List.of());
        m.put("lo", List.of(ip("127.0.0.1"), ip("::1")));
        return m;
      };

  private static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static List<String> listen(String body) throws ConfigException {
    BlockSettings settings = new BlockSettings();
    PluginInstance p =
        new BindPlugin(FAKE)
            .setup(TestCorefile.config("bind", ". {\n" + body + "\n}", settings));
    assertThat(p.handler()).isNull();
    return settings.listenAddresses();
  }

  static Stream<Arguments> valid() {
    return Stream.of(
        Arguments.of("bind 127.0.0.1", List.of("127.0.0.1")),
        Arguments.of("bind 169.254.20.10 10.96.0.10", List.of("169.254.20.10", "10.96.0.10")),
        Arguments.of("bind ::1", List.of("::1")),
        // Literals stay as written, as CoreDNS keeps them.
        Arguments.of("bind FD00:0::A", List.of("FD00:0::A")),
        Arguments.of("bind 127.0.0.1\nbind ::1", List.of("127.0.0.1", "::1")),
        Arguments.of("bind eth0", List.of("10.0.0.5", "fd00::5", "fe80::5%eth0")),
        Arguments.of("bind eth0 {\n  except fd00::5\n}", List.of("10.0.0.5", "fe80::5%eth0")),
        Arguments.of("bind eth0 lo {\n  except lo\n}", List.of("10.0.0.5", "fd00::5", "fe80::5%eth0")),
        Arguments.of("bind 127.0.0.1 127.0.0.2 {\n  except 127.0.0.2\n}", List.of("127.0.0.1")),
        // except applies to its own line only.
        Arguments.of(
            "bind 127.0.0.1 {\n  except 127.0.0.1 ::1\n}\nbind 127.0.0.1", List.of("127.0.0.1")),
        // Duplicates are kept (the server then reports the listener as defined twice).
        Arguments.of("bind 127.0.0.1 127.0.0.1", List.of("127.0.0.1", "127.0.0.1")),
        // except matches text exactly, as CoreDNS does.
        Arguments.of("bind ::1 {\n  except 0::1\n}", List.of("::1")));
  }

  @ParameterizedTest
  @MethodSource("valid")
  void accepts(String body, List<String> expected) throws ConfigException {
    assertThat(listen(body)).containsExactlyElementsOf(expected);
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of("bind", "Corefile:2:1: at least one address or interface name is expected"),
        Arguments.of(
            "bind 127.0.0.1\n  bind",
            "Corefile:3:3: at least one address or interface name is expected"),
        Arguments.of(
            "bind 127.0.0.1 eth9",
            "Corefile:2:16: not a valid IP address or interface name: \"eth9\""),
        Arguments.of(
            "bind fe80::1%eth0",
            "Corefile:2:6: not a valid IP address or interface name: \"fe80::1%eth0\""),
        Arguments.of(
            "bind localhost",
            "Corefile:2:6: not a valid IP address or interface name: \"localhost\""),
        Arguments.of(
            "bind 127.0.0.01",
            "Corefile:2:6: not a valid IP address or interface name: \"127.0.0.01\""),
        Arguments.of(
            "bind 127.0.0.1 {\n  except\n}",
            "Corefile:3:3: at least one address or interface must be given to except subdirective"),
        Arguments.of(
            "bind 127.0.0.1 {\n  except nope\n}",
            "Corefile:3:10: not a valid IP address or interface name: \"nope\""),
        Arguments.of("bind 127.0.0.1 {\n  only ::1\n}", "Corefile:3:3: invalid option \"only\""),
        Arguments.of(
            "bind dummy0",
            "Corefile:2:1: no address left to listen on: the named interfaces have no address, or"
                + " except removed them all"),
        Arguments.of(
            "bind 127.0.0.1 {\n  except 127.0.0.1\n}",
            "Corefile:2:1: no address left to listen on: the named interfaces have no address, or"
                + " except removed them all"));
  }

  @ParameterizedTest
  @MethodSource("invalid")
  void rejects(String body, String message) {
    assertThatThrownBy(() -> listen(body))
        .isInstanceOf(ConfigException.class)
        .hasMessage("plugin/bind: " + message);
  }

  @Test
  void readsTheRealLoopbackInterface() throws ConfigException {
    String lo = Interfaces.system().read().keySet().stream()
        .filter(n -> n.equals("lo") || n.equals("lo0"))
        .findFirst()
        .orElse(null);
    org.junit.jupiter.api.Assumptions.assumeTrue(lo != null, "no loopback interface named lo");
    BlockSettings settings = new BlockSettings();
    new BindPlugin().setup(TestCorefile.config("bind", ". {\nbind " + lo + "\n}", settings));
    assertThat(settings.listenAddresses()).contains("127.0.0.1");
  }
}
