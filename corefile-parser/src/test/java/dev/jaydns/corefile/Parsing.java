package dev.jaydns.corefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.Map;

/** Shorthands shared by the parser tests. */
final class Parsing {

  static final Path HERE = Path.of(".").toAbsolutePath().normalize();

  private Parsing() {}

  static Corefile parse(String text) throws CorefileException {
    return parse(Map.of(), text);
  }

  static Corefile parse(Map<String, String> env, String text) throws CorefileException {
    return new CorefileParser(env, 53).parse("Corefile", text, HERE);
  }

  static String tree(String text) throws CorefileException {
    return TreeText.of(parse(text));
  }

  static String tree(Map<String, String> env, String text) throws CorefileException {
    return TreeText.of(parse(env, text));
  }

  /** Parses text that must fail, and checks where. */
  static CorefileException failure(String text, int line, int column) {
    return failure(Map.of(), text, line, column);
  }

  static CorefileException failure(Map<String, String> env, String text, int line, int column) {
    CorefileException e = catchThrowableOfType(CorefileException.class, () -> parse(env, text));
    assertThat(e).as("parse of %s should fail", text).isNotNull();
    assertThat(e.position()).isEqualTo(new Position("Corefile", line, column));
    assertThat(e.getMessage()).startsWith("Corefile:" + line + ":" + column + ": ");
    return e;
  }
}
