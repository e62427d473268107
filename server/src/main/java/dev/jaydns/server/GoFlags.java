package dev.jaydns.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line flags read the way Go's {@code flag} package reads them, because CoreDNS's and
 * node-cache's users pass them that way: {@code -conf FILE}, {@code -conf=FILE}, {@code --conf
 * FILE}; booleans as {@code -quiet} or {@code -quiet=false}; parsing stops at the first non-flag
 * argument or at {@code --}.
 */
public final class GoFlags {

  private final Map<String, String> values = new LinkedHashMap<>();
  private final List<String> rest = new ArrayList<>();

  private GoFlags() {}

  /**
   * @param booleans flags that take no value
   * @param valued flags that take a value
   * @throws IllegalArgumentException naming an unknown flag or a missing value, as Go prints it
   */
  public static GoFlags parse(String[] args, Set<String> booleans, Set<String> valued) {
    GoFlags f = new GoFlags();
    int i = 0;
    while (i < args.length) {
      String a = args[i];
      if (a.equals("--")) {
        i++;
        break;
      }
      if (!a.startsWith("-") || a.equals("-")) {
        break;
      }
      String body = a.startsWith("--") ? a.substring(2) : a.substring(1);
      String name = body;
      String value = null;
      int eq = body.indexOf('=');
      if (eq >= 0) {
        name = body.substring(0, eq);
        value = body.substring(eq + 1);
      }
      if (booleans.contains(name)) {
        String parsed = value == null ? "true" : goBool(value);
        if (parsed == null) {
          throw new IllegalArgumentException(
              "invalid boolean value \"" + value + "\" for -" + name);
        }
        f.values.put(name, parsed);
      } else if (valued.contains(name)) {
        if (value == null) {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException("flag needs an argument: -" + name);
          }
          value = args[++i];
        }
        f.values.put(name, value);
      } else {
        throw new IllegalArgumentException("flag provided but not defined: -" + name);
      }
      i++;
    }
    for (; i < args.length; i++) {
      f.rest.add(args[i]);
    }
    return f;
  }

  /** Go's {@code strconv.ParseBool}: "true" or "false", or null for anything else. */
  private static String goBool(String v) {
    switch (v) {
      case "1", "t", "T", "true", "TRUE", "True":
        return "true";
      case "0", "f", "F", "false", "FALSE", "False":
        return "false";
      default:
        return null;
    }
  }

  public String get(String name) {
    return values.get(name);
  }

  public String get(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  public boolean isSet(String name) {
    return values.containsKey(name);
  }

  public boolean bool(String name) {
    return "true".equals(values.get(name));
  }

  /** Arguments after the flags. */
  public List<String> rest() {
    return rest;
  }
}
