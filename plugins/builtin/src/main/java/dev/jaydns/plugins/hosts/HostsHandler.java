package dev.jaydns.plugins.hosts;

import dev.jaydns.plugin.Chain;
import dev.jaydns.plugin.Handler;
import dev.jaydns.plugin.Query;
import dev.jaydns.plugin.Response;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Answers from a {@link HostsSource}. A name in the zones with an entry of the asked family gets
 * its addresses (AA=1); a name with entries of another family or type gets NODATA; a name without
 * entries falls through when configured, else SERVFAIL (hosts has no SOA to make an NXDOMAIN
 * with). PTR queries are answered for any zone; names outside the zones pass on.
 */
public final class HostsHandler implements Handler {

  private final HostsSource source;
  private final ZoneList zones;
  private final long ttl;
  private final Fallthrough fallthrough;

  public HostsHandler(HostsSource source, HostsConfig config) {
    this.source = source;
    this.zones = config.zones();
    this.ttl = config.ttl();
    this.fallthrough = config.fallthrough();
  }

  @Override
  public CompletionStage<Response> handle(Query query, Chain next) {
    String qname = query.name();
    int qtype = query.qtype();
    if (qtype != Type.PTR && zones.match(qname) == null) {
      return next.handle(query);
    }
    Message reply;
    switch (qtype) {
      case Type.PTR -> {
        InetAddress address = ReverseName.address(qname);
        List<String> names = address == null ? List.of() : source.names(address);
        if (names.isEmpty()) {
          return next.handle(query);
        }
        reply = reply(query);
        Name owner = reply.getQuestion().getName();
        for (String n : names) {
          reply.addRecord(new PTRRecord(owner, DClass.IN, ttl, name(n)), Section.ANSWER);
        }
      }
      case Type.A, Type.AAAA -> {
        List<InetAddress> ips = qtype == Type.A ? source.ipv4(qname) : source.ipv6(qname);
        if (ips.isEmpty() && !source.hasName(qname)) {
          return noEntry(query, next);
        }
        reply = reply(query);
        Name owner = reply.getQuestion().getName();
        for (InetAddress ip : ips) {
          reply.addRecord(
              qtype == Type.A
                  ? new ARecord(owner, DClass.IN, ttl, ip)
                  : new AAAARecord(owner, DClass.IN, ttl, ip),
              Section.ANSWER);
        }
      }
      default -> {
        if (!source.hasName(qname)) {
          return noEntry(query, next);
        }
        reply = reply(query);
      }
    }
    return Response.completed(reply);
  }

  private CompletionStage<Response> noEntry(Query query, Chain next) {
    if (fallthrough.through(query.name())) {
      return next.handle(query);
    }
    return Response.failed(Rcode.SERVFAIL, null);
  }

  /** An authoritative NOERROR reply echoing the question as the client spelled it. */
  static Message reply(Query query) {
    Message request = query.message();
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
    reply.addRecord(request.getQuestion(), Section.QUESTION);
    return reply;
  }

  private static Name name(String n) {
    try {
      return Name.fromString(n);
    } catch (TextParseException e) {
      throw new IllegalStateException("hosts entry is not a name: " + n, e);
    }
  }
}
