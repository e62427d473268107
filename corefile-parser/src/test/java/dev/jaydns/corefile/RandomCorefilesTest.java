package dev.jaydns.corefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property: whatever the text, parsing returns a Corefile or throws a CorefileException whose
 * message starts with its position; never another exception, never a hang. The inputs are the
 * real Corefiles and the spec's vectors, mutated at random, plus random text. The seed is fixed so
 * a failure replays; the failing input is printed.
 */
class RandomCorefilesTest {

  private static final long SEED = 0x5EED_C0DEL;
  private static final int ROUNDS = 100_000;

  private static final Map<String, String> ENV =
      Map.of(
          "UP", "1.1.1.1 8.8.8.8",
          "ZONE", "example.org",
          "BRACE", "{",
          "COMMA", "a.org,",
          "LOOP", "x{$LOOP}",
          "DOUBLE", "{$DOUBLE}{$DOUBLE}",
          "PCT", "{%PCT%}",
          "IMPORT", "import");

  private static final String[] FRAGMENTS = {
    "{", "}", " { ", " } ", "\"", "#", "{$", "{%", "%}", "{$UP}", "{$LOOP}", "{$DOUBLE}", "{%PCT%}",
    "{$BRACE}", "{$COMMA}", "{$IMPORT}", "{$NOPE}", "\n", "\r", "\r\n", ",", ", ", "\\", "\\\"",
    "import a.conf\n", "import loop.conf\n", "import *.conf\n", "import dir\n", "import snip\n",
    "import\n", "import a b\n", "(snip) {\n  log\n}\n", "(snip) {\n import snip\n}\n",
    "\uFEFF", "\u00A0", "\u2028", "\u0085", "\uD800", "\uDFFF", "\uD83D\uDE00", "\u0000", "\t",
    "10.0.0.0/27", "fd00::/64", "2001:db8::/33", "[::1]:53", ":53", "tls://", "unix://x",
    "example.org:", ".:0053", "a..b", "::1/128", "0:0::/64", "https3://a:99999", " . ", "\"\"",
    "forward . 1.1.1.1 {\n force_tcp\n}\n", "cache { success 1 }", ". { whoami }",
  };

  @TempDir Path dir;

  @Test
  void parseReturnsACorefileOrACorefileException() throws IOException {
    List<String> seeds = seeds();
    writeImportableFiles();
    CorefileParser parser = new CorefileParser(ENV, 53);
    int[] outcomes = new int[2];
    long started = System.nanoTime();
    assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
      Random random = new Random(SEED);
      for (int round = 0; round < ROUNDS; round++) {
        String text = random.nextInt(10) == 0
            ? randomText(random)
            : mutate(seeds.get(random.nextInt(seeds.size())), random);
        try {
          parser.parse("Corefile", text, dir);
          outcomes[0]++;
        } catch (CorefileException e) {
          outcomes[1]++;
          assertThat(e.getMessage()).isNotBlank();
          if (e.position() != null) {
            assertThat(e.getMessage()).startsWith(e.position() + ": ");
            assertThat(e.position().line()).isPositive();
            assertThat(e.position().column()).isPositive();
          }
        } catch (Throwable t) {
          fail("round " + round + ": " + t + " for input " + escape(text), t);
        }
      }
    });
    System.out.printf(
        "random Corefiles: %d parsed, %d refused, in %d ms%n",
        outcomes[0], outcomes[1], (System.nanoTime() - started) / 1_000_000);
    assertThat(outcomes[0]).as("some mutants must still parse").isPositive();
    assertThat(outcomes[1]).as("some mutants must be refused").isPositive();
  }

  private void writeImportableFiles() throws IOException {
    Files.writeString(dir.resolve("a.conf"), "errors\ncache 30\n");
    Files.writeString(dir.resolve("b.conf"), "b.org {\n  whoami\n}\n");
    Files.writeString(dir.resolve("loop.conf"), "log\nimport loop.conf\n");
    Files.writeString(dir.resolve("open.conf"), "x {\n");
    Files.createDirectories(dir.resolve("dir"));
  }

  private static List<String> seeds() throws IOException {
    Path testdata = TreeText.repositoryRoot().resolve("testdata");
    List<String> seeds = new ArrayList<>();
    for (String name : List.of(
        "nodelocaldns.Corefile", "nodelocaldns.Corefile.base", "cilium-node-local-dns.Corefile.base")) {
      seeds.add(Files.readString(testdata.resolve(name)));
    }
    seeds.addAll(List.of(
        ". { whoami }",
        "a.org, b.org\n  c.org:1053 {\n  whoami\n}\n",
        "10.0.0.0/23 {\n  whoami\n}\n",
        ".:53 {\n  forward . 1.1.1.1#primary\n  cache 10 # comment\n}\n",
        ". {\n  forward . {$UP}\n}\n",
        "(common) {\n  errors\n}\n. {\n  import common\n}\n",
        ". {\n  log . \"{name} said \\\"hi\\\" \\d\"\n}\n",
        ". {\n  forward . 1.1.1.1\n  {\n    force_tcp\n  }\n}\n",
        ". {\n  cache { prefetch 5 1m 95% }\n  import a.conf\n}\nimport b.conf\n"));
    return seeds;
  }

  private static String mutate(String seed, Random random) {
    StringBuilder text = new StringBuilder(seed);
    int mutations = 1 + random.nextInt(8);
    for (int m = 0; m < mutations; m++) {
      int at = text.length() == 0 ? 0 : random.nextInt(text.length() + 1);
      switch (random.nextInt(6)) {
        case 0 -> { // delete a short run
          int end = Math.min(text.length(), at + 1 + random.nextInt(12));
          text.delete(at, end);
        }
        case 1, 2 -> text.insert(at, FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
        case 3 -> { // duplicate a run somewhere else
          if (text.length() > 0) {
            int from = random.nextInt(text.length());
            int to = Math.min(text.length(), from + 1 + random.nextInt(40));
            text.insert(at, text.substring(from, to));
          }
        }
        case 4 -> { // replace one character
          if (at < text.length()) {
            text.setCharAt(at, (char) random.nextInt(0x3000));
          }
        }
        default -> { // random bytes, decoded as the parser decodes files
          byte[] bytes = new byte[1 + random.nextInt(8)];
          random.nextBytes(bytes);
          text.insert(at, new String(bytes, StandardCharsets.UTF_8));
        }
      }
    }
    return text.toString();
  }

  private static String randomText(Random random) {
    String alphabet = "ab.:/,{}\"#$%\\ \n\r\t()";
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(120);
    for (int i = 0; i < length; i++) {
      text.append(random.nextInt(20) == 0
          ? FRAGMENTS[random.nextInt(FRAGMENTS.length)]
          : String.valueOf(alphabet.charAt(random.nextInt(alphabet.length()))));
    }
    return text.toString();
  }

  private static String escape(String text) {
    StringBuilder out = new StringBuilder("\"");
    text.chars().forEach(c -> out.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\'
        ? String.valueOf((char) c)
        : String.format("\\u%04x", c)));
    return out.append('"').toString();
  }
}
