package dev.jaydns.corefile;

import java.util.Map;

/**
 * Replaces {@code {%NAME%}} and then {@code {$NAME}} in a token's text, as CoreDNS does: every
 * occurrence of a reference at once, then a fresh scan from the start, so a value may hold further
 * references. Unset names give the empty string. The result is never re-tokenised.
 *
 * <p>CoreDNS loops forever on a variable that refers to itself; here the number of replacements and
 * the length of the result are capped.
 */
final class EnvSubstitution {

  static final int MAX_REPLACEMENTS = 100;
  static final int MAX_LENGTH = 1 << 20;

  private final Map<String, String> environment;

  EnvSubstitution(Map<String, String> environment) {
    this.environment = environment;
  }

  String apply(Lexeme lexeme) throws CorefileException {
    return apply(lexeme.text(), lexeme.position());
  }

  String apply(String text, Position at) throws CorefileException {
    if (!text.contains("{%") && !text.contains("{$")) {
      return text;
    }
    int[] replacements = {0};
    String percentDone = replace(text, "{%", "%}", at, replacements);
    return replace(percentDone, "{$", "}", at, replacements);
  }

  private String replace(String text, String open, String close, Position at, int[] replacements)
      throws CorefileException {
    String s = text;
    int start = s.indexOf(open);
    while (start >= 0) {
      int end = s.indexOf(close, start);
      if (end < 0) {
        return s; // "{$NAME" never closed: left as written
      }
      if (end <= start + open.length()) {
        return s; // "{$}" or "{%%}": no name, CoreDNS stops scanning here
      }
      String reference = s.substring(start, end + close.length());
      String name = reference.substring(open.length(), reference.length() - close.length());
      if (++replacements[0] > MAX_REPLACEMENTS) {
        throw new CorefileException(
            at,
            "environment substitution in '" + abbreviate(text) + "' does not end after "
                + MAX_REPLACEMENTS + " replacements (does a variable refer to itself?)");
      }
      s = s.replace(reference, environment.getOrDefault(name, ""));
      if (s.length() > MAX_LENGTH) {
        throw new CorefileException(
            at,
            "environment substitution makes '" + abbreviate(text) + "' longer than " + MAX_LENGTH
                + " characters (does a variable refer to itself?)");
      }
      start = s.indexOf(open);
    }
    return s;
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }
}
