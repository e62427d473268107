package dev.jaydns.plugins.rewrite;

/** {@code class FROM TO}: a query of class FROM is passed on as class TO. */
record ClassRule(boolean stop, int from, int to) implements Rule {

  @Override
  public boolean apply(Rewriting rw) {
    if (rw.dclass != from) {
      return false;
    }
    rw.dclass = to;
    return true;
  }
}
