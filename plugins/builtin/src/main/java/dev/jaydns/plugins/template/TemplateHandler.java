package dev.jaydns.plugins.template;

import dev.jaydns.plugin.Chain;
import dev.jaydns.plugin.Handler;
import dev.jaydns.plugin.Query;
import dev.jaydns.plugin.Response;
import dev.jaydns.plugins.hosts.ZoneList;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Master;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Answers from templates: the first template whose zone, class, type and a regex match the query
 * writes the reply (AA=1, its rcode, its rendered records). A template whose zone, class or type
 * does not match hands over to the next template; one whose regexes do not match does so only
 * with {@code fallthrough}, else the query fails with SERVFAIL. After the last template the query
 * goes to the next plugin.
 */
public final class TemplateHandler implements Handler {

  private final List<Template> templates;
  private final ZoneList zones;
  private final Map<Pattern, List<String>> groupNames = new HashMap<>();
  private volatile TemplateMetrics metrics;

  public TemplateHandler(TemplateConfig config) {
    this.templates = config.templates();
    List<String> all = new ArrayList<>();
    for (Template t : templates) {
      all.addAll(t.zones().zones());
      for (Pattern p : t.match()) {
        groupNames.put(p, namedGroups(p));
      }
    }
    this.zones = ZoneList.of(all, List.of("."));
  }

  void metrics(TemplateMetrics m) {
    this.metrics = m;
  }

  @Override
  public CompletionStage<Response> handle(Query query, Chain next) {
    String qname = query.name();
    if (zones.match(qname) == null) {
      return next.handle(query);
    }
    for (Template t : templates) {
      String zone = t.zones().match(qname);
      if (zone == null
          || !matches(t.qclass(), query.qclass(), DClass.ANY)
          || !matches(t.qtype(), query.qtype(), Type.ANY)) {
        continue;
      }
      Matcher m = firstMatch(t, qname);
      if (m == null) {
        if (t.fallthrough().through(qname)) {
          continue;
        }
        return Response.failed(Rcode.SERVFAIL, null);
      }
      String qclass = DClass.string(query.qclass());
      String qtype = Type.string(query.qtype());
      TemplateMetrics tm = metrics;
      if (tm != null) {
        tm.match(query.server(), zone, qclass, qtype);
      }
      if (t.rcode() == Rcode.SERVFAIL) {
        return Response.failed(Rcode.SERVFAIL, null);
      }
      TemplateData data = data(query, zone, qclass, qtype, m);
      Message reply = reply(query, t.rcode());
      try {
        add(reply, Section.ANSWER, "answer", t.answer(), data, query, t, tm);
        add(reply, Section.ADDITIONAL, "additional", t.additional(), data, query, t, tm);
        add(reply, Section.AUTHORITY, "authority", t.authority(), data, query, t, tm);
      } catch (RenderException e) {
        return Response.failed(Rcode.SERVFAIL, e);
      }
      if (t.ederror() >= 0 && query.hasEdns()) {
        reply.addRecord(
            new OPTRecord(
                Math.max(query.ednsUdpSize(), 512), 0, 0, query.dnssecOk() ? 0x8000 : 0,
                List.of(
                    t.ederrorReason() == null
                        ? new ExtendedErrorCodeOption(t.ederror())
                        : new ExtendedErrorCodeOption(t.ederror(), t.ederrorReason()))),
            Section.ADDITIONAL);
      }
      if (query.qtype() == Type.A || query.qtype() == Type.AAAA) {
        List<Record> answer = new ArrayList<>(reply.getSection(Section.ANSWER));
        for (Record r : answer) {
          if (r.getType() == Type.CNAME) {
            return resolveTargets(reply, answer, query, next);
          }
        }
      }
      return Response.completed(reply);
    }
    return next.handle(query);
  }

  /**
   * CoreDNS's template always looks up the target of a templated CNAME for A and AAAA queries and
   * adds the records it finds right after the CNAME. The lookup goes down the chain; a failed one
   * adds nothing.
   */
  private static CompletionStage<Response> resolveTargets(
      Message reply, List<Record> answer, Query query, Chain next) {
    reply.removeAllRecords(Section.ANSWER);
    CompletionStage<Message> built = CompletableFuture.completedFuture(reply);
    for (Record r : answer) {
      built =
          built.thenCompose(
              m -> {
                m.addRecord(r, Section.ANSWER);
                if (!(r instanceof CNAMERecord c)) {
                  return CompletableFuture.completedFuture(m);
                }
                Message q = query.message().clone();
                q.removeAllRecords(Section.QUESTION);
                q.addRecord(
                    Record.newRecord(c.getTarget(), query.qtype(), DClass.IN), Section.QUESTION);
                return next.handle(query.withMessage(q))
                    .thenApply(
                        found -> {
                          if (found.isWritten()) {
                            for (Record f : found.message().getSection(Section.ANSWER)) {
                              m.addRecord(f, Section.ANSWER);
                            }
                          }
                          return m;
                        });
              });
    }
    return built.thenApply(Response::of);
  }

  private static boolean matches(int wanted, int asked, int any) {
    return wanted == any || asked == any || wanted == asked;
  }

  private static Matcher firstMatch(Template t, String qname) {
    for (Pattern p : t.match()) {
      Matcher m = p.matcher(qname);
      if (m.find()) {
        return m;
      }
    }
    return null;
  }

  /** The names of a pattern's named groups (Java 17 has no API listing them). */
  private static List<String> namedGroups(Pattern p) {
    List<String> names = new ArrayList<>();
    Matcher m = NAMED_GROUP.matcher(p.pattern());
    while (m.find()) {
      names.add(m.group(1));
    }
    return List.copyOf(names);
  }

  private static final Pattern NAMED_GROUP = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

  private TemplateData data(Query q, String zone, String qclass, String qtype, Matcher m) {
    List<String> match = new ArrayList<>(m.groupCount() + 1);
    Map<String, String> group = new HashMap<>();
    for (int i = 0; i <= m.groupCount(); i++) {
      String g = m.group(i) == null ? "" : m.group(i);
      match.add(g);
      group.put(Integer.toString(i), g);
    }
    for (String name : groupNames.get(m.pattern())) {
      String g = m.group(name);
      group.put(name, g == null ? "" : g);
    }
    Message message = q.message();
    return new TemplateData(
        zone,
        q.name(),
        qclass,
        qtype,
        match,
        group,
        q.remote() == null ? "" : q.remote().getAddress().getHostAddress(),
        message.toString(),
        message.getQuestion().toString());
  }

  private static Message reply(Query query, int rcode) {
    Message reply = new Message(query.id());
    reply.getHeader().setFlag(Flags.QR);
    reply.getHeader().setFlag(Flags.AA);
    reply.getHeader().setOpcode(query.opcode());
    if (query.recursionDesired()) {
      reply.getHeader().setFlag(Flags.RD);
    }
    if (query.checkingDisabled()) {
      reply.getHeader().setFlag(Flags.CD);
    }
    reply.getHeader().setRcode(rcode);
    reply.addRecord(query.message().getQuestion(), Section.QUESTION);
    return reply;
  }

  private static final class RenderException extends Exception {
    RenderException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static void add(
      Message reply,
      int section,
      String sectionName,
      List<TemplateText> texts,
      TemplateData data,
      Query q,
      Template t,
      TemplateMetrics tm)
      throws RenderException {
    for (TemplateText text : texts) {
      String rendered;
      try {
        rendered = text.render(data);
      } catch (RuntimeException e) {
        if (tm != null) {
          tm.failure(false, q.server(), data.zone(), data.qclass(), data.qtype(), sectionName, text.source());
        }
        throw new RenderException("plugin/template: " + e.getMessage(), e);
      }
      Record rr;
      try (Master master =
          new Master(
              new ByteArrayInputStream(
                  ("$TTL 3600\n" + rendered + "\n").getBytes(StandardCharsets.UTF_8)),
              Name.root)) {
        rr = master.nextRecord();
        if (rr == null) {
          throw new IllegalArgumentException("no record in '" + rendered + "'");
        }
      } catch (Exception e) {
        if (tm != null) {
          tm.failure(true, q.server(), data.zone(), data.qclass(), data.qtype(), sectionName, text.source());
        }
        throw new RenderException("plugin/template: invalid record '" + rendered + "': " + e.getMessage(), e);
      }
      reply.addRecord(rr, section);
    }
  }
}
