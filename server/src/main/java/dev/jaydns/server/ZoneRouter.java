package dev.jaydns.server;

import dev.jaydns.plugin.Query;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Picks the server block for a query on one listener: the longest zone that contains the query
 * name, {@code .} last (CoreDNS's routing, spec §2.2). For DS queries the shortest matching zone
 * other than the root wins, so a DS at a zone cut is answered by the parent when both are served.
 */
final class ZoneRouter {

  /** Below this many zones a scan of suffixes beats hashing substrings (no allocation). */
  private static final int SCAN_LIMIT = 16;

  private static final int TYPE_DS = 43;

  private final Map<String, BlockChain> byZone;
  private final String[] zones;
  private final BlockChain[] chains;
  private final BlockChain root;
  private final boolean anyClass;

  ZoneRouter(Map<String, BlockChain> byZone) {
    this.byZone = new HashMap<>(byZone);
    this.root = byZone.get(".");
    List<String> z = new ArrayList<>(byZone.keySet());
    z.remove(".");
    // Longest first, so the first suffix match of a scan is the longest zone.
    z.sort((a, b) -> Integer.compare(b.length(), a.length()));
    this.zones = z.toArray(String[]::new);
    this.chains = new BlockChain[zones.length];
    for (int i = 0; i < zones.length; i++) {
      chains[i] = byZone.get(zones[i]);
    }
    this.anyClass = byZone.values().stream().anyMatch(BlockChain::anyClass);
  }

  /** True when some block on this listener routes classes other than IN (it loads forward). */
  boolean anyClass() {
    return anyClass;
  }

  /** Zones served on this listener, for startup output. */
  Map<String, BlockChain> zones() {
    return byZone;
  }

  /** The block for the query's name, or null when no zone matches: REFUSED. */
  BlockChain route(Query query) {
    // The root alone (the node-local cache's "." block) needs no name: none is built.
    return zones.length == 0 ? root : route(query.name(), query.qtype());
  }

  /** The block for {@code name} (lowercase FQDN), or null when no zone matches: REFUSED. */
  BlockChain route(String name, int qtype) {
    if (qtype == TYPE_DS) {
      return routeDs(name);
    }
    if (zones.length <= SCAN_LIMIT) {
      for (int i = 0; i < zones.length; i++) {
        if (isSubdomain(name, zones[i])) {
          return chains[i];
        }
      }
      return root;
    }
    for (int i = 0; i >= 0 && i < name.length() - 1; i = nextLabel(name, i)) {
      BlockChain c = byZone.get(i == 0 ? name : name.substring(i));
      if (c != null) {
        return c;
      }
    }
    return root;
  }

  private BlockChain routeDs(String name) {
    BlockChain shortest = null;
    for (int i = zones.length - 1; i >= 0; i--) {
      if (isSubdomain(name, zones[i])) {
        shortest = chains[i];
        break;
      }
    }
    return shortest != null ? shortest : root;
  }

  /** True when {@code name} equals {@code zone} or lies below it at a label boundary. */
  static boolean isSubdomain(String name, String zone) {
    int start = name.length() - zone.length();
    if (start < 0 || !name.regionMatches(start, zone, 0, zone.length())) {
      return false;
    }
    return start == 0 || (name.charAt(start - 1) == '.' && !escaped(name, start - 1));
  }

  /** Index of the first character of the next label after the one starting at {@code i}, or -1. */
  private static int nextLabel(String name, int i) {
    for (int j = i; j < name.length(); j++) {
      char c = name.charAt(j);
      if (c == '\\') {
        j++;
      } else if (c == '.') {
        return j + 1;
      }
    }
    return -1;
  }

  /** True when the character at {@code i} is escaped by an odd run of backslashes. */
  private static boolean escaped(String s, int i) {
    int n = 0;
    for (int j = i - 1; j >= 0 && s.charAt(j) == '\\'; j--) {
      n++;
    }
    return (n & 1) == 1;
  }
}
