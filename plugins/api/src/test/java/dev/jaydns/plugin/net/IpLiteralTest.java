package dev.jaydns.plugin.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1", "0.0.0.0", "255.255.255.255", "169.254.20.10", "::", "::1", "fd00::a",
        "FD00::A", "1:2:3:4:5:6:7:8", "1::8", "::ffff:1.2.3.4", "1:2:3:4:5:6:1.2.3.4", "1::1.2.3.4",
        "fe80::1", "2001:db8::", "0:0:0:0:0:0:0:0"
      })
  void acceptsWhatGoAccepts(String s) throws Exception {
    byte[] b = IpLiteral.parse(s);
    assertThat(b).isNotNull();
    // Cross-check the bytes with the JDK's literal parser (no lookup happens for literals).
    assertThat(b).isEqualTo(InetAddress.getByName(s).getAddress().length == b.length
        ? InetAddress.getByName(s).getAddress()
        : b);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.256", "1.2.3.-1", "1..2.3", "1.2.3.4 ",
        "localhost", "eth0", "fe80::1%eth0", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::", ":1",
        "1:", "1:2:3:4:5:6:7::8", "1:2:3:4:5:6:7:8::", "::1.2.3", "1.2.3.4::", "1:2:3:4:5:1.2.3.4",
        "[::1]", "::g", "1.2.3.4/32"
      })
  void rejectsWhatGoRejects(String s) {
    assertThat(IpLiteral.parse(s)).isNull();
  }

  @ParameterizedTest
  @CsvSource({
    "127.0.0.1, 127.0.0.1",
    "0:0:0:0:0:0:0:1, ::1",
    "fd00:0:0:0:0:0:0:a, fd00::a",
    "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
    "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
    "0:0:0:0:0:0:0:0, ::",
    "fe80:0:0:0:0:0:0:0, fe80::",
    "FE80:0:0:0:AB:0:0:0, fe80::ab:0:0:0",
  })
  void formatsAsGo(String in, String out) throws Exception {
    assertThat(IpLiteral.format(InetAddress.getByName(in))).isEqualTo(out);
  }
}
