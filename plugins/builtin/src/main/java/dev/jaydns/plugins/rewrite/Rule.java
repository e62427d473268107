package dev.jaydns.plugins.rewrite;

/** One {@code rewrite} directive: a request change and the answer changes it implies. */
interface Rule {

  /** Applies the rule to the query in progress; true when it matched. */
  boolean apply(Rewriting rewriting);

  /** True for {@code stop} (the default): no later rule runs after this one matched. */
  boolean stop();
}
