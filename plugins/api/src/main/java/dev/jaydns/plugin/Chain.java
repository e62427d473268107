package dev.jaydns.plugin;

import java.util.concurrent.CompletionStage;

/**
 * The rest of a plugin chain, as seen from one {@link Handler}. See {@link Handler} for what
 * calling it means.
 */
@FunctionalInterface
public interface Chain {

  /** Runs the next handler with this query. */
  CompletionStage<Response> handle(Query query);
}
