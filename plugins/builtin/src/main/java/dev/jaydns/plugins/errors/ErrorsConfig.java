package dev.jaydns.plugins.errors;

import java.util.List;

/**
 * The {@code errors [stdout] { stacktrace; consolidate ... }} directive, read.
 *
 * @param stacktrace log stack traces of handler exceptions and of failure causes
 * @param consolidate the consolidation rules in Corefile order; the first match claims an error
 */
record ErrorsConfig(boolean stacktrace, List<Consolidate> consolidate) {

  ErrorsConfig {
    consolidate = List.copyOf(consolidate);
  }
}
