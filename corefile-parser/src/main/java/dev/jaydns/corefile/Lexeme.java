package dev.jaydns.corefile;

/**
 * One token of the Corefile as the lexer produced it, before environment substitution. Newlines
 * are tokens too: the structure of a Corefile is line based.
 *
 * @param quoted whether the text was written in quotes; a quoted {@code "{"} or {@code "import"} is
 *     plain text, never structure
 */
record Lexeme(Kind kind, String text, boolean quoted, Position position, Source source) {

  enum Kind {
    WORD,
    LBRACE,
    RBRACE,
    NEWLINE,
    EOF
  }

  boolean is(Kind expected) {
    return kind == expected;
  }

  boolean isKeyword(String word) {
    return kind == Kind.WORD && !quoted && text.equals(word);
  }
}
