package dev.jaydns.plugins.cache;

import dev.jaydns.plugin.Query;
import java.util.List;

/** A set of zones and the question CoreDNS's {@code plugin.Zones.Matches} answers: is a name in one? */
final class ZoneSet {

  private final String[] zones;
  private final boolean root;

  /** @param zones lowercase, fully qualified */
  ZoneSet(List<String> zones) {
    this.zones = zones.toArray(String[]::new);
    this.root = zones.contains(".");
  }

  boolean isEmpty() {
    return zones.length == 0;
  }

  /** True when the query's name is one of the zones or below one; builds the name only if needed. */
  boolean contains(Query query) {
    return root || (zones.length > 0 && contains(query.name()));
  }

  /** True when {@code name} (lowercase, fully qualified) is one of the zones or below one. */
  boolean contains(String name) {
    if (root) {
      return true;
    }
    for (String z : zones) {
      if (name.endsWith(z) && (name.length() == z.length() || boundary(name, name.length() - z.length()))) {
        return true;
      }
    }
    return false;
  }

  /** True when the zone suffix starting at {@code start} begins a label (an unescaped dot before it). */
  private static boolean boundary(String name, int start) {
    if (name.charAt(start - 1) != '.') {
      return false;
    }
    int backslashes = 0;
    for (int i = start - 2; i >= 0 && name.charAt(i) == '\\'; i--) {
      backslashes++;
    }
    return backslashes % 2 == 0;
  }
}
