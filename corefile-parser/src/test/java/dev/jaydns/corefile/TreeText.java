package dev.jaydns.corefile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders a parsed Corefile as indented text, one server block per key line, so a test can state
 * a whole tree in a text block. Arguments that are empty or hold whitespace are shown quoted.
 */
final class TreeText {

  private TreeText() {}

  static String of(Corefile corefile) {
    StringBuilder out = new StringBuilder();
    for (ServerBlock block : corefile.blocks()) {
      out.append(block.keys().stream().map(ServerKey::canonical).collect(Collectors.joining(" ")))
          .append('\n');
      directives(block.directives(), 1, out);
    }
    return out.toString();
  }

  static String of(List<Directive> directives) {
    StringBuilder out = new StringBuilder();
    directives(directives, 0, out);
    return out.toString();
  }

  private static void directives(List<Directive> directives, int depth, StringBuilder out) {
    for (Directive directive : directives) {
      out.append("  ".repeat(depth)).append(directive.name());
      for (String arg : directive.argTexts()) {
        out.append(' ').append(arg.isEmpty() || arg.chars().anyMatch(Character::isWhitespace)
            ? '"' + arg + '"'
            : arg);
      }
      out.append('\n');
      directives(directive.block(), depth + 1, out);
    }
  }

  /** The repository root: the first folder up from here holding testdata/ and the parent pom. */
  static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      try {
        if (Files.isDirectory(dir.resolve("testdata"))
            && Files.isRegularFile(dir.resolve("pom.xml"))
            && Files.readString(dir.resolve("pom.xml")).contains("<modules>")) {
          return dir;
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    throw new IllegalStateException("no repository root with testdata/ above " + Path.of("").toAbsolutePath());
  }
}
