package dev.jaydns.plugins.hosts;

import java.util.List;

/**
 * The {@code fallthrough [ZONES...]} option: whether a plugin that has no answer passes the query
 * on. Off by default; on with no zones means every name; with zones, only names in them.
 */
public record Fallthrough(boolean enabled, List<String> zones) {

  /** No fallthrough: the plugin answers everything it is authoritative for. */
  public static final Fallthrough NONE = new Fallthrough(false, List.of());

  public Fallthrough {
    zones = List.copyOf(zones);
  }

  /** Fallthrough for the written zones (normalised), or for every name when none is written. */
  public static Fallthrough of(List<String> written) {
    return new Fallthrough(true, ZoneList.of(written, List.of(".")).zones());
  }

  /** True when a query for {@code name} should go to the next plugin. */
  public boolean through(String name) {
    if (!enabled) {
      return false;
    }
    for (String z : zones) {
      if (ZoneList.isSubdomain(name, z)) {
        return true;
      }
    }
    return false;
  }
}
