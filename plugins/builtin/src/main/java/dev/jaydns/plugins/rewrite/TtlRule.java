package dev.jaydns.plugins.rewrite;

/**
 * {@code ttl [MATCH] NAME SECONDS|MIN-MAX}: for a matching question name, the TTLs of the answer's
 * records (every section, OPT excepted) are set, or clamped into [MIN, MAX].
 */
record TtlRule(boolean stop, NameMatch match, long min, long max) implements Rule {

  @Override
  public boolean apply(Rewriting rw) {
    if (!match.matches(rw.name)) {
      return false;
    }
    rw.addResponseRule(
        (m, x) ->
            Records.map(
                m,
                r -> {
                  long ttl = r.getTTL();
                  return Records.withTtl(r, ttl < min ? min : ttl > max ? max : ttl);
                }));
    return true;
  }
}
