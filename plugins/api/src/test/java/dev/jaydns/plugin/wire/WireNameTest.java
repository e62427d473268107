package dev.jaydns.plugin.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DNSOutput;
import org.xbill.DNS.Name;

class WireNameTest {

  private static String viaBuilder(byte[] b, int off, boolean lowercase) {
    StringBuilder sb = new StringBuilder();
    Wire.appendName(b, off, sb, lowercase);
    return sb.toString();
  }

  private static byte[] wire(Name name) {
    DNSOutput out = new DNSOutput();
    name.toWireCanonical(out);
    return out.toByteArray();
  }

  @Test
  void plainNamesReadAsDnsjavaWritesThem() throws Exception {
    Random random = new Random(7);
    String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_";
    for (int n = 0; n < 2000; n++) {
      StringBuilder text = new StringBuilder();
      int labels = 1 + random.nextInt(6);
      for (int l = 0; l < labels; l++) {
        int len = 1 + random.nextInt(20);
        for (int i = 0; i < len; i++) {
          text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        text.append('.');
      }
      // toWireCanonical lowercases; build the mixed-case bytes from the text itself.
      Name name = Name.fromString(text.toString());
      byte[] b = mixedCaseWire(text.toString());
      assertThat(Wire.name(b, 0, false)).isEqualTo(name.toString()).isEqualTo(text.toString());
      assertThat(Wire.name(b, 0, true)).isEqualTo(text.toString().toLowerCase());
      assertThat(wire(name)).isEqualTo(mixedCaseWire(text.toString().toLowerCase()));
    }
  }

  private static byte[] mixedCaseWire(String text) {
    byte[] b = new byte[text.length() + 1];
    int pos = 0;
    for (String label : text.split("\\.")) {
      b[pos++] = (byte) label.length();
      for (char c : label.toCharArray()) {
        b[pos++] = (byte) c;
      }
    }
    b[pos] = 0;
    return b;
  }

  @Test
  void escapesRootAndPointersMatchTheCharacterAtATimeForm() {
    byte[][] names = {
      {0},
      {3, 'a', '.', 'b', 0},
      {4, 'A', '\\', '"', 'Z', 3, 'o', 'r', 'g', 0},
      {3, ' ', 0x00, (byte) 0xff, 2, '(', ')', 0},
      {5, 'M', ';', '@', '$', 'x', 0},
    };
    for (byte[] b : names) {
      for (boolean lower : new boolean[] {true, false}) {
        assertThat(Wire.name(b, 0, lower)).isEqualTo(viaBuilder(b, 0, lower));
      }
    }
    assertThat(Wire.name(names[0], 0, true)).isEqualTo(".");
    assertThat(Wire.name(names[1], 0, true)).isEqualTo("a\\.b.");
    // "www" then a pointer to "Example.ORG" at offset 0.
    byte[] compressed = {7, 'E', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'O', 'R', 'G', 0,
        3, 'w', 'w', 'w', (byte) 0xc0, 0};
    assertThat(Wire.name(compressed, 13, true)).isEqualTo("www.example.org.");
    assertThat(Wire.name(compressed, 13, false)).isEqualTo("www.Example.ORG.");
  }
}
