package dev.jaydns.plugins.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A compiled record template: the subset of Go's text/template the CoreDNS template README uses.
 * Actions are a field ({@code {{ .Name }}}, {@code {{ .Group.a }}}), {@code index} of {@code
 * .Match} or {@code .Group}, or {@code parseInt STRING BASE BITS}; {@code {{-}} and {@code -}}}
 * trim the white space next to them. Anything else fails at setup, naming the construct.
 */
public final class TemplateText {

  private static final Set<String> FIELDS =
      Set.of("Zone", "Name", "Class", "Type", "Match", "Group", "Remote", "Message", "Question");

  /** One piece of output: literal text, or an action's argument list. */
  private record Part(String text, List<String> action) {}

  private final String source;
  private final List<Part> parts;

  private TemplateText(String source, List<Part> parts) {
    this.source = source;
    this.parts = List.copyOf(parts);
  }

  public String source() {
    return source;
  }

  /** Compiles {@code source}, or throws {@link IllegalArgumentException} saying what is wrong. */
  public static TemplateText compile(String source) {
    List<Part> parts = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    int i = 0;
    while (i < source.length()) {
      int open = source.indexOf("{{", i);
      if (open < 0) {
        text.append(source, i, source.length());
        break;
      }
      text.append(source, i, open);
      int close = source.indexOf("}}", open + 2);
      if (close < 0) {
        throw new IllegalArgumentException("unclosed action '{{' in " + source);
      }
      String inner = source.substring(open + 2, close);
      if (inner.startsWith("- ") || inner.equals("-")) {
        trimEnd(text);
        inner = inner.substring(1);
      }
      boolean trimAfter = inner.endsWith(" -");
      if (trimAfter) {
        inner = inner.substring(0, inner.length() - 2);
      }
      if (text.length() > 0) {
        parts.add(new Part(text.toString(), null));
        text.setLength(0);
      }
      parts.add(new Part(null, check(words(inner))));
      i = close + 2;
      if (trimAfter) {
        while (i < source.length() && Character.isWhitespace(source.charAt(i))) {
          i++;
        }
      }
    }
    if (text.length() > 0) {
      parts.add(new Part(text.toString(), null));
    }
    return new TemplateText(source, parts);
  }

  private static void trimEnd(StringBuilder sb) {
    int n = sb.length();
    while (n > 0 && Character.isWhitespace(sb.charAt(n - 1))) {
      n--;
    }
    sb.setLength(n);
  }

  /** Splits an action into words; quoted strings keep their quotes. */
  private static List<String> words(String inner) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < inner.length()) {
      char c = inner.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      int start = i;
      if (c == '"' || c == '`') {
        int end = inner.indexOf(c, i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("unterminated string in {{" + inner + "}}");
        }
        i = end + 1;
      } else {
        while (i < inner.length() && !Character.isWhitespace(inner.charAt(i))) {
          i++;
        }
      }
      out.add(inner.substring(start, i));
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("empty action {{}}");
    }
    return out;
  }

  private static List<String> check(List<String> w) {
    String head = w.get(0);
    if (head.startsWith(".")) {
      checkField(head);
      if (w.size() != 1) {
        throw new IllegalArgumentException("can't give argument to non-function " + head);
      }
      checkField(head);
      return w;
    }
    switch (head) {
      case "index" -> {
        if (w.size() < 3) {
          throw new IllegalArgumentException("index needs a value and a key");
        }
        checkField(w.get(1));
        for (String k : w.subList(2, w.size())) {
          if (!isLiteral(k)) {
            throw new IllegalArgumentException("index keys must be numbers or strings: " + k);
          }
        }
      }
      case "parseInt" -> {
        if (w.size() != 4) {
          throw new IllegalArgumentException("parseInt needs STRING BASE BITS");
        }
        if (w.get(1).startsWith(".")) {
          checkField(w.get(1));
        } else if (!isLiteral(w.get(1))) {
          throw new IllegalArgumentException("parseInt argument must be a field or string");
        }
        Integer.parseInt(w.get(2));
        Integer.parseInt(w.get(3));
      }
      default -> {
        if (head.startsWith(".Meta") || head.equals(".Meta")) {
          throw new IllegalArgumentException(".Meta needs the metadata plugin, which Jay does not have");
        }
        throw new IllegalArgumentException(
            "template construct '" + head + "' is not supported by Jay (supported: fields, index,"
                + " parseInt)");
      }
    }
    return w;
  }

  private static void checkField(String f) {
    if (!f.startsWith(".")) {
      throw new IllegalArgumentException("expected a field such as .Name, not " + f);
    }
    String first = f.substring(1).split("\\.", -1)[0];
    if (first.equals("Meta")) {
      throw new IllegalArgumentException(".Meta needs the metadata plugin, which Jay does not have");
    }
    if (!FIELDS.contains(first)) {
      throw new IllegalArgumentException("can't evaluate field " + first);
    }
  }

  private static boolean isLiteral(String s) {
    return s.startsWith("\"") || s.startsWith("`") || s.chars().allMatch(Character::isDigit);
  }

  /** Renders the template for one query, or throws {@link IllegalArgumentException}. */
  public String render(TemplateData data) {
    StringBuilder out = new StringBuilder(source.length() + 32);
    for (Part p : parts) {
      if (p.text() != null) {
        out.append(p.text());
      } else {
        out.append(print(eval(p.action(), data)));
      }
    }
    return out.toString();
  }

  private static Object eval(List<String> w, TemplateData data) {
    String head = w.get(0);
    if (head.startsWith(".")) {
      return field(head, data);
    }
    if (head.equals("index")) {
      Object v = field(w.get(1), data);
      for (String k : w.subList(2, w.size())) {
        if (v instanceof List<?> l) {
          int n = Integer.parseInt(k);
          if (n >= l.size()) {
            throw new IllegalArgumentException("index out of range: " + n);
          }
          v = l.get(n);
        } else if (v instanceof java.util.Map<?, ?> m) {
          v = m.get(unquote(k));
          if (v == null) {
            v = "";
          }
        } else {
          throw new IllegalArgumentException("can't index item of type " + print(v));
        }
      }
      return v;
    }
    String s = w.get(1).startsWith(".") ? print(field(w.get(1), data)) : unquote(w.get(1));
    int base = Integer.parseInt(w.get(2));
    int bits = Integer.parseInt(w.get(3));
    long v;
    try {
      v = Long.parseUnsignedLong(s, base == 0 ? 10 : base);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("parseInt: invalid syntax: " + s);
    }
    if (bits < 64 && Long.compareUnsigned(v, (1L << bits) - 1) > 0) {
      throw new IllegalArgumentException("parseInt: value out of range: " + s);
    }
    return Long.toUnsignedString(v);
  }

  private static Object field(String f, TemplateData data) {
    Object v = data.field(List.of(f.substring(1).split("\\.", -1)));
    return v == null ? TemplateData.NO_VALUE : v;
  }

  private static String unquote(String s) {
    return s.length() >= 2 && (s.startsWith("\"") || s.startsWith("`")) ? s.substring(1, s.length() - 1) : s;
  }

  private static String print(Object v) {
    if (v instanceof List<?> l) {
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < l.size(); i++) {
        sb.append(i == 0 ? "" : " ").append(l.get(i));
      }
      return sb.append(']').toString();
    }
    return String.valueOf(v);
  }
}
