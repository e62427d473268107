package dev.jaydns.plugins.rewrite;

/** {@code rcode [MATCH] NAME FROM TO}: for a matching question name, an answer's rcode FROM becomes TO. */
record RcodeRule(boolean stop, NameMatch match, int from, int to) implements Rule {

  @Override
  public boolean apply(Rewriting rw) {
    if (!match.matches(rw.name)) {
      return false;
    }
    rw.addResponseRule(
        (m, x) -> {
          if (m.getHeader().getRcode() == from) {
            m.getHeader().setRcode(to);
          }
        });
    return true;
  }
}
