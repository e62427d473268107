package dev.jaydns.corefile;

import dev.jaydns.corefile.Lexeme.Kind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * The lexemes the block parser reads: the main text, with imported files and snippets spliced in
 * where their {@code import} line stood. Splicing pushes a frame instead of copying lists, so a
 * large file imported many times costs nothing extra, and the frames on the stack are exactly the
 * chain of imports being read (used to report cycles).
 *
 * <p>Each spliced part is framed by line breaks: CoreDNS treats a change of file as a new line.
 */
final class LexemeStream {

  /** One spliced file or snippet. */
  record Part(Origin origin, List<Lexeme> lexemes, Lexeme at) {}

  private final Deque<Frame> frames = new ArrayDeque<>();
  private final Lexeme end;
  private final int maxLexemes;
  private int consumed;

  LexemeStream(Origin origin, ScannedText main, Source source, int maxLexemes) {
    this.end = new Lexeme(Kind.EOF, "", false, main.end(), source);
    this.maxLexemes = maxLexemes;
    frames.push(new Frame(List.of(new Part(origin, main.lexemes(), end)), false));
  }

  Lexeme peek() {
    while (!frames.isEmpty()) {
      Lexeme current = frames.peek().current();
      if (current != null) {
        return current;
      }
      frames.pop();
    }
    return end;
  }

  Lexeme next() throws CorefileException {
    Lexeme lexeme = peek();
    if (!lexeme.is(Kind.EOF)) {
      frames.peek().advance();
      if (++consumed > maxLexemes) {
        throw new CorefileException(
            lexeme.position(),
            "the Corefile expands to more than " + maxLexemes + " tokens (imports or snippets"
                + " repeat too often)");
      }
    }
    return lexeme;
  }

  /** Reads {@code parts} next, in order, before whatever follows the current position. */
  void splice(List<Part> parts) {
    if (!parts.isEmpty()) {
      frames.push(new Frame(parts, true));
    }
  }

  /** The files and snippets being read right now, outermost first. */
  List<Origin> activeOrigins() {
    List<Origin> chain = new ArrayList<>();
    for (Iterator<Frame> it = frames.descendingIterator(); it.hasNext(); ) {
      Part part = it.next().currentPart();
      if (part != null) {
        chain.add(part.origin());
      }
    }
    return chain;
  }

  private static final class Frame {
    private final List<Part> parts;
    private final boolean framedByLineBreaks;
    private int part;
    private int index;

    Frame(List<Part> parts, boolean framedByLineBreaks) {
      this.parts = parts;
      this.framedByLineBreaks = framedByLineBreaks;
      this.index = first();
    }

    private int first() {
      return framedByLineBreaks ? -1 : 0;
    }

    Part currentPart() {
      return part < parts.size() ? parts.get(part) : null;
    }

    /**
     * The lexeme at the cursor, or null once every part is read. In a framed part, index -1 and
     * index size are the line breaks around it.
     */
    Lexeme current() {
      while (part < parts.size()) {
        Part p = parts.get(part);
        int size = p.lexemes().size();
        if (index >= 0 && index < size) {
          return p.lexemes().get(index);
        }
        if (framedByLineBreaks && (index == -1 || index == size)) {
          return new Lexeme(Kind.NEWLINE, "\n", false, p.at().position(), p.at().source());
        }
        part++;
        index = first();
      }
      return null;
    }

    void advance() {
      index++;
    }
  }
}
