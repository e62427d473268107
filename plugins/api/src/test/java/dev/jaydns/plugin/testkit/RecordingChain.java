package dev.jaydns.plugin.testkit;

import dev.jaydns.plugin.Chain;
import dev.jaydns.plugin.Query;
import dev.jaydns.plugin.Response;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

/**
 * The rest of a chain, for handler tests: records every query passed to it and answers with a
 * function of the query, as CoreDNS's test {@code ResponseWriter} and {@code NextHandler} do.
 */
public final class RecordingChain implements Chain {

  private final Function<Query, CompletionStage<Response>> answerer;
  private final List<Query> queries = new CopyOnWriteArrayList<>();

  public RecordingChain(Function<Query, CompletionStage<Response>> answerer) {
    this.answerer = answerer;
  }

  /** A chain that answers every query with {@code rcode} and the records {@code answers} makes. */
  public static RecordingChain answering(int rcode, Function<Query, List<org.xbill.DNS.Record>> answers) {
    return new RecordingChain(
        q -> {
          Message reply = reply(q, rcode);
          for (org.xbill.DNS.Record r : answers.apply(q)) {
            reply.addRecord(r, Section.ANSWER);
          }
          return CompletableFuture.completedFuture(Response.of(reply));
        });
  }

  /** A chain that fails every query without writing, as a forward with no reachable upstream. */
  public static RecordingChain failing(int rcode, String reason) {
    return new RecordingChain(q -> Response.failed(rcode, new RuntimeException(reason)));
  }

  /** A reply to {@code q}: ID, question, RD and CD copied, QR and RA set, {@code rcode}. */
  public static Message reply(Query q, int rcode) {
    Message request = q.message();
    Message reply = new Message(request.getHeader().getID());
    reply.getHeader().setFlag(org.xbill.DNS.Flags.QR);
    reply.getHeader().setFlag(org.xbill.DNS.Flags.RA);
    if (request.getHeader().getFlag(org.xbill.DNS.Flags.RD)) {
      reply.getHeader().setFlag(org.xbill.DNS.Flags.RD);
    }
    if (request.getHeader().getFlag(org.xbill.DNS.Flags.CD)) {
      reply.getHeader().setFlag(org.xbill.DNS.Flags.CD);
    }
    reply.getHeader().setRcode(rcode);
    reply.addRecord(request.getQuestion(), Section.QUESTION);
    return reply;
  }

  /** A reply with rcode NOERROR and no records. */
  public static Message emptyReply(Query q) {
    return reply(q, Rcode.NOERROR);
  }

  @Override
  public CompletionStage<Response> handle(Query query) {
    queries.add(query);
    return answerer.apply(query);
  }

  /** Every query that reached this chain, in order. */
  public List<Query> queries() {
    return queries;
  }

  public int count() {
    return queries.size();
  }
}
