package dev.jaydns.plugins.acl;

import dev.jaydns.plugin.Chain;
import dev.jaydns.plugin.Handler;
import dev.jaydns.plugin.Query;
import dev.jaydns.plugin.Response;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

/**
 * Checks each query against the policies whose zones cover its name, in order: the first rule
 * matching the query type and the client's source address decides. {@code allow} passes the
 * query on (later policies are not consulted), {@code block} answers REFUSED, {@code filter}
 * answers NOERROR with no records, {@code drop} sends nothing. A query no rule matches is
 * allowed.
 */
public final class AclHandler implements Handler {

  private final List<AclPolicy> policies;
  private volatile AclMetrics metrics;

  public AclHandler(AclConfig config) {
    this.policies = config.policies();
  }

  void metrics(AclMetrics m) {
    this.metrics = m;
  }

  @Override
  public CompletionStage<Response> handle(Query query, Chain next) {
    InetAddress source = query.remote().getAddress();
    AclMetrics m = metrics;
    policies:
    for (AclPolicy p : policies) {
      String zone = p.zones().match(query.name());
      if (zone == null) {
        continue;
      }
      for (AclRule r : p.rules()) {
        if (!r.matches(query.qtype(), source)) {
          continue;
        }
        if (r.action() == AclRule.Action.ALLOW) {
          break policies;
        }
        if (m != null) {
          m.denied(r.action(), query.server(), zone);
        }
        return switch (r.action()) {
          case DROP -> java.util.concurrent.CompletableFuture.completedFuture(Response.drop());
          case BLOCK -> Response.completed(reply(query, Rcode.REFUSED));
          default -> Response.completed(reply(query, Rcode.NOERROR));
        };
      }
    }
    if (m != null) {
      m.allowed(query.server());
    }
    return next.handle(query);
  }

  private static Message reply(Query query, int rcode) {
    Message reply = new Message(query.id());
    reply.getHeader().setFlag(Flags.QR);
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
}
