package dev.jaydns.plugins.log;

import dev.jaydns.plugin.Chain;
import dev.jaydns.plugin.Handler;
import dev.jaydns.plugin.Query;
import dev.jaydns.plugin.Response;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs one line per query whose name the first matching rule covers, once the rest of the chain
 * has answered (or failed), if the answer's class is one the rule logs. Lines go to the SLF4J
 * logger {@code log} at INFO, which the server prints as {@code [INFO] } + the line, as CoreDNS
 * does. Stateless apart from its rules, so safe on every event loop at once.
 */
final class LogHandler implements Handler {

  static final Logger LOG = LoggerFactory.getLogger("log");

  private final LogRule[] rules;

  LogHandler(LogConfig config) {
    this.rules = config.rules().toArray(new LogRule[0]);
  }

  @Override
  public CompletionStage<Response> handle(Query query, Chain next) {
    String name = query.name();
    for (LogRule rule : rules) {
      if (!rule.covers(name)) {
        continue;
      }
      long start = System.nanoTime();
      CompletionStage<Response> stage = next.handle(query);
      if (stage instanceof CompletableFuture<Response> f
          && f.isDone()
          && !f.isCompletedExceptionally()) {
        write(rule, query, f.join(), start);
        return stage;
      }
      return stage.thenApply(
          r -> {
            write(rule, query, r, start);
            return r;
          });
    }
    return next.handle(query);
  }

  private static void write(LogRule rule, Query query, Response response, long start) {
    long nanos = System.nanoTime() - start;
    if (!LOG.isInfoEnabled()) {
      return;
    }
    if (!rule.logsAll()
        && !rule.classes()
            .contains(ResponseClass.classify(response, System.currentTimeMillis() / 1000))) {
      return;
    }
    StringBuilder sb = new StringBuilder(128);
    rule.format().append(sb, query, response, nanos);
    LOG.info(sb.toString());
  }
}
