package dev.jaydns.corefile;

import static dev.jaydns.corefile.Parsing.failure;
import static dev.jaydns.corefile.Parsing.tree;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvSubstitutionTest {

  private static final Map<String, String> ENV =
      Map.of(
          "A", "alpha",
          "PORT", "1053",
          "INDIRECT", "{$A}",
          "PERCENT_INSIDE", "{%A%}",
          "SPACED", "1.1.1.1 8.8.8.8",
          "BRACE", "{",
          "SELF", "x{$SELF}",
          "DOUBLE", "{$DOUBLE}{$DOUBLE}");

  private final EnvSubstitution env = new EnvSubstitution(ENV);
  private final Position at = new Position("Corefile", 1, 1);

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      textBlock = """
      {$A}                  | alpha
      {%A%}                 | alpha
      localhost:{$PORT}     | localhost:1053
      {$A}-{$A}-{%A%}       | alpha-alpha-alpha
      {$UNSET}              | ''
      x{%UNSET%}y           | xy
      {$INDIRECT}           | alpha
      {%INDIRECT%}          | alpha
      {$PERCENT_INSIDE}     | {%A%}
      {$}                   | {$}
      {%%}                  | {%%}
      {$}{$A}               | {$}{$A}
      {$A                   | {$A
      {%A                   | {%A
      {%A%                  | {%A%
      plain                 | plain
      """)
  void substitutes(String text, String expected) throws Exception {
    assertThat(env.apply(text, at)).isEqualTo(expected);
  }

  @Test
  void selfReferenceIsCapped() {
    assertThat(failure(ENV, ". {\n  log {$SELF}\n}\n", 2, 7).detail())
        .contains("does not end after 100 replacements");
    assertThat(failure(ENV, ". {\n  log {$DOUBLE}\n}\n", 2, 7).detail()).contains("longer than");
  }

  @Test
  void appliesToKeysNamesArgumentsAndNestedBlocks() throws Exception {
    Map<String, String> env =
        Map.of("ZONE", "example.org", "PORT", "1053", "NAME", "forward", "OPT", "force_tcp");
    assertThat(tree(env, "{$ZONE}:{$PORT} {\n  {$NAME} . 1.1.1.1 {\n    {%OPT%} {$ZONE}\n  }\n}\n"))
        .isEqualTo("""
            dns://example.org.:1053
              forward . 1.1.1.1
                force_tcp example.org
            """);
  }

  @Test
  void valuesNeverCreateStructure() throws Exception {
    assertThat(tree(ENV, ". {\n  log {$BRACE} {$SPACED}\n}\n"))
        .isEqualTo("dns://.:53\n  log { \"1.1.1.1 8.8.8.8\"\n");
  }

  @Test
  void keyEndingInCommaAfterSubstitutionAsksForAnother() throws Exception {
    assertThat(tree(Map.of("K", "a.org,"), "{$K}\nb.org {\n}\n"))
        .isEqualTo("dns://a.org.:53 dns://b.org.:53\n");
  }

  @Test
  void quotedTokensAreSubstitutedToo() throws Exception {
    assertThat(tree(ENV, ". {\n  log \"{$A} {$A}\"\n}\n")).isEqualTo("dns://.:53\n  log \"alpha alpha\"\n");
  }
}
