package dev.jaydns.corefile;

import java.util.List;

/** The lexemes of one text, and the position just past its end (where "unexpected end of file" points). */
record ScannedText(List<Lexeme> lexemes, Position end) {

  ScannedText {
    lexemes = List.copyOf(lexemes);
  }
}
