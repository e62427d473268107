package dev.jaydns.plugins.rewrite;

/** {@code type FROM TO}: a query of type FROM is passed on as type TO. */
record TypeRule(boolean stop, int from, int to) implements Rule {

  @Override
  public boolean apply(Rewriting rw) {
    if (rw.type != from) {
      return false;
    }
    rw.type = to;
    return true;
  }
}
