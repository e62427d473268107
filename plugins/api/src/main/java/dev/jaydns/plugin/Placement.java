package dev.jaydns.plugin;

import java.util.Objects;

/**
 * Where a plugin outside the built-in order runs: immediately before or after a named plugin of
 * that order ({@code before forward}, {@code after cache}).
 */
public record Placement(Relation relation, String anchor) {

  public enum Relation {
    BEFORE,
    AFTER
  }

  public Placement {
    Objects.requireNonNull(relation, "relation");
    Objects.requireNonNull(anchor, "anchor");
  }

  public static Placement before(String anchor) {
    return new Placement(Relation.BEFORE, anchor);
  }

  public static Placement after(String anchor) {
    return new Placement(Relation.AFTER, anchor);
  }

  @Override
  public String toString() {
    return relation.name().toLowerCase(java.util.Locale.ROOT) + " " + anchor;
  }
}
