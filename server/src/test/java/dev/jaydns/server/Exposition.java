package dev.jaydns.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A parsed Prometheus text exposition (format 0.0.4), as a scraper reads it: families with their
 * type, and samples with their labels. Strict enough that a malformed line fails the test.
 */
final class Exposition {

  /** One sample line. */
  record Sample(String name, Map<String, String> labels, double value) {}

  /** One {@code # TYPE} family and its samples. */
  record Family(String name, String type, List<Sample> samples) {

    /** The label keys its samples use, sorted, without a histogram's {@code le}. */
    TreeSet<String> labelKeys() {
      TreeSet<String> keys = new TreeSet<>();
      for (Sample s : samples) {
        keys.addAll(s.labels().keySet());
      }
      if (type.equals("histogram")) {
        keys.remove("le");
      }
      return keys;
    }
  }

  final Map<String, Family> families = new LinkedHashMap<>();

  static Exposition parse(String text) {
    Exposition e = new Exposition();
    for (String line : text.split("\n")) {
      if (line.isEmpty() || line.startsWith("# HELP ")) {
        continue;
      }
      if (line.startsWith("# TYPE ")) {
        String[] parts = line.substring(7).split(" ");
        if (parts.length != 2) {
          throw new IllegalArgumentException("bad TYPE line: " + line);
        }
        e.families.put(parts[0], new Family(parts[0], parts[1], new ArrayList<>()));
        continue;
      }
      if (line.startsWith("#")) {
        continue;
      }
      Sample s = sample(line);
      e.familyOf(s.name()).samples().add(s);
    }
    return e;
  }

  private Family familyOf(String sampleName) {
    Family f = families.get(sampleName);
    if (f != null) {
      return f;
    }
    for (String suffix : List.of("_bucket", "_count", "_sum", "_total")) {
      if (sampleName.endsWith(suffix)) {
        f = families.get(sampleName.substring(0, sampleName.length() - suffix.length()));
        if (f != null) {
          return f;
        }
      }
    }
    throw new IllegalArgumentException("sample without a TYPE line: " + sampleName);
  }

  private static Sample sample(String line) {
    int brace = line.indexOf('{');
    int space;
    String name;
    Map<String, String> labels = new LinkedHashMap<>();
    if (brace >= 0 && brace < line.indexOf(' ')) {
      name = line.substring(0, brace);
      int i = brace + 1;
      while (line.charAt(i) != '}') {
        int eq = line.indexOf('=', i);
        String key = line.substring(i, eq);
        if (line.charAt(eq + 1) != '"') {
          throw new IllegalArgumentException("bad label in: " + line);
        }
        StringBuilder v = new StringBuilder();
        int j = eq + 2;
        for (; line.charAt(j) != '"'; j++) {
          char c = line.charAt(j);
          if (c == '\\') {
            j++;
            c = line.charAt(j) == 'n' ? '\n' : line.charAt(j);
          }
          v.append(c);
        }
        labels.put(key, v.toString());
        i = j + 1;
        if (line.charAt(i) == ',') {
          i++;
        }
      }
      space = i + 1;
    } else {
      space = line.indexOf(' ');
      name = line.substring(0, space);
    }
    String[] rest = line.substring(space).trim().split(" ");
    return new Sample(name, labels, Double.parseDouble(rest[0]));
  }

  Family family(String name) {
    return families.get(name);
  }

  /** The sum of the samples named {@code sampleName} whose labels include {@code match}. */
  double sum(String sampleName, Map<String, String> match) {
    double total = 0;
    for (Family f : families.values()) {
      for (Sample s : f.samples()) {
        if (s.name().equals(sampleName) && s.labels().entrySet().containsAll(match.entrySet())) {
          total += s.value();
        }
      }
    }
    return total;
  }

  /** One line per family whose name starts with {@code prefix}: {@code NAME TYPE key,key}. */
  List<String> golden(String prefix) {
    List<String> lines = new ArrayList<>();
    for (Family f : families.values()) {
      if (f.name().startsWith(prefix)) {
        lines.add((f.name() + " " + f.type() + " " + String.join(",", f.labelKeys())).strip());
      }
    }
    lines.sort(null);
    return lines;
  }
}
