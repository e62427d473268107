package dev.jaydns.corefile;

import java.util.List;

/**
 * One server block: its keys (every zone and port it serves) and its directives in the order they
 * were written. Directive order here is only Corefile order; the server runs plugins in its fixed
 * plugin order.
 */
public record ServerBlock(List<ServerKey> keys, List<Directive> directives, Position position) {

  public ServerBlock {
    keys = List.copyOf(keys);
    directives = List.copyOf(directives);
  }

  /** Every directive with this name, in Corefile order (a block may repeat {@code log}, {@code forward}). */
  public List<Directive> directives(String name) {
    return directives.stream().filter(d -> d.name().equals(name)).toList();
  }
}
