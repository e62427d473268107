package dev.jaydns.corefile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the argument of a file {@code import} into the lexemes of the files it names: a path or a
 * glob, relative to the folder of the file holding the import. Each file is read and lexed once per
 * parse, however often it is imported, and remembered as a source of the Corefile.
 */
final class ImportResolver {

  /** One file to splice in. */
  record ImportedFile(Origin origin, List<Lexeme> lexemes) {}

  private final int maxFileImports;
  private final Map<Path, List<Lexeme>> lexed = new HashMap<>();
  private final Set<Path> sources = new LinkedHashSet<>();
  private int fileImports;

  ImportResolver(int maxFileImports) {
    this.maxFileImports = maxFileImports;
  }

  /** Every file read for imports, in the order first read. */
  List<Path> sources() {
    return List.copyOf(sources);
  }

  List<ImportedFile> resolve(String argument, Lexeme at) throws CorefileException {
    Path pattern = absolutePattern(argument, at);
    String patternText = pattern.toString();
    if (count(patternText, '*') > 1
        || count(patternText, '?') > 1
        || (patternText.contains("[") && patternText.contains("]"))) {
      // A pattern with many wildcards can take very long to expand; CoreDNS refuses it.
      throw error(at, "Glob pattern may only contain one wildcard (*), but has others: " + patternText);
    }
    List<Path> matches;
    if (Glob.hasMeta(patternText)) {
      try {
        matches = Glob.expand(pattern);
      } catch (Glob.BadPattern e) {
        throw error(at, "Failed to use import pattern " + argument + ": syntax error in pattern");
      }
    } else {
      matches = Files.exists(pattern, LinkOption.NOFOLLOW_LINKS) ? List.of(pattern) : List.of();
    }
    if (matches.isEmpty()) {
      if (containsAny(patternText, "*?[]")) {
        return List.of(); // CoreDNS only warns about a glob that matches nothing
      }
      throw error(at, "File to import not found: " + argument);
    }
    List<ImportedFile> files = new ArrayList<>();
    for (Path match : matches) {
      if (++fileImports > maxFileImports) {
        throw error(at, "maximum file import count (" + maxFileImports + ") exceeded");
      }
      files.add(new ImportedFile(Origin.file(match, match.toString()), read(match, at)));
    }
    return files;
  }

  private static Path absolutePattern(String argument, Lexeme at) throws CorefileException {
    try {
      Path path = Path.of(argument);
      Path base = at.source().directory();
      return (path.isAbsolute() ? path : base.resolve(path)).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw error(at, "File to import not found: " + argument);
    }
  }

  private List<Lexeme> read(Path file, Lexeme at) throws CorefileException {
    List<Lexeme> known = lexed.get(file);
    if (known != null) {
      return known;
    }
    if (Files.isDirectory(file)) {
      throw error(at, "Could not import " + file + ": is a directory");
    }
    if (!Files.isRegularFile(file)) {
      // A fifo or device could block the parse forever; only plain files can be imported.
      throw error(at, "Could not import " + file + ": not a regular file");
    }
    String text;
    try {
      // Decoding replaces malformed UTF-8 instead of failing, as Go does.
      text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw error(at, "Could not import " + file + ": " + e);
    }
    Source source = new Source(file.toString(), file.getParent(), file);
    List<Lexeme> lexemes = LexemeScanner.scan(text, source).lexemes();
    lexed.put(file, lexemes);
    sources.add(file);
    return lexemes;
  }

  private static int count(String s, char c) {
    return (int) s.chars().filter(x -> x == c).count();
  }

  private static boolean containsAny(String s, String chars) {
    return s.chars().anyMatch(c -> chars.indexOf(c) >= 0);
  }

  private static CorefileException error(Lexeme at, String detail) {
    return new CorefileException(at.position(), detail);
  }
}
