package dev.jaydns.plugins.errors;

import dev.jaydns.plugin.Chain;
import dev.jaydns.plugin.GoDuration;
import dev.jaydns.plugin.Handler;
import dev.jaydns.plugin.Query;
import dev.jaydns.plugin.Response;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Type;

/**
 * Logs what the rest of the chain reports as an error: {@code RCODE QNAME QTYPE: ERRTEXT} at
 * ERROR, or, for errors a {@code consolidate} rule claims, one summary line per period. The
 * response passes through unchanged.
 *
 * <p>Thread-safe and lock-free: a counter per rule; the first error of a period arms a Vert.x
 * timer that swaps the counter to zero and logs the summary. {@link #stop} cancels the timers and
 * flushes what is pending; errors seen after it are logged one by one.
 */
final class ErrorsHandler implements Handler {

  private static final Logger LOG = LoggerFactory.getLogger("plugin/errors");

  private final boolean stacktrace;
  private final Rule[] rules;
  private volatile Vertx vertx;
  private volatile boolean stopped;

  ErrorsHandler(ErrorsConfig config) {
    this.stacktrace = config.stacktrace();
    List<Consolidate> c = config.consolidate();
    this.rules = new Rule[c.size()];
    for (int i = 0; i < rules.length; i++) {
      rules[i] = new Rule(c.get(i));
    }
  }

  void start(Vertx v) {
    this.vertx = v;
  }

  void stop() {
    stopped = true;
    Vertx v = vertx;
    for (Rule r : rules) {
      long id = r.timer;
      if (v != null && id >= 0) {
        v.cancelTimer(id);
      }
      r.flush();
    }
  }

  @Override
  public CompletionStage<Response> handle(Query query, Chain next) {
    CompletionStage<Response> stage = next.handle(query);
    // An answer already at hand (a cache hit) needs no extra stage.
    if (stage instanceof CompletableFuture<Response> f && f.isDone() && !f.isCompletedExceptionally()) {
      inspect(query, f.join());
      return stage;
    }
    return stage.thenApply(
        r -> {
          inspect(query, r);
          return r;
        });
  }

  private void inspect(Query query, Response response) {
    Throwable error = response.error();
    if (error == null) {
      return;
    }
    String text = text(error);
    for (Rule rule : rules) {
      if (rule.config.pattern().matcher(text).find()) {
        if (!stopped) {
          rule.count(query, response, error, text);
          return;
        }
        break;
      }
    }
    log(Consolidate.Level.ERROR, line(query, response, text), error);
  }

  private void log(Consolidate.Level level, String message, Throwable error) {
    Throwable t = stacktrace ? error : null;
    switch (level) {
      case ERROR -> LOG.error(message, t);
      case WARNING -> LOG.warn(message, t);
      case INFO -> LOG.info(message, t);
      case DEBUG -> LOG.debug(message, t);
    }
  }

  private static String line(Query query, Response response, String text) {
    return new StringBuilder(64 + text.length())
        .append(response.rcode())
        .append(' ')
        .append(query.name())
        .append(' ')
        .append(Type.string(query.qtype()))
        .append(": ")
        .append(text)
        .toString();
  }

  private static String text(Throwable error) {
    String m = error.getMessage();
    return m != null ? m : error.toString();
  }

  /** The counter and timer of one consolidate rule. */
  private final class Rule {
    final Consolidate config;
    final String summaryTail;
    final long delayMillis;
    final AtomicLong count = new AtomicLong();
    volatile long timer = -1;

    Rule(Consolidate config) {
      this.config = config;
      this.summaryTail =
          " errors like '" + config.regexp() + "' occurred in last "
              + GoDuration.format(config.duration());
      // Vert.x timers fire after at least 1 ms.
      this.delayMillis = Math.max(1, config.duration().toMillis());
    }

    void count(Query query, Response response, Throwable error, String text) {
      if (count.incrementAndGet() != 1) {
        return;
      }
      if (config.showFirst()) {
        log(config.level(), line(query, response, text), error);
      }
      Vertx v = vertx;
      if (v == null) {
        flush();
        return;
      }
      long id = v.setTimer(delayMillis, t -> flush());
      timer = id;
      if (stopped) {
        v.cancelTimer(id);
        flush();
      }
    }

    void flush() {
      long n = count.getAndSet(0);
      if (n == 0 || (n == 1 && config.showFirst())) {
        return;
      }
      log(config.level(), n + summaryTail, null);
    }
  }
}
