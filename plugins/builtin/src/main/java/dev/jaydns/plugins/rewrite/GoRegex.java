package dev.jaydns.plugins.rewrite;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Go (RE2) regular expressions, as Corefiles write them, compiled to Java patterns. The common
 * syntax is the same; Go's named group {@code (?P<name>...)} becomes Java's {@code (?<name>...)}.
 */
public final class GoRegex {

  private GoRegex() {}

  /** Compiles {@code expr}, or throws {@link PatternSyntaxException}. */
  public static Pattern compile(String expr) {
    return Pattern.compile(expr.replace("(?P<", "(?<"));
  }
}
