package dev.jaydns.plugins.errors;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles a Go (RE2) regular expression into a {@link Pattern} that matches the same texts, and
 * rejects what RE2 rejects but Java would accept: back-references, look-around, atomic groups,
 * possessive quantifiers, unknown escapes, repeat counts over 1000. Go syntax Java reads
 * differently is rewritten: {@code (?P<name>} groups, {@code [[:alpha:]]} classes, a literal
 * {@code [} or {@code &&} inside a class, a {@code {} that starts no repeat, {@code \v}, and
 * {@code $} (end of text unless {@code (?m)} is used). Errors read as Go's: {@code error parsing
 * regexp: invalid escape sequence: `\1`}.
 */
final class Re2Pattern {

  private static final int MAX_REPEAT = 1000;
  private static final String GO_LETTER_ESCAPES = "aftnrvxAzbBdDsSwWpPQ";
  private static final String GO_FLAGS = "imsU";
  private static final Pattern MULTILINE_FLAG = Pattern.compile("\\(\\?[imsU-]*m[imsU-]*[:)]");
  private static final Map<String, String> POSIX =
      Map.ofEntries(
          Map.entry("alnum", "Alnum"),
          Map.entry("alpha", "Alpha"),
          Map.entry("ascii", "ASCII"),
          Map.entry("blank", "Blank"),
          Map.entry("cntrl", "Cntrl"),
          Map.entry("digit", "Digit"),
          Map.entry("graph", "Graph"),
          Map.entry("lower", "Lower"),
          Map.entry("print", "Print"),
          Map.entry("punct", "Punct"),
          Map.entry("space", "Space"),
          Map.entry("upper", "Upper"),
          Map.entry("word", "Alnum_"),
          Map.entry("xdigit", "XDigit"));

  private final String re;
  private final StringBuilder out;
  private final boolean multiline;
  private int i;

  private Re2Pattern(String re) {
    this.re = re;
    this.out = new StringBuilder(re.length() + 8);
    this.multiline = MULTILINE_FLAG.matcher(re).find();
  }

  /**
   * Compiles {@code re} with RE2 semantics.
   *
   * @throws IllegalArgumentException with Go's message when RE2 would not accept it
   */
  static Pattern compile(String re) {
    Re2Pattern p = new Re2Pattern(re);
    String java = p.translate();
    try {
      return Pattern.compile(java, Pattern.UNIX_LINES);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("error parsing regexp: " + e.getDescription() + ": `" + re + "`");
    }
  }

  private IllegalArgumentException error(String code, String what) {
    return new IllegalArgumentException("error parsing regexp: " + code + ": `" + what + "`");
  }

  private String translate() {
    boolean afterRepeat = false;
    while (i < re.length()) {
      char c = re.charAt(i);
      boolean repeat = false;
      switch (c) {
        case '\\' -> escape(false);
        case '[' -> charClass();
        case '(' -> group();
        case '$' -> {
          out.append(multiline ? "$" : "\\z");
          i++;
        }
        case '*', '+', '?' -> {
          if (afterRepeat && c != '?') {
            throw error("invalid nested repetition operator", re.substring(i - 1, i + 1));
          }
          out.append(c);
          i++;
          // A lazy marker belongs to the repeat just read; a possessive + is rejected above.
          if (i < re.length() && re.charAt(i) == '?') {
            out.append('?');
            i++;
          }
          repeat = true;
        }
        case '{' -> repeat = braces(afterRepeat);
        default -> {
          out.append(c);
          i++;
        }
      }
      afterRepeat = repeat;
    }
    return out.toString();
  }

  /** A {@code {n}}, {@code {n,}} or {@code {n,m}} repeat, or a literal brace; true for a repeat. */
  private boolean braces(boolean afterRepeat) {
    int close = re.indexOf('}', i);
    String body = close < 0 ? "" : re.substring(i + 1, close);
    if (close < 0 || !body.matches("[0-9]+(,[0-9]*)?")) {
      out.append("\\{");
      i++;
      return false;
    }
    String text = re.substring(i, close + 1);
    if (afterRepeat) {
      throw error("invalid nested repetition operator", text);
    }
    String[] parts = body.split(",", -1);
    long min = parseCount(parts[0], text);
    long max = parts.length == 2 && !parts[1].isEmpty() ? parseCount(parts[1], text) : min;
    if (max < min) {
      throw error("invalid repeat count", text);
    }
    out.append(text);
    i = close + 1;
    if (i < re.length() && re.charAt(i) == '?') {
      out.append('?');
      i++;
    }
    return true;
  }

  private long parseCount(String digits, String text) {
    if (digits.length() > 4 || Long.parseLong(digits) > MAX_REPEAT) {
      throw error("invalid repeat count", text);
    }
    return Long.parseLong(digits);
  }

  private void group() {
    if (!re.startsWith("(?", i)) {
      out.append('(');
      i++;
      return;
    }
    if (re.startsWith("(?P<", i) || re.startsWith("(?<", i) && !re.startsWith("(?<=", i)
        && !re.startsWith("(?<!", i)) {
      int start = i + (re.charAt(i + 2) == 'P' ? 4 : 3);
      int end = re.indexOf('>', start);
      String name = end < 0 ? "" : re.substring(start, end);
      if (end < 0 || !name.matches("[A-Za-z0-9_]+")) {
        throw error("invalid named capture", re.substring(i, end < 0 ? re.length() : end + 1));
      }
      // Java group names allow no underscore; the name only labels the group, so drop it.
      out.append('(');
      i = end + 1;
      return;
    }
    int j = i + 2;
    while (j < re.length() && GO_FLAGS.indexOf(re.charAt(j)) >= 0 || j < re.length() && re.charAt(j) == '-') {
      j++;
    }
    if (j >= re.length()
        || (re.charAt(j) != ')' && re.charAt(j) != ':')
        || (j == i + 2 && re.charAt(j) == ')')) {
      throw error("invalid or unsupported Perl syntax", re.substring(i, Math.min(j + 1, re.length())));
    }
    String flags = re.substring(i + 2, j);
    if (flags.indexOf('U') >= 0) {
      // Go's U means ungreedy; Java's means Unicode classes. No faithful rewrite exists.
      throw error("unsupported flag U (ungreedy) in Jay", re.substring(i, j + 1));
    }
    out.append(re, i, j + 1);
    i = j + 1;
  }

  private void charClass() {
    out.append('[');
    i++;
    if (i < re.length() && re.charAt(i) == '^') {
      out.append('^');
      i++;
    }
    if (i < re.length() && re.charAt(i) == ']') {
      out.append("\\]");
      i++;
    }
    while (i < re.length() && re.charAt(i) != ']') {
      char c = re.charAt(i);
      if (c == '\\') {
        escape(true);
      } else if (c == '[' && re.startsWith("[:", i)) {
        int end = re.indexOf(":]", i + 2);
        String name = end < 0 ? null : re.substring(i + 2, end);
        boolean negated = name != null && name.startsWith("^");
        String key = negated ? name.substring(1) : name;
        String java = key == null ? null : POSIX.get(key.toLowerCase(Locale.ROOT));
        if (java == null || !key.equals(key.toLowerCase(Locale.ROOT))) {
          out.append("\\[");
          i++;
          continue;
        }
        if (java.equals("Alnum_")) {
          out.append(negated ? "\\W" : "\\w");
        } else {
          out.append(negated ? "\\P{" : "\\p{").append(java).append('}');
        }
        i = end + 2;
      } else if (c == '[' || c == '&') {
        out.append('\\').append(c);
        i++;
      } else {
        out.append(c);
        i++;
      }
    }
    if (i >= re.length()) {
      throw error("missing closing ]", re.substring(re.lastIndexOf('[')));
    }
    out.append(']');
    i++;
  }

  private void escape(boolean inClass) {
    if (i + 1 >= re.length()) {
      throw error("trailing backslash at end of expression", "");
    }
    char e = re.charAt(i + 1);
    if (e >= '1' && e <= '9') {
      throw error("invalid escape sequence", re.substring(i, i + 2));
    }
    if (e == 'Q' && !inClass) {
      int end = re.indexOf("\\E", i + 2);
      int stop = end < 0 ? re.length() : end + 2;
      out.append(re, i, stop);
      if (end < 0) {
        out.append("\\E");
      }
      i = stop;
      return;
    }
    if (Character.isLetterOrDigit(e) && e != '0' && GO_LETTER_ESCAPES.indexOf(e) < 0
        || e == 'Q' && inClass) {
      throw error("invalid escape sequence", re.substring(i, i + 2));
    }
    if (e == '0') {
      // Go reads \0 plus up to two more octal digits as one character; Java wants \0 + digits.
      int j = i + 2;
      int value = 0;
      while (j < re.length() && j < i + 4 && re.charAt(j) >= '0' && re.charAt(j) <= '7') {
        value = value * 8 + (re.charAt(j) - '0');
        j++;
      }
      out.append("\\x{").append(Integer.toHexString(value)).append('}');
      i = j;
      return;
    }
    if (e == 'v') {
      out.append("\\x0B");
    } else {
      out.append('\\').append(e);
    }
    i += 2;
  }
}
