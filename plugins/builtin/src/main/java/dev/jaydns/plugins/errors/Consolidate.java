package dev.jaydns.plugins.errors;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * One {@code consolidate DURATION REGEXP [LEVEL] [show_first]} option: errors whose text matches
 * {@code regexp} are counted for {@code duration} and reported as one line at {@code level}.
 *
 * @param duration the quiet period armed by the first matching error
 * @param regexp the expression as written (printed in the summary line)
 * @param pattern {@code regexp} compiled with RE2 semantics
 * @param level the summary's level
 * @param showFirst log the first error of a period in full, at {@code level}
 */
record Consolidate(
    Duration duration, String regexp, Pattern pattern, Level level, boolean showFirst) {

  /** The levels CoreDNS's {@code LEVEL} argument names. */
  enum Level {
    ERROR("error"),
    WARNING("warning"),
    INFO("info"),
    DEBUG("debug");

    private final String word;

    Level(String word) {
      this.word = word;
    }

    /** The level a Corefile word names, or null. */
    static Level of(String word) {
      for (Level l : values()) {
        if (l.word.equals(word)) {
          return l;
        }
      }
      return null;
    }
  }
}
