package dev.jaydns.corefile;

import static dev.jaydns.corefile.Parsing.failure;
import static dev.jaydns.corefile.Parsing.parse;
import static dev.jaydns.corefile.Parsing.tree;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The parse-level vectors of spec/coredns.md section 8. For the vectors whose error belongs to a
 * plugin (7, 12's setup half, 13 to 16) the test states what the parser hands that plugin.
 */
class SpecVectorsTest {

  /** A Corefile and the tree it parses to. */
  static List<Arguments> trees() {
    return List.of(
        Arguments.of(
            "2: a key line without comma ends the keys; the next line is a directive",
            "a.org, b.org\n  c.org:1053 {\n  whoami\n}\n",
            """
            dns://a.org.:53 dns://b.org.:53
              c.org:1053
                whoami
            """),
        Arguments.of(
            "2: with a comma after b.org there are three keys",
            "a.org, b.org,\n  c.org:1053 {\n  whoami\n}\n",
            """
            dns://a.org.:53 dns://b.org.:53 dns://c.org.:1053
              whoami
            """),
        Arguments.of(
            "3: each key has its own port",
            "example.org example.net:1053 {\n  whoami\n}\n",
            """
            dns://example.org.:53 dns://example.net.:1053
              whoami
            """),
        Arguments.of(
            "4: /23 gives two reverse zones",
            "10.0.0.0/23 {\n  whoami\n}\n",
            """
            dns://0.0.10.in-addr.arpa.:53 dns://1.0.10.in-addr.arpa.:53
              whoami
            """),
        Arguments.of(
            "4: /24 is on a boundary",
            "10.0.0.0/24 {\n  whoami\n}\n",
            """
            dns://0.0.10.in-addr.arpa.:53
              whoami
            """),
        Arguments.of(
            "5: a plain IP is a zone name",
            "127.0.0.1:53 {\n  whoami\n}\n",
            """
            dns://127.0.0.1.:53
              whoami
            """),
        Arguments.of(
            "6: comments end tokens and lines",
            ".:53 {\n  forward . 1.1.1.1#primary\n  cache 10 # comment\n}\n",
            """
            dns://.:53
              forward . 1.1.1.1
              cache 10
            """),
        Arguments.of(
            "8: a snippet defined before use",
            "(common) {\n  errors\n}\n. {\n  import common\n}\n",
            """
            dns://.:53
              errors
            """),
        Arguments.of(
            "9: only \\\" is an escape in quotes",
            ". {\n  log . \"{name} said \\\"hi\\\" \\d\"\n}\n",
            """
            dns://.:53
              log . "{name} said "hi" \\d"
            """),
        Arguments.of(
            "13: the parser passes cache's values on; cache rejects them",
            ". {\n  cache 0\n}\nexample.org {\n  cache {\n    prefetch 5 1m 95%\n  }\n}\n"
                + "example.net {\n  cache { servfail 10m }\n}\n",
            """
            dns://.:53
              cache 0
            dns://example.org.:53
              cache
                prefetch 5 1m 95%
            dns://example.net.:53
              cache
                servfail 10m
            """),
        Arguments.of(
            "14: reload's arguments reach reload",
            ". {\n  reload 10s 0s\n}\n",
            """
            dns://.:53
              reload 10s 0s
            """),
        Arguments.of(
            "15: the parser keeps repeated directives; once-only is the plugins' rule",
            ". {\n  errors\n  errors\n  log\n  log\n}\n",
            """
            dns://.:53
              errors
              errors
              log
              log
            """),
        Arguments.of(
            "16: any directive name parses, in its own case",
            ". {\n  ready\n  Ready\n}\n",
            """
            dns://.:53
              ready
              Ready
            """));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("trees")
  void parsesToTree(String vector, String corefile, String expected) throws Exception {
    assertThat(tree(corefile)).isEqualTo(expected);
  }

  @Test
  void vector1OneLineServerBlockPointsAtTheClosingBrace() {
    assertThat(failure(". { whoami }", 1, 12).detail())
        .isEqualTo("unexpected '}' on the line of directive 'whoami': put '}' on a line of its own");
  }

  @Test
  void vector4SlashTwentySevenGivesThirtyTwoZones() throws Exception {
    List<String> zones =
        parse("10.0.0.0/27 {\n  whoami\n}\n").blocks().get(0).keys().stream()
            .map(ServerKey::zone)
            .toList();
    assertThat(zones)
        .isEqualTo(IntStream.range(0, 32).mapToObj(i -> i + ".0.0.10.in-addr.arpa.").toList());
  }

  @Test
  void vector7UnsetVariableGivesOneEmptyArgument() throws Exception {
    Directive forward = parse(". {\n  forward . {$UP}\n}\n").blocks().get(0).directives().get(0);
    assertThat(forward.argTexts()).containsExactly(".", "");
  }

  @Test
  void vector7ValueWithSpacesStaysOneArgument() throws Exception {
    Map<String, String> env = Map.of("UP", "1.1.1.1 8.8.8.8");
    for (String reference : List.of("{$UP}", "{%UP%}")) {
      Directive forward =
          parse(env, ". {\n  forward . " + reference + "\n}\n").blocks().get(0).directives().get(0);
      assertThat(forward.argTexts()).containsExactly(".", "1.1.1.1 8.8.8.8");
    }
  }

  @Test
  void vector7PlainValue() throws Exception {
    assertThat(tree(Map.of("UP", "1.1.1.1"), ". {\n  forward . {%UP%} {$UP}\n}\n"))
        .isEqualTo("dns://.:53\n  forward . 1.1.1.1 1.1.1.1\n");
  }

  @Test
  void vector8SnippetUsedBeforeItsDefinitionIsAFile() {
    var e = failure(". {\n  import common\n}\n(common) {\n  errors\n}\n", 2, 10);
    assertThat(e.detail()).isEqualTo("File to import not found: common");
  }

  @Test
  void vector10SameZoneAndPortInTwoBlocksIsLeftToTheServer() throws Exception {
    // Whether two blocks collide depends on their bind addresses, known only after plugin setup;
    // the server's GenerationBuilder rejects the collision with both positions.
    assertThat(parse(".:53 {\n  whoami\n}\n.:53 {\n  whoami\n}\n").blocks()).hasSize(2);
  }

  @Test
  void vector11NoServerBlockMeansTheDefault() throws Exception {
    Corefile empty = parse("# nothing here\n");
    assertThat(empty.isEmpty()).isTrue();
    assertThat(tree(CorefileParser.defaultCorefileText(53)))
        .isEqualTo("dns://.:53\n  whoami\n  log\n");
    assertThat(TreeText.of(new CorefileParser(Map.of(), 1053)
            .parse("default", CorefileParser.defaultCorefileText(1053), Parsing.HERE)))
        .isEqualTo("dns://.:1053\n  whoami\n  log\n");
  }

  @Test
  void vector12BlockOpenedOnTheNextLine() {
    var e = failure(". {\n  forward . 1.1.1.1\n  {\n    force_tcp\n  }\n}\n", 3, 3);
    assertThat(e.detail())
        .startsWith("'{' must be on the same line as the directive whose block it opens")
        .contains("line 2", "'forward'");
  }
}
