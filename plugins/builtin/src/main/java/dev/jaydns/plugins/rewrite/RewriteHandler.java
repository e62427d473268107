package dev.jaydns.plugins.rewrite;

import dev.jaydns.plugin.Chain;
import dev.jaydns.plugin.Handler;
import dev.jaydns.plugin.Query;
import dev.jaydns.plugin.Response;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.TextParseException;

/**
 * Runs the rules in order on each query: a matching {@code stop} rule ends the list, a matching
 * {@code continue} rule lets the next one see the changed query. The changed query goes down the
 * chain; the answer coming back carries the question the client asked and whatever the matching
 * rules change in it. A query no rule matches passes untouched, without a copy.
 */
public final class RewriteHandler implements Handler {

  private final List<Rule> rules;

  public RewriteHandler(RewriteConfig config) {
    this.rules = config.rules();
  }

  @Override
  public CompletionStage<Response> handle(Query query, Chain next) {
    Rewriting rw = new Rewriting(query);
    boolean matched = false;
    for (Rule rule : rules) {
      if (rule.apply(rw)) {
        matched = true;
        if (rule.stop()) {
          break;
        }
      }
    }
    if (!matched) {
      return next.handle(query);
    }
    Query down = query;
    if (rw.requestChanged()) {
      try {
        down = rw.rewrittenQuery();
      } catch (TextParseException | IllegalArgumentException e) {
        return Response.failed(
            Rcode.SERVFAIL, new IllegalStateException("invalid name after rewrite: " + rw.name, e));
      }
    }
    CompletionStage<Response> answer = next.handle(down);
    if (rw.rewritesResponse()) {
      answer = answer.thenApply(rw::revert);
    }
    List<CnameRule> cnames = rw.cnameRules();
    if (cnames != null) {
      Query asked = down;
      answer = answer.thenCompose(r -> CnameRule.follow(r, asked, next, cnames, 0));
    }
    return answer;
  }
}
