package dev.jaydns.plugins.rewrite;

import java.util.List;

/** The parsed {@code rewrite} directives of a block, one rule each, in Corefile order. */
public record RewriteConfig(List<Rule> rules) {

  public RewriteConfig {
    rules = List.copyOf(rules);
  }
}
