package dev.jaydns.corefile;

import static dev.jaydns.corefile.Parsing.failure;
import static dev.jaydns.corefile.Parsing.parse;
import static dev.jaydns.corefile.Parsing.tree;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StructureTest {

  @Test
  void contentOnTheBraceLinesOfANestedBlock() throws Exception {
    assertThat(tree(". {\n  forward . 10.0.0.10 { force_tcp }\n  cache { success 9984 30\n"
            + "    denial 9984 5 }\n}\n"))
        .isEqualTo("""
            dns://.:53
              forward . 10.0.0.10
                force_tcp
              cache
                success 9984 30
                denial 9984 5
            """);
  }

  @Test
  void blocksNestToAnyDepth() throws Exception {
    assertThat(tree(". {\n  a 1 {\n    b 2 {\n      c { d }\n    }\n    e\n  }\n}\n"))
        .isEqualTo("""
            dns://.:53
              a 1
                b 2
                  c
                    d
                e
            """);
  }

  @Test
  void emptyBlocks() throws Exception {
    assertThat(tree(". { }\nexample.org {\n  cache {}\n  log { }\n}\n"))
        .isEqualTo("dns://.:53\ndns://example.org.:53\n  cache {}\n  log\n");
  }

  @Test
  void openingBraceOnTheLineAfterTheKeys() throws Exception {
    assertThat(tree("example.org\n\n# comment\n{\n  whoami\n}\n"))
        .isEqualTo("dns://example.org.:53\n  whoami\n");
  }

  @Test
  void directiveOnTheServerBlockBraceLine() throws Exception {
    assertThat(tree(". { whoami\n  log\n}\n")).isEqualTo("dns://.:53\n  whoami\n  log\n");
  }

  @Test
  void nextBlockMayStartOnTheClosingLine() throws Exception {
    assertThat(tree("a.org {\n  whoami\n} b.org {\n  log\n}\n"))
        .isEqualTo("dns://a.org.:53\n  whoami\ndns://b.org.:53\n  log\n");
  }

  @Test
  void bracelessBlockRunsToTheEndOfTheFile() throws Exception {
    assertThat(tree("example.org\nwhoami\nforward . 1.1.1.1 {\n  force_tcp\n}\nlog\n"))
        .isEqualTo("""
            dns://example.org.:53
              whoami
              forward . 1.1.1.1
                force_tcp
              log
            """);
  }

  @Test
  void keysOnlyGiveABlockWithoutDirectives() throws Exception {
    Corefile corefile = parse("example.org:1053 example.net\n");
    assertThat(TreeText.of(corefile)).isEqualTo("dns://example.org.:1053 dns://example.net.:53\n");
    assertThat(corefile.blocks().get(0).position()).isEqualTo(new Position("Corefile", 1, 1));
  }

  @Test
  void keysContinueAfterATrailingComma() throws Exception {
    assertThat(tree("a.org,\n\n  b.org , c.org {\n}\n"))
        .isEqualTo("dns://a.org.:53 dns://b.org.:53 dns://c.org.:53\n");
    assertThat(tree("a.org,b.org {\n}\n")).isEqualTo("dns://a.org,b.org.:53\n");
  }

  @Test
  void emptyKeysAreSkipped() throws Exception {
    assertThat(tree("\"\" a.org {$NOPE} {\n}\n")).isEqualTo("dns://a.org.:53\n");
  }

  @Test
  void positionsOfDirectivesAndArguments() throws Exception {
    Directive forward = parse(". {\n  forward . 1.1.1.1 {\n    force_tcp\n  }\n}\n")
        .blocks().get(0).directives().get(0);
    assertThat(forward.position()).isEqualTo(new Position("Corefile", 2, 3));
    assertThat(forward.args()).extracting(Token::position).containsExactly(
        new Position("Corefile", 2, 11), new Position("Corefile", 2, 13));
    assertThat(forward.block().get(0).position()).isEqualTo(new Position("Corefile", 3, 5));
  }

  @Test
  void quotedBracesAreArguments() throws Exception {
    assertThat(tree(". {\n  template \"{\" \"}\"\n}\n"))
        .isEqualTo("dns://.:53\n  template { }\n");
  }

  @Test
  void unclosedServerBlockPointsAtItsBrace() {
    assertThat(failure("a.org {\n  whoami\n", 1, 7).detail())
        .isEqualTo("'{' opened here is never closed");
  }

  @Test
  void unclosedNestedBlockPointsAtItsBrace() {
    // CoreDNS accepts this when the nested '}' is the last token; Jay does not.
    assertThat(failure(". {\n  cache {\n  }\n", 1, 3).detail())
        .isEqualTo("'{' opened here is never closed");
    failure(". {\n  cache {\n    success 1\n}\n", 1, 3);
    failure(". {\n  a {\n    b {\n", 3, 7);
  }

  @Test
  void strayClosingBraces() {
    assertThat(failure("a.org {\n}\n\n}\n", 4, 1).getMessage())
        .isEqualTo("Corefile:4:1: unexpected '}' (no '{' is open)");
    failure("}", 1, 1);
    failure("a.org }", 1, 7);
    failure("a.org\nwhoami\n}\n", 3, 1);
    failure("a.org\nwhoami }\n", 2, 8);
  }

  @Test
  void closingBraceAfterANestedBlockOnTheSameLine() {
    assertThat(failure(". {\n  cache {\n  } }\n", 3, 5).detail()).contains("'cache'");
  }

  @Test
  void textAfterTheBraceClosingANestedBlock() {
    assertThat(failure(". {\n  cache { success 1 } 30\n}\n", 2, 23).detail())
        .isEqualTo("unexpected '30' after the '}' that closes the block of 'cache': start a new line");
    failure(". {\n  a { b { c } d }\n}\n", 2, 15);
  }

  @Test
  void openingBraceWithoutAnything() {
    assertThat(failure("{\n  whoami\n}\n", 1, 1).detail())
        .isEqualTo("'{' without a server address before it");
    failure(". {\n  {\n  }\n}\n", 2, 3);
    failure(". {\n  a { { b } }\n}\n", 2, 7);
  }

  @Test
  void everyKeyEmpty() {
    assertThat(failure("\"\" {\n}\n", 1, 1).detail()).contains("no address");
  }

  @Test
  void commaThenBraceOrEnd() {
    assertThat(failure("a.org, {\n}\n", 1, 8).detail())
        .isEqualTo("Expected another address but had '{' - check for extra comma");
    assertThat(failure("a.org,\n", 1, 1).detail()).contains("file ended");
  }

  @Test
  void nestingIsBounded() {
    StringBuilder deep = new StringBuilder(". {\n");
    for (int i = 0; i < 150; i++) {
      deep.append("a {\n");
    }
    var e = failure(deep.toString(), 101, 3);
    assertThat(e.detail()).contains("nested more than 100 deep");
  }

  @Test
  void directiveNameEmptyAfterSubstitution() {
    assertThat(failure(". {\n  {$NOPE} x\n}\n", 2, 3).detail()).contains("empty");
  }
}
