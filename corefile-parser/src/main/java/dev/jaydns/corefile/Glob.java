package dev.jaydns.corefile;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * File name patterns as Go's {@code filepath.Glob} reads them on Unix: {@code *} and {@code ?}
 * match within one path element (a leading dot included), {@code \} escapes the next character,
 * matches come in lexical order per directory. Character classes are not supported (CoreDNS
 * rejects them before globbing); an unreadable directory matches nothing, as in Go.
 */
final class Glob {

  /** Thrown for a pattern Go would reject with {@code syntax error in pattern}. */
  static final class BadPattern extends Exception {
    private static final long serialVersionUID = 1L;
  }

  /** Byte order of the UTF-8 encodings, which is Go's string order. */
  private static final Comparator<String> GO_ORDER =
      (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
          int ca = a.codePointAt(i);
          int cb = b.codePointAt(j);
          if (ca != cb) {
            return Integer.compare(ca, cb);
          }
          i += Character.charCount(ca);
          j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
      };

  private Glob() {}

  static boolean hasMeta(String pattern) {
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == '\\') {
        return true;
      }
    }
    return false;
  }

  /** The existing paths matching an absolute pattern. */
  static List<Path> expand(Path pattern) throws BadPattern {
    List<Path> current = new ArrayList<>(List.of(pattern.getRoot()));
    for (Path element : pattern) {
      String name = element.toString();
      List<Path> next = new ArrayList<>();
      if (hasMeta(name)) {
        int[] compiled = compile(name);
        for (Path dir : current) {
          for (String entry : sortedEntries(dir)) {
            if (matches(compiled, entry)) {
              next.add(dir.resolve(entry));
            }
          }
        }
      } else {
        for (Path dir : current) {
          next.add(dir.resolve(name));
        }
      }
      current = next;
    }
    current.removeIf(path -> !Files.exists(path, LinkOption.NOFOLLOW_LINKS));
    return current;
  }

  private static List<String> sortedEntries(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        names.add(entry.getFileName().toString());
      }
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
    names.sort(GO_ORDER);
    return names;
  }

  private static final int ANY_RUN = -1;
  private static final int ANY_ONE = -2;

  /** The pattern as code points, with {@code *} and {@code ?} turned into markers, escapes resolved. */
  private static int[] compile(String pattern) throws BadPattern {
    int[] out = new int[pattern.length()];
    int n = 0;
    for (int i = 0; i < pattern.length(); ) {
      int c = pattern.codePointAt(i);
      i += Character.charCount(c);
      if (c == '[') {
        throw new BadPattern();
      } else if (c == '\\') {
        if (i >= pattern.length()) {
          throw new BadPattern();
        }
        c = pattern.codePointAt(i);
        i += Character.charCount(c);
        out[n++] = c;
      } else {
        out[n++] = c == '*' ? ANY_RUN : c == '?' ? ANY_ONE : c;
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }

  /** Wildcard match with one backtrack point per star: linear for the single star CoreDNS allows. */
  private static boolean matches(int[] pattern, String name) {
    int[] text = name.codePoints().toArray();
    int p = 0;
    int t = 0;
    int starP = -1;
    int starT = 0;
    while (t < text.length) {
      if (p < pattern.length && (pattern[p] == ANY_ONE || pattern[p] == text[t])) {
        p++;
        t++;
      } else if (p < pattern.length && pattern[p] == ANY_RUN) {
        starP = p++;
        starT = t;
      } else if (starP >= 0) {
        p = starP + 1;
        t = ++starT;
      } else {
        return false;
      }
    }
    while (p < pattern.length && pattern[p] == ANY_RUN) {
      p++;
    }
    return p == pattern.length;
  }
}
