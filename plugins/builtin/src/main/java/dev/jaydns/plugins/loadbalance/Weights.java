package dev.jaydns.plugins.loadbalance;

import dev.jaydns.plugin.net.IpLiteral;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The contents of a weight file: for each domain name, the weight (1-255) of some of its
 * addresses. The file is a list of blocks, a domain name on a line of its own followed by lines
 * {@code ADDRESS WEIGHT}; blank lines and lines starting with {@code #} are skipped.
 */
final class Weights {

  static final Weights NONE = new Weights(Map.of());

  /** One weighted address. */
  record Entry(InetAddress address, int weight) {}

  private final Map<String, List<Entry>> byName;

  private Weights(Map<String, List<Entry>> byName) {
    this.byName = byName;
  }

  /**
   * Reads a weight file's text.
   *
   * @throws IllegalArgumentException naming the faulty line, with CoreDNS's wording
   */
  static Weights parse(String text, String fileName) {
    Map<String, List<Entry>> byName = new HashMap<>();
    List<Entry> current = null;
    for (String raw : text.split("\n", -1)) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split("\\s+");
      switch (fields.length) {
        case 1 -> {
          if (IpLiteral.parse(fields[0]) != null) {
            throw new IllegalArgumentException(
                "wrong domain name:\"" + fields[0] + "\" in weight file " + fileName
                    + ". (Maybe a missing weight value?)");
          }
          String name = fields[0].toLowerCase(Locale.ROOT);
          if (!name.endsWith(".")) {
            name += ".";
          }
          current = byName.computeIfAbsent(name, k -> new ArrayList<>());
        }
        case 2 -> {
          InetAddress address = IpLiteral.toAddress(fields[0]);
          if (address == null) {
            throw new IllegalArgumentException(
                "wrong IP address:\"" + fields[0] + "\" in weight file " + fileName);
          }
          int weight = weight(fields[1]);
          if (weight < 1) {
            throw new IllegalArgumentException(
                "wrong weight value:\"" + fields[1] + "\" in weight file " + fileName);
          }
          if (current == null) {
            throw new IllegalArgumentException("missing domain name in weight file " + fileName);
          }
          current.add(new Entry(address, weight));
        }
        default ->
            throw new IllegalArgumentException(
                "could not parse weight line:\"" + line + "\" in weight file " + fileName);
      }
    }
    Map<String, List<Entry>> frozen = new HashMap<>();
    byName.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
    return new Weights(Map.copyOf(frozen));
  }

  /** Go's {@code strconv.ParseUint(s, 10, 8)}, or -1 when it fails or is 0. */
  private static int weight(String s) {
    if (s.isEmpty() || s.length() > 18) {
      return -1;
    }
    long v = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v >= 1 && v <= 255 ? (int) v : -1;
  }

  /** The weight of {@code address} for {@code name} (lowercase, fully qualified); 1 if none. */
  int weight(String name, InetAddress address) {
    List<Entry> entries = byName.get(name);
    if (entries != null) {
      for (Entry e : entries) {
        if (e.address().equals(address)) {
          return e.weight();
        }
      }
    }
    return 1;
  }

  /** How many domain names have weights. */
  int size() {
    return byName.size();
  }
}
