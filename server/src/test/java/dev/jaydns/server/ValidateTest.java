package dev.jaydns.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jay validate FILE}: setup without binding, the blocks printed, errors with positions. */
class ValidateTest {

  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private static Run validate(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Validate.run(
            List.of(args),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void theDockerImagesTrainingCorefileIsValid() {
    // The image's class-data archive is only as good as this start: a Corefile Jay rejected would
    // archive the classes of a failed start, and the build step ignores the exit code.
    Run r = validate(TestData.root().resolve("docker/Corefile.train").toString());
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("dns://cluster.local.:1053").contains("forward").contains("health");
  }

  @Test
  void theRenderedNodeLocalCorefileIsValidAndPrintsItsChains() throws Exception {
    Path corefile = TestData.root().resolve("testdata/nodelocaldns.Corefile");
    Run r = validate(corefile.toString());
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("dns://cluster.local.:53")
        .contains("listen: 169.254.20.10 10.96.0.10")
        .contains("chain:  prometheus -> errors -> cache -> loop -> forward")
        .contains(": OK");
  }

  @Test
  void anInvalidCorefileExitsOneWithFileLineAndColumn() throws Exception {
    Path corefile = dir.resolve("Corefile");
    Files.writeString(corefile, ".:53 {\n  cache 0\n}\n");
    Run r = validate(corefile.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains(corefile + ":2:").contains("cache");

    Files.writeString(corefile, ".:53 {\n  whoami\n  }\n}\n");
    Run syntax = validate(corefile.toString());
    assertThat(syntax.code()).isEqualTo(1);
    assertThat(syntax.err()).startsWith(corefile + ":4:1: ");
  }

  @Test
  void aMissingFileIsReported() {
    Run r = validate(dir.resolve("nope").toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("no such file or directory");
  }
}
