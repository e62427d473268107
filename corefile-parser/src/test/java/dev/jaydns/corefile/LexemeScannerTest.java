package dev.jaydns.corefile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LexemeScannerTest {

  private static final Source SOURCE = new Source("Corefile", Path.of("/"), null);

  /** Lexemes rendered as text: words as written after cooking, braces and newlines as symbols. */
  private static List<String> lex(String text) throws CorefileException {
    return LexemeScanner.scan(text, SOURCE).lexemes().stream()
        .map(l -> switch (l.kind()) {
          case WORD -> "[" + l.text() + "]";
          case LBRACE -> "{";
          case RBRACE -> "}";
          case NEWLINE -> "NL";
          case EOF -> "EOF";
        })
        .toList();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      textBlock = """
      comment mid token      | 1.1.1.1#x y           | [1.1.1.1]
      comment after space    | a # b c               | [a]
      comment starts line    | '#a b'                | ''
      quote only first       | a"b c"                | [a"b] [c"]
      quote ends token       | "ab"cd                | [ab] [cd]
      empty quotes           | "" x                  | [] [x]
      quoted space           | "a b" c               | [a b] [c]
      hash in quotes         | "a#b" c               | [a#b] [c]
      escaped quote          | "a\\"b"               | [a"b]
      other escape kept      | "\\d\\n"              | [\\d\\n]
      double backslash kept  | "\\\\" x              | [\\\\] [x]
      brace inside word      | foo{ }bar {}          | [foo{] [}bar] [{}]
      standalone braces      | { }                   | { }
      brace then comment     | {#x                   | {
      brace then quote       | {"                    | [{"]
      unterminated quote     | x "abc                | [x] [abc]
      lone open quote        | x "                   | [x]
      open quote backslash   | "abc\\                | [abc]
      open quote escape      | "abc\\"               | [abc"]
      backtick literal       | `a` {args[0]}         | [`a`] [{args[0]}]
      """)
  void tokens(String name, String input, String expected) throws Exception {
    assertThat(String.join(" ", lex(input))).isEqualTo(expected);
  }

  @Test
  void crlfAndLoneCarriageReturns() throws Exception {
    assertThat(lex("a b\r\nc\r\n")).containsExactly("[a]", "[b]", "NL", "[c]", "NL");
    assertThat(lex("ab\rcd")).containsExactly("[abcd]");
    assertThat(lex("{\r\n}\r\n")).containsExactly("{", "NL", "}", "NL");
    assertThat(lex("{\r}")).containsExactly("[{}]");
    assertThat(lex("\r\"a\r\"")).containsExactly("[a\r]");
  }

  @Test
  void byteOrderMarkDroppedOnlyAtTheStart() throws Exception {
    assertThat(lex("\uFEFFa \uFEFFb")).containsExactly("[a]", "[\uFEFFb]");
    assertThat(LexemeScanner.scan("\uFEFFa", SOURCE).lexemes().get(0).position().column())
        .isEqualTo(1);
  }

  @Test
  void unicodeWhitespaceSeparates() throws Exception {
    assertThat(lex("a\u00A0b\u2003c\u3000d\u0085e\u000Bf\tg\fh")).containsExactly(
        "[a]", "[b]", "[c]", "[d]", "[e]", "[f]", "[g]", "[h]");
  }

  @Test
  void quotedTokenSpansLinesAndCountsThem() throws Exception {
    List<Lexeme> lexemes = LexemeScanner.scan("\"a\nb\" c\nd", SOURCE).lexemes();
    assertThat(lexemes).extracting(Lexeme::text).containsExactly("a\nb", "c", "\n", "d");
    assertThat(lexemes).extracting(l -> l.position().line()).containsExactly(1, 2, 2, 3);
    assertThat(lexemes.get(1).position().column()).isEqualTo(4);
  }

  @Test
  void positionsAreOneBasedCodePoints() throws Exception {
    List<Lexeme> lexemes = LexemeScanner.scan("x\n  \uD83D\uDE00 ab\t{", SOURCE).lexemes();
    assertThat(lexemes).extracting(Lexeme::position).containsExactly(
        new Position("Corefile", 1, 1),
        new Position("Corefile", 1, 2),
        new Position("Corefile", 2, 3),
        new Position("Corefile", 2, 5),
        new Position("Corefile", 2, 8));
  }

  @Test
  void quotedBracesAndImportAreText() throws Exception {
    List<Lexeme> lexemes = LexemeScanner.scan("\"{\" \"import\"", SOURCE).lexemes();
    assertThat(lexemes).allMatch(l -> l.is(Lexeme.Kind.WORD) && l.quoted());
    assertThat(lexemes.get(1).isKeyword("import")).isFalse();
  }
}
