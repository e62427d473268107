package dev.jaydns.plugins.log;

import java.util.List;

/**
 * Every {@code log} line of a block, read: one rule per NAME, in Corefile order. The first rule
 * covering a query's name decides whether and how it is logged.
 *
 * @param rules the rules, in order
 */
record LogConfig(List<LogRule> rules) {

  LogConfig {
    rules = List.copyOf(rules);
  }
}
