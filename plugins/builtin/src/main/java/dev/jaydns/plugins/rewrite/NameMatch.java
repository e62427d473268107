package dev.jaydns.plugins.rewrite;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a rule matches the question name: exact, prefix, suffix, substring or regex, and how it
 * turns a matching name into the replacement. Non-regex strings are lowercase and fully
 * qualified, as CoreDNS normalises them.
 */
public record NameMatch(Kind kind, String from, Pattern pattern) {

  /** The match types of the Corefile syntax. */
  public enum Kind {
    EXACT,
    PREFIX,
    SUFFIX,
    SUBSTRING,
    REGEX;

    /** The kind named by {@code word}, or null. */
    static Kind of(String word) {
      return switch (word.toLowerCase(Locale.ROOT)) {
        case "exact" -> EXACT;
        case "prefix" -> PREFIX;
        case "suffix" -> SUFFIX;
        case "substring" -> SUBSTRING;
        case "regex" -> REGEX;
        default -> null;
      };
    }

    String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Lowercase and fully qualified. */
  static String normalize(String s) {
    String n = s.toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n : n + ".";
  }

  static NameMatch of(Kind kind, String from) {
    if (kind == Kind.REGEX) {
      return new NameMatch(kind, from, GoRegex.compile(from));
    }
    return new NameMatch(kind, normalize(from), null);
  }

  /** True when {@code name} (lowercase, fully qualified) matches. */
  public boolean matches(String name) {
    return switch (kind) {
      case EXACT -> name.equals(from);
      case PREFIX -> name.startsWith(from);
      case SUFFIX -> name.endsWith(from);
      case SUBSTRING -> name.contains(from);
      case REGEX -> pattern.matcher(name).find();
    };
  }

  /**
   * {@code name} rewritten with {@code to}, or null when it does not match. For regex, {@code
   * {N}} in {@code to} stands for group N.
   */
  public String rewrite(String name, String to) {
    switch (kind) {
      case EXACT:
        return name.equals(from) ? to : null;
      case PREFIX:
        return name.startsWith(from) ? to + name.substring(from.length()) : null;
      case SUFFIX:
        return name.endsWith(from) ? name.substring(0, name.length() - from.length()) + to : null;
      case SUBSTRING:
        return name.contains(from) ? name.replace(from, to) : null;
      default:
        Matcher m = pattern.matcher(name);
        if (!m.find()) {
          return null;
        }
        return substitute(to, m);
    }
  }

  /** Replaces {@code {0}}...{@code {N}} in {@code template} with the groups of {@code m}. */
  static String substitute(String template, Matcher m) {
    String s = template;
    for (int g = 0; g <= m.groupCount(); g++) {
      String v = m.group(g);
      s = s.replace("{" + g + "}", v == null ? "" : v);
    }
    return s;
  }

  /** How many distinct {@code {N}} references {@code template} makes. */
  static int groupReferences(String template) {
    int n = 0;
    for (int i = 0; i <= 100; i++) {
      if (template.contains("{" + i + "}")) {
        n++;
      }
    }
    return n;
  }
}
