package dev.jaydns.plugins.rewrite;

import dev.jaydns.plugin.Query;
import dev.jaydns.plugin.Response;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;

/**
 * One query going through the rules: the question as rewritten so far, the EDNS0 options when a
 * rule changed them, and the response rules that must run on the answer.
 */
final class Rewriting {

  /** The UDP size of an OPT record added to a query that had none, as CoreDNS. */
  static final int ADDED_OPT_SIZE = 4096;

  final Query query;
  String name;
  int type;
  int dclass;
  /** The query's EDNS0 options once an edns0 rule touched them; null before. */
  List<EDNSOption> options;

  private final List<ResponseRule> responseRules = new ArrayList<>(2);
  private List<CnameRule> cnameRules;

  Rewriting(Query query) {
    this.query = query;
    this.name = query.name();
    this.type = query.qtype();
    this.dclass = query.qclass();
  }

  void addResponseRule(ResponseRule rule) {
    responseRules.add(rule);
  }

  void addCnameRule(CnameRule rule) {
    if (cnameRules == null) {
      cnameRules = new ArrayList<>(1);
    }
    cnameRules.add(rule);
  }

  /** The cname rules that matched, in order; null when none did. */
  List<CnameRule> cnameRules() {
    return cnameRules;
  }

  /** The options to edit, read from the query on first use. */
  List<EDNSOption> options() {
    if (options == null) {
      OPTRecord opt = query.message().getOPT();
      options = opt == null ? new ArrayList<>() : new ArrayList<>(opt.getOptions());
    }
    return options;
  }

  boolean questionChanged() {
    return !name.equals(query.name()) || type != query.qtype() || dclass != query.qclass();
  }

  boolean requestChanged() {
    return questionChanged() || options != null;
  }

  boolean rewritesResponse() {
    return questionChanged() || !responseRules.isEmpty();
  }

  /**
   * The query to pass down.
   *
   * @throws TextParseException when the rewritten name is not a legal domain name
   */
  Query rewrittenQuery() throws TextParseException {
    Message m = query.message().clone();
    if (questionChanged()) {
      Record q = Record.newRecord(Name.fromString(name), type, dclass);
      m.removeAllRecords(Section.QUESTION);
      m.addRecord(q, Section.QUESTION);
    }
    if (options != null) {
      OPTRecord old = m.getOPT();
      OPTRecord opt;
      if (old != null) {
        m.removeRecord(old, Section.ADDITIONAL);
        opt =
            new OPTRecord(
                old.getPayloadSize(), old.getExtendedRcode(), old.getVersion(), old.getFlags(),
                options);
      } else {
        opt = new OPTRecord(ADDED_OPT_SIZE, 0, 0, 0, options);
      }
      m.addRecord(opt, Section.ADDITIONAL);
    }
    return query.withMessage(m);
  }

  /**
   * The answer as the client must see it: the question it asked, then the response rules, the
   * last rewrite undone first.
   */
  Response revert(Response response) {
    if (!response.isWritten()) {
      return response;
    }
    Message m = response.message().clone();
    if (questionChanged()) {
      m.removeAllRecords(Section.QUESTION);
      m.addRecord(query.message().getQuestion(), Section.QUESTION);
    }
    for (int i = responseRules.size() - 1; i >= 0; i--) {
      responseRules.get(i).apply(m, this);
    }
    return Response.of(m);
  }
}
