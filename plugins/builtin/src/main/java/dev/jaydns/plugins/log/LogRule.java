package dev.jaydns.plugins.log;

import java.util.Set;

/**
 * One name a {@code log} line covers, with that line's format and classes.
 *
 * @param name the zone whose names this rule logs, lowercase and fully qualified
 * @param format the line format
 * @param classes the answer classes logged; containing {@link ResponseClass#ALL} logs every one
 */
record LogRule(String name, LogFormat format, Set<ResponseClass> classes) {

  LogRule {
    classes = Set.copyOf(classes);
  }

  /** True when {@code qname} (lowercase, fully qualified) is {@link #name} or below it. */
  boolean covers(String qname) {
    if (name.equals(".")) {
      return true;
    }
    int cut = qname.length() - name.length();
    if (cut < 0 || !qname.endsWith(name)) {
      return false;
    }
    if (cut == 0) {
      return true;
    }
    if (qname.charAt(cut - 1) != '.') {
      return false;
    }
    // A dot preceded by an odd number of backslashes is part of a label, not a boundary.
    int slashes = 0;
    for (int i = cut - 2; i >= 0 && qname.charAt(i) == '\\'; i--) {
      slashes++;
    }
    return slashes % 2 == 0;
  }

  /** True when every answer is logged, so none needs classifying. */
  boolean logsAll() {
    return classes.contains(ResponseClass.ALL);
  }
}
