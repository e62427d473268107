package dev.example.jay;

import dev.jaydns.plugin.Chain;
import dev.jaydns.plugin.Handler;
import dev.jaydns.plugin.Query;
import dev.jaydns.plugin.Response;
import java.util.concurrent.CompletionStage;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * Answers the CHAOS-class TXT names servers conventionally answer about themselves, and passes
 * every other query on.
 */
public final class JayVersionHandler implements Handler {

  private final JayVersionConfig config;

  public JayVersionHandler(JayVersionConfig config) {
    this.config = config;
  }

  @Override
  public CompletionStage<Response> handle(Query query, Chain next) {
    if (query.qclass() != DClass.CH || query.qtype() != Type.TXT) {
      return next.handle(query);
    }
    String text =
        switch (query.name()) {
          case "version.bind.", "version.server." -> config.version();
          case "hostname.bind.", "id.server." -> config.hostname();
          default -> null;
        };
    if (text == null) {
      return next.handle(query);
    }
    return Response.completed(answer(query, text));
  }

  private static Message answer(Query query, String text) {
    Message request = query.message();
    Message reply = new Message(request.getHeader().getID());
    reply.getHeader().setFlag(Flags.QR);
    reply.getHeader().setFlag(Flags.AA);
    reply.getHeader().setOpcode(request.getHeader().getOpcode());
    if (request.getHeader().getOpcode() == Opcode.QUERY) {
      for (int flag : new int[] {Flags.RD, Flags.CD}) {
        if (request.getHeader().getFlag(flag)) {
          reply.getHeader().setFlag(flag);
        }
      }
    }
    reply.addRecord(request.getQuestion(), Section.QUESTION);
    reply.addRecord(
        new TXTRecord(request.getQuestion().getName(), DClass.CH, 0, text), Section.ANSWER);
    return reply;
  }
}
