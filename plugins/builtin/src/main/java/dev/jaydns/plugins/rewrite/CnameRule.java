package dev.jaydns.plugins.rewrite;

import dev.jaydns.plugin.Chain;
import dev.jaydns.plugin.Query;
import dev.jaydns.plugin.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * {@code cname [MATCH] FROM TO}: when the answer holds a CNAME whose target matches FROM, the
 * target becomes TO, the query is asked again for TO (same type and class) down the chain, and
 * the answer is rebuilt from the CNAME records, every one pointing at TO, followed by the records
 * of the new answer owned by TO. As in CoreDNS, FROM and TO are compared as written (lowercased,
 * not made fully qualified), and the rule counts as matching every query, so a {@code stop} cname
 * rule ends the rule list.
 */
record CnameRule(boolean stop, NameMatch match, String to) implements Rule {

  private static final Logger LOG = LoggerFactory.getLogger("plugin/rewrite");

  @Override
  public boolean apply(Rewriting rw) {
    rw.addCnameRule(this);
    return true;
  }

  /** The new target for {@code target} (lowercase), or null when this rule leaves it alone. */
  String retarget(String target) {
    return match.rewrite(target, to);
  }

  /**
   * Applies {@code rules} in order to {@code answer}: each looks for the first CNAME (answer,
   * authority, then additional section) whose target it rewrites and, if it finds one, asks
   * {@code next} for the new target.
   */
  static CompletionStage<Response> follow(
      Response answer, Query down, Chain next, List<CnameRule> rules, int index) {
    if (index >= rules.size() || !answer.isWritten()) {
      return CompletableFuture.completedFuture(answer);
    }
    CnameRule rule = rules.get(index);
    Message m = answer.message();
    String newTarget = null;
    for (int section : new int[] {Section.AUTHORITY, Section.ANSWER, Section.ADDITIONAL}) {
      for (Record r : m.getSection(section)) {
        if (r instanceof CNAMERecord c && newTarget == null) {
          newTarget = rule.retarget(c.getTarget().toString().toLowerCase(Locale.ROOT));
        }
      }
    }
    if (newTarget == null) {
      return follow(answer, down, next, rules, index + 1);
    }
    String targetText = newTarget;
    Name target;
    Query again;
    try {
      target = Name.fromString(newTarget);
      Message q = down.message().clone();
      Record question = q.getQuestion();
      q.removeAllRecords(Section.QUESTION);
      q.addRecord(Record.newRecord(target, question.getType(), question.getDClass()), Section.QUESTION);
      again = down.withMessage(q);
    } catch (TextParseException | IllegalArgumentException e) {
      LOG.error("cname rewrite to '{}' is not a valid name: {}", newTarget, e.getMessage());
      return follow(answer, down, next, rules, index + 1);
    }
    return next.handle(again)
        .thenCompose(
            found -> {
              if (!found.isWritten()) {
                LOG.error("upstream lookup of {} failed: {}", targetText, found.error());
                return follow(answer, down, next, rules, index + 1);
              }
              return follow(
                  Response.of(rebuild(m, target, found.message())), down, next, rules, index + 1);
            });
  }

  private static Message rebuild(Message m, Name target, Message found) {
    Message out = m.clone();
    List<Record> answer = new ArrayList<>();
    for (Record r : m.getSection(Section.ANSWER)) {
      if (r.getType() == Type.CNAME) {
        answer.add(new CNAMERecord(r.getName(), r.getDClass(), r.getTTL(), target));
      }
    }
    for (Record r : found.getSection(Section.ANSWER)) {
      if (r.getName().equals(target)) {
        answer.add(r);
      }
    }
    out.removeAllRecords(Section.ANSWER);
    for (Record r : answer) {
      out.addRecord(r, Section.ANSWER);
    }
    return out;
  }
}
