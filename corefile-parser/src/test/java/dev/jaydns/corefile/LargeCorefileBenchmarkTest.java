package dev.jaydns.corefile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parses a generated 10,000-line Corefile and prints how long it took. A benchmark, not a limit. */
class LargeCorefileBenchmarkTest {

  private static final int BLOCKS = 1_000;

  private static String generate() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < BLOCKS; i++) {
      text.append("zone").append(i).append(".example:53 {\n")
          .append("  errors\n")
          .append("  cache {\n")
          .append("    success 9984 30\n")
          .append("    denial 9984 5 # negative answers\n")
          .append("  }\n")
          .append("  forward . 10.0.").append(i / 256).append('.').append(i % 256).append(" {\n")
          .append("    force_tcp\n")
          .append("  }\n")
          .append("}\n");
    }
    return text.toString();
  }

  @Test
  void tenThousandLines() throws Exception {
    String text = generate();
    assertThat(text.lines().count()).isEqualTo(10L * BLOCKS);
    CorefileParser parser = new CorefileParser(Map.of(), 53);
    long best = Long.MAX_VALUE;
    long first = 0;
    Corefile corefile = null;
    for (int run = 0; run < 5; run++) {
      long started = System.nanoTime();
      corefile = parser.parse("Corefile", text, Parsing.HERE);
      long micros = (System.nanoTime() - started) / 1_000;
      first = run == 0 ? micros : first;
      best = Math.min(best, micros);
    }
    System.out.printf(
        "10,000-line Corefile (%d blocks): first parse %.1f ms, best of 5 %.1f ms%n",
        BLOCKS, first / 1000.0, best / 1000.0);
    assertThat(corefile.blocks()).hasSize(BLOCKS);
    assertThat(corefile.blocks().get(BLOCKS - 1).directives("forward").get(0).argTexts())
        .containsExactly(".", "10.0.3.231");
  }
}
