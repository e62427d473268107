package dev.jaydns.corefile;

import dev.jaydns.corefile.Lexeme.Kind;
import dev.jaydns.corefile.LexemeStream.Part;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Recognises server blocks, directives and nested blocks in the lexeme stream, and performs
 * {@code import} and snippet definitions as it meets them (a snippet counts as defined only once the
 * parse has passed it, as in CoreDNS).
 *
 * <pre>
 * file       := ( NEWLINE | import | snippet | serverBlock )*
 * serverBlock:= keys NEWLINE* ( '{' lines '}' | lines EOF )
 * lines      := ( NEWLINE | import | directive )*
 * directive  := NAME ARG* ( '{' lines '}' )?        -- the '{' on the directive's line
 * </pre>
 *
 * Inside a directive's block, content may share the brace lines ({@code cache { success 9984 30 }});
 * at server-block level, as in CoreDNS, the closing '}' needs a line of its own.
 */
final class BlockParser {

  static final int MAX_NESTING = 100;
  static final int MAX_SNIPPET_IMPORTS = 10_000;

  /** Where a run of directive lines stands; it decides what a '}' may do. */
  private enum Level {
    TOP,
    SERVER_BLOCK,
    BRACELESS_BLOCK,
    NESTED_BLOCK
  }

  private final LexemeStream in;
  private final ImportResolver files;
  private final EnvSubstitution env;
  private final ServerKeyParser keyParser;
  private final Map<String, List<Lexeme>> snippets = new HashMap<>();
  private int snippetImports;

  BlockParser(
      LexemeStream in, ImportResolver files, EnvSubstitution env, ServerKeyParser keyParser) {
    this.in = in;
    this.files = files;
    this.env = env;
    this.keyParser = keyParser;
  }

  List<ServerBlock> parseFile() throws CorefileException {
    List<ServerBlock> blocks = new ArrayList<>();
    while (true) {
      Lexeme next = in.peek();
      switch (next.kind()) {
        case EOF -> {
          return blocks;
        }
        case NEWLINE -> in.next();
        case RBRACE -> throw noBraceOpen(next);
        case LBRACE -> throw error(next, "'{' without a server address before it");
        case WORD -> {
          if (next.isKeyword("import")) {
            importLine(Level.TOP);
          } else {
            ServerBlock block = serverBlockOrSnippet();
            if (block != null) {
              blocks.add(block);
            }
          }
        }
      }
    }
  }

  /** A server block, or null when the block defined a snippet. */
  private ServerBlock serverBlockOrSnippet() throws CorefileException {
    Lexeme first = in.peek();
    List<Token> keys = keys();
    while (in.peek().is(Kind.NEWLINE)) {
      in.next(); // the block's '{' may be on the line after the keys
    }
    String snippet = snippetName(keys);
    if (in.peek().is(Kind.LBRACE)) {
      Lexeme open = in.next();
      if (snippet != null) {
        defineSnippet(snippet, keys.get(0), open);
        return null;
      }
      return serverBlock(first, keys, lines(open, Level.SERVER_BLOCK, 1));
    }
    if (snippet != null) {
      throw error(keys.get(0), "snippet " + keys.get(0).text() + " needs a '{ ... }' block");
    }
    // Without a '{' the rest of the file is the block's directives.
    return serverBlock(first, keys, lines(null, Level.BRACELESS_BLOCK, 0));
  }

  /**
   * Keys up to a '{' or the end of the line; a key ending in ',' asks for another, perhaps on the
   * next line. Empty keys are dropped.
   */
  private List<Token> keys() throws CorefileException {
    List<Token> keys = new ArrayList<>();
    boolean anotherExpected = false;
    boolean lineStart = false;
    Lexeme lastComma = null;
    while (true) {
      Lexeme next = in.peek();
      switch (next.kind()) {
        case NEWLINE -> {
          if (!anotherExpected) {
            return keys;
          }
          in.next();
          lineStart = true;
        }
        case EOF -> {
          if (anotherExpected) {
            throw error(lastComma, "expected another address after ',' but the file ended");
          }
          return keys;
        }
        case LBRACE -> {
          if (anotherExpected) {
            throw error(next, "Expected another address but had '{' - check for extra comma");
          }
          return keys;
        }
        case RBRACE -> throw noBraceOpen(next);
        case WORD -> {
          if (lineStart && next.isKeyword("import")) {
            importLine(Level.TOP);
            continue;
          }
          in.next();
          lineStart = false;
          String text = env.apply(next);
          anotherExpected = text.endsWith(",");
          if (anotherExpected) {
            text = text.substring(0, text.length() - 1);
            lastComma = next;
          }
          if (!text.isEmpty()) {
            keys.add(new Token(text, next.position()));
          }
        }
      }
    }
  }

  private ServerBlock serverBlock(Lexeme first, List<Token> keys, List<Directive> directives)
      throws CorefileException {
    if (keys.isEmpty()) {
      throw error(first, "the server block has no address: every key is empty");
    }
    List<ServerKey> serverKeys = new ArrayList<>();
    for (Token key : keys) {
      serverKeys.addAll(keyParser.parse(key));
    }
    return new ServerBlock(serverKeys, directives, keys.get(0).position());
  }

  /**
   * Directive lines until the '}' matching {@code open}, or until the end of the file when there
   * is no {@code open} (a brace-less server block).
   */
  private List<Directive> lines(Lexeme open, Level level, int depth) throws CorefileException {
    List<Directive> lines = new ArrayList<>();
    Directive previous = null;
    while (true) {
      Lexeme next = in.peek();
      switch (next.kind()) {
        case NEWLINE -> in.next();
        case EOF -> {
          if (open != null) {
            throw error(open, "'{' opened here is never closed");
          }
          return lines;
        }
        case RBRACE -> {
          if (open == null) {
            throw noBraceOpen(next);
          }
          in.next();
          return lines;
        }
        case LBRACE -> throw braceOnItsOwnLine(next, previous);
        case WORD -> {
          if (next.isKeyword("import")) {
            importLine(level);
          } else {
            previous = directive(level, depth);
            lines.add(previous);
          }
        }
      }
    }
  }

  /** A directive: its name, the arguments on its line, and a block opened on that line. */
  private Directive directive(Level level, int depth) throws CorefileException {
    Lexeme nameLexeme = in.next();
    String name = env.apply(nameLexeme);
    if (name.isEmpty()) {
      throw error(nameLexeme, "the directive name '" + nameLexeme.text() + "' is empty"
          + " after environment substitution");
    }
    List<Token> args = new ArrayList<>();
    while (true) {
      Lexeme next = in.peek();
      switch (next.kind()) {
        case WORD -> {
          in.next();
          args.add(new Token(env.apply(next), next.position()));
        }
        case NEWLINE, EOF -> {
          return new Directive(name, args, List.of(), nameLexeme.position());
        }
        case RBRACE -> {
          if (level != Level.NESTED_BLOCK) {
            throw braceOnDirectiveLine(next, name, level);
          }
          // Closes the enclosing block: this directive was its last line.
          return new Directive(name, args, List.of(), nameLexeme.position());
        }
        case LBRACE -> {
          Lexeme open = in.next();
          if (depth >= MAX_NESTING) {
            throw error(open, "blocks are nested more than " + MAX_NESTING + " deep");
          }
          List<Directive> block = lines(open, Level.NESTED_BLOCK, depth + 1);
          afterBlock(name, level);
          return new Directive(name, args, block, nameLexeme.position());
        }
      }
    }
  }

  /** After a directive's block closes, its line must end (or, inside a block, close that too). */
  private void afterBlock(String name, Level level) throws CorefileException {
    Lexeme next = in.peek();
    switch (next.kind()) {
      case NEWLINE, EOF -> {}
      case RBRACE -> {
        if (level != Level.NESTED_BLOCK) {
          throw braceOnDirectiveLine(next, name, level);
        }
      }
      case WORD, LBRACE ->
          throw error(next, "unexpected '" + next.text() + "' after the '}' that closes the block of '"
              + name + "': start a new line");
    }
  }

  /** {@code import ARG}: splices a snippet defined earlier, or the files ARG names. */
  private void importLine(Level level) throws CorefileException {
    Lexeme keyword = in.next();
    List<Lexeme> args = new ArrayList<>();
    while (true) {
      Lexeme next = in.peek();
      if (next.is(Kind.WORD)) {
        args.add(in.next());
      } else if (next.is(Kind.LBRACE)) {
        throw error(next, "unexpected '{' after import: import takes a file, a glob pattern or a"
            + " snippet name, and no block");
      } else if (next.is(Kind.RBRACE) && level != Level.NESTED_BLOCK) {
        throw braceOnDirectiveLine(next, "import", level);
      } else {
        break;
      }
    }
    if (args.isEmpty()) {
      throw error(keyword, "Wrong argument count or unexpected line ending after 'import'");
    }
    if (args.size() > 1) {
      throw error(args.get(1), "Import takes only one argument (glob pattern or file)");
    }
    Lexeme argument = args.get(0);
    String target = env.apply(argument);
    if (target.isEmpty()) {
      throw error(argument, "Import requires a non-empty filepath");
    }
    List<Lexeme> snippet = snippets.get(target);
    if (snippet != null) {
      if (++snippetImports > MAX_SNIPPET_IMPORTS) {
        throw error(argument, "maximum snippet import depth (" + MAX_SNIPPET_IMPORTS + ") exceeded");
      }
      Origin origin = Origin.snippet(target);
      refuseCycle(origin, argument);
      in.splice(List.of(new Part(origin, snippet, argument)));
      return;
    }
    List<Part> parts = new ArrayList<>();
    for (ImportResolver.ImportedFile file : files.resolve(target, argument)) {
      refuseCycle(file.origin(), argument);
      parts.add(new Part(file.origin(), file.lexemes(), argument));
    }
    in.splice(parts);
  }

  private void refuseCycle(Origin imported, Lexeme at) throws CorefileException {
    List<Origin> chain = in.activeOrigins();
    for (int i = 0; i < chain.size(); i++) {
      if (chain.get(i).key().equals(imported.key())) {
        StringBuilder path = new StringBuilder();
        for (Origin origin : chain.subList(i, chain.size())) {
          path.append(origin.label()).append(" -> ");
        }
        throw error(at, "import cycle: " + path.append(imported.label()));
      }
    }
  }

  /** The name of the snippet a block defines: its only key is {@code (name)}. */
  private static String snippetName(List<Token> keys) {
    if (keys.size() != 1) {
      return null;
    }
    String key = keys.get(0).text();
    return key.length() >= 2 && key.startsWith("(") && key.endsWith(")")
        ? key.substring(1, key.length() - 1)
        : null;
  }

  /** Stores the lexemes between the snippet's braces, unparsed; they are parsed where imported. */
  private void defineSnippet(String name, Token key, Lexeme open) throws CorefileException {
    if (name.isEmpty()) {
      throw new CorefileException(key.position(), "the snippet name in () is empty");
    }
    if (snippets.containsKey(name)) {
      throw new CorefileException(
          key.position(), "redeclaration of previously declared snippet " + name);
    }
    List<Lexeme> body = new ArrayList<>();
    int depth = 1;
    while (true) {
      Lexeme next = in.next();
      if (next.is(Kind.EOF)) {
        throw error(open, "'{' opened here is never closed");
      }
      if (next.is(Kind.LBRACE)) {
        depth++;
      } else if (next.is(Kind.RBRACE) && --depth == 0) {
        break;
      }
      body.add(next);
    }
    refuseSelfImport(name, body);
    snippets.put(name, List.copyOf(body));
  }

  private void refuseSelfImport(String name, List<Lexeme> body) throws CorefileException {
    boolean lineStart = true;
    for (int i = 0; i < body.size(); i++) {
      Lexeme lexeme = body.get(i);
      if (lineStart
          && lexeme.isKeyword("import")
          && i + 1 < body.size()
          && body.get(i + 1).is(Kind.WORD)
          && env.apply(body.get(i + 1)).equals(name)) {
        throw error(body.get(i + 1), "snippet (" + name + ") imports itself");
      }
      lineStart = !lexeme.is(Kind.WORD);
    }
  }

  private static CorefileException braceOnItsOwnLine(Lexeme brace, Directive previous) {
    String hint =
        previous == null
            ? ""
            : " (put it at the end of line " + previous.position().line() + ", after '"
                + previous.name() + "')";
    return error(brace, "'{' must be on the same line as the directive whose block it opens" + hint);
  }

  private static CorefileException braceOnDirectiveLine(Lexeme brace, String name, Level level) {
    if (level == Level.SERVER_BLOCK) {
      return error(brace, "unexpected '}' on the line of directive '" + name
          + "': put '}' on a line of its own");
    }
    return noBraceOpen(brace);
  }

  private static CorefileException noBraceOpen(Lexeme brace) {
    return error(brace, "unexpected '}' (no '{' is open)");
  }

  private static CorefileException error(Lexeme at, String detail) {
    return new CorefileException(at.position(), detail);
  }

  private static CorefileException error(Token at, String detail) {
    return new CorefileException(at.position(), detail);
  }
}
