package dev.jaydns.corefile;

import dev.jaydns.corefile.Lexeme.Kind;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;

/**
 * Runs the ANTLR lexer generated from {@code Corefile.g4} and cooks its tokens into lexemes: quotes
 * and escapes removed, carriage returns dropped, positions attached.
 */
final class LexemeScanner {

  private static final char BYTE_ORDER_MARK = '\uFEFF';

  private LexemeScanner() {}

  static ScannedText scan(String text, Source source) throws CorefileException {
    String input = !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
    var lexer = new dev.jaydns.corefile.syntax.Corefile(CharStreams.fromString(input, source.name()));
    lexer.removeErrorListeners();
    lexer.addErrorListener(new FailFast(source));
    List<Lexeme> lexemes = new ArrayList<>();
    try {
      for (Token token = lexer.nextToken(); ; token = lexer.nextToken()) {
        Position position =
            new Position(source.name(), token.getLine(), token.getCharPositionInLine() + 1);
        if (token.getType() == Token.EOF) {
          return new ScannedText(lexemes, position);
        }
        Lexeme lexeme = cook(token, position, source);
        if (lexeme != null) {
          lexemes.add(lexeme);
        }
      }
    } catch (LexerFailure failure) {
      throw failure.exception;
    }
  }

  private static Lexeme cook(Token token, Position position, Source source) {
    String raw = token.getText();
    return switch (token.getType()) {
      case dev.jaydns.corefile.syntax.Corefile.LBRACE ->
          new Lexeme(Kind.LBRACE, "{", false, position, source);
      case dev.jaydns.corefile.syntax.Corefile.RBRACE ->
          new Lexeme(Kind.RBRACE, "}", false, position, source);
      case dev.jaydns.corefile.syntax.Corefile.NEWLINE ->
          new Lexeme(Kind.NEWLINE, "\n", false, position, source);
      case dev.jaydns.corefile.syntax.Corefile.WORD ->
          new Lexeme(Kind.WORD, raw.replace("\r", ""), false, position, source);
      case dev.jaydns.corefile.syntax.Corefile.QUOTED ->
          new Lexeme(Kind.WORD, unquote(raw, 1, raw.length() - 1), true, position, source);
      case dev.jaydns.corefile.syntax.Corefile.OPEN_QUOTED -> {
        // CoreDNS yields the text of a quote left open at the end of the input, but nothing when
        // that text is empty.
        String body = unquote(raw, 1, raw.length());
        yield body.isEmpty() ? null : new Lexeme(Kind.WORD, body, true, position, source);
      }
      default -> throw new LexerFailure(new CorefileException(position, "unreadable text: " + raw));
    };
  }

  /** Only {@code \"} is an escape; any other backslash stays with the character after it. */
  private static String unquote(String raw, int from, int to) {
    StringBuilder text = new StringBuilder(to - from);
    for (int i = from; i < to; i++) {
      char c = raw.charAt(i);
      if (c != '\\') {
        text.append(c);
      } else if (i + 1 < to) {
        char next = raw.charAt(++i);
        if (next != '"') {
          text.append('\\');
        }
        text.append(next);
      }
      // A backslash that is the last character of an unterminated quote escapes nothing: dropped.
    }
    return text.toString();
  }

  /** The grammar accepts every input; should ANTLR still report an error, it must not leak. */
  private static final class FailFast extends BaseErrorListener {
    private final Source source;

    FailFast(Source source) {
      this.source = source;
    }

    @Override
    public void syntaxError(
        Recognizer<?, ?> recognizer,
        Object offendingSymbol,
        int line,
        int charPositionInLine,
        String msg,
        RecognitionException e) {
      throw new LexerFailure(
          new CorefileException(
              new Position(source.name(), line, charPositionInLine + 1), "unreadable text: " + msg));
    }
  }

  /** Carries a checked exception through ANTLR's listener interface. */
  private static final class LexerFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient CorefileException exception;

    LexerFailure(CorefileException exception) {
      super(exception.getMessage(), null, false, false);
      this.exception = exception;
    }
  }
}
