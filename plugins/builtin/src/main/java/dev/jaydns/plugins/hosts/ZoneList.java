package dev.jaydns.plugins.hosts;

import dev.jaydns.plugin.PluginConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * A list of zones a plugin is authoritative for, and the longest one a name falls in: CoreDNS's
 * {@code plugin.Zones.Matches}. Shared by the plugins of this module that take ZONES arguments.
 */
public final class ZoneList {

  private final List<String> zones;

  private ZoneList(List<String> zones) {
    this.zones = List.copyOf(zones);
  }

  /** Zones as written (normalised: lowercase, fully qualified); none gives the block's zones. */
  public static ZoneList of(List<String> written, List<String> blockZones) {
    if (written.isEmpty()) {
      return new ZoneList(blockZones);
    }
    List<String> z = new ArrayList<>(written.size());
    for (String w : written) {
      String n = PluginConfig.normalizeZone(w);
      if (!z.contains(n)) {
        z.add(n);
      }
    }
    return new ZoneList(z);
  }

  public List<String> zones() {
    return zones;
  }

  /**
   * The longest zone {@code name} (lowercase, fully qualified) is equal to or below, or null.
   */
  public String match(String name) {
    String best = null;
    for (String z : zones) {
      if (isSubdomain(name, z) && (best == null || z.length() > best.length())) {
        best = z;
      }
    }
    return best;
  }

  /** True when {@code name} equals {@code zone} or lies below it (label-wise). */
  public static boolean isSubdomain(String name, String zone) {
    if (zone.equals(".")) {
      return true;
    }
    if (!name.endsWith(zone)) {
      return false;
    }
    int cut = name.length() - zone.length();
    return cut == 0 || name.charAt(cut - 1) == '.';
  }

  @Override
  public String toString() {
    return zones.toString();
  }
}
