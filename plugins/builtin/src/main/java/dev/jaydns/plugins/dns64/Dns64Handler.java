package dev.jaydns.plugins.dns64;

import dev.jaydns.plugin.Chain;
import dev.jaydns.plugin.Handler;
import dev.jaydns.plugin.MalformedQueryException;
import dev.jaydns.plugin.Query;
import dev.jaydns.plugin.Response;
import dev.jaydns.plugin.wire.MalformedMessageException;
import dev.jaydns.plugin.wire.Wire;
import java.util.concurrent.CompletionStage;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * DNS64 (RFC 6147): an AAAA query of class IN from an IPv6 client (or any client with {@code
 * allow_ipv4}) goes down the chain; when the answer holds no AAAA record (or always, with {@code
 * translate_all}) and is not NXDOMAIN, an A query for the same name goes down the chain too and
 * its A records come back as AAAA records inside the configured prefix.
 *
 * <p>Every other query is passed on untouched, and the common AAAA answer that already holds
 * addresses is checked on the wire without a parse.
 */
public final class Dns64Handler implements Handler {

  /** RFC 6147 section 5.1.7: the TTL cap when the AAAA answer carries no SOA. */
  static final long DEFAULT_SOA_TTL = 600;

  private final Dns64Config config;
  private volatile Dns64Metrics metrics;

  public Dns64Handler(Dns64Config config) {
    this.config = config;
  }

  void metrics(Dns64Metrics m) {
    this.metrics = m;
  }

  @Override
  public CompletionStage<Response> handle(Query query, Chain next) {
    if (query.qtype() != Type.AAAA
        || query.qclass() != DClass.IN
        || (query.family() == 1 && !config.allowIpv4())) {
      return next.handle(query);
    }
    return next.handle(query)
        .thenCompose(
            aaaa -> {
              if (!needsTranslation(aaaa)) {
                return java.util.concurrent.CompletableFuture.completedFuture(aaaa);
              }
              return next.handle(aQuery(query)).thenApply(a -> synthesize(query, aaaa, a));
            });
  }

  private boolean needsTranslation(Response aaaa) {
    if (!aaaa.isWritten() || aaaa.rcode() == Rcode.NXDOMAIN) {
      // Nothing written is the chain's failure to report as it is; NXDOMAIN covers every type
      // (RFC 6147 section 5.1.2).
      return false;
    }
    return config.translateAll() || !answerHolds(aaaa.wire(), Type.AAAA);
  }

  /** The same query asking for A: the question's type field patched in a copy of the bytes. */
  private static Query aQuery(Query query) {
    byte[] wire = query.copyWire();
    Wire.put16(wire, query.questionEnd() - 4, Type.A);
    try {
      return Query.decode(wire, query.transport(), query.remote(), query.server());
    } catch (MalformedQueryException e) {
      throw new IllegalStateException("a decoded query with another qtype stays a query", e);
    }
  }

  /**
   * The client's answer built from the A answer: its A records as AAAA records (TTL capped by the
   * AAAA answer's SOA TTL, or 600 s), its other records and its authority and additional sections
   * as they are. When the A lookup failed or its rcode is not NOERROR, there is nothing to
   * translate and the AAAA answer stands.
   */
  private Response synthesize(Query query, Response aaaa, Response a) {
    if (!a.isWritten() || a.rcode() != Rcode.NOERROR) {
      return aaaa;
    }
    Message fromA = a.message();
    long cap = soaTtl(aaaa.message());
    Message request = query.message();
    Message out = new Message(query.id());
    Header h = out.getHeader();
    h.setFlag(Flags.QR);
    h.setOpcode(request.getHeader().getOpcode());
    for (int flag : new int[] {Flags.RD, Flags.CD}) {
      if (request.getHeader().getFlag(flag)) {
        h.setFlag(flag);
      }
    }
    for (int flag : new int[] {Flags.RA, Flags.TC}) {
      if (fromA.getHeader().getFlag(flag)) {
        h.setFlag(flag);
      }
    }
    out.addRecord(request.getQuestion(), Section.QUESTION);
    for (Record r : fromA.getSection(Section.ANSWER)) {
      if (r instanceof ARecord ar) {
        out.addRecord(
            new AAAARecord(
                r.getName(),
                r.getDClass(),
                Math.min(cap, r.getTTL()),
                toInet6(config.prefix().embed(ar.getAddress().getAddress()))),
            Section.ANSWER);
      } else {
        out.addRecord(r, Section.ANSWER);
      }
    }
    for (Record r : fromA.getSection(Section.AUTHORITY)) {
      out.addRecord(r, Section.AUTHORITY);
    }
    for (Record r : fromA.getSection(Section.ADDITIONAL)) {
      // The server mirrors the client's own OPT record onto every answer.
      if (r.getType() != Type.OPT) {
        out.addRecord(r, Section.ADDITIONAL);
      }
    }
    Dns64Metrics m = metrics;
    if (m != null) {
      m.translated(query.server());
    }
    return Response.of(out);
  }

  /** The TTL of the last SOA in the AAAA answer's authority section, or 600 (RFC 6147 5.1.7). */
  private static long soaTtl(Message aaaa) {
    long ttl = DEFAULT_SOA_TTL;
    for (Record r : aaaa.getSection(Section.AUTHORITY)) {
      if (r.getType() == Type.SOA) {
        ttl = r.getTTL();
      }
    }
    return ttl;
  }

  private static java.net.InetAddress toInet6(byte[] sixteen) {
    try {
      // Inet6Address.getByAddress keeps an IPv4-mapped result in IPv6 form, as a AAAA record needs.
      return java.net.Inet6Address.getByAddress(null, sixteen, -1);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException("16 bytes are always an IPv6 address", e);
    }
  }

  /** True when a record of {@code type} is in the answer section of the well-formed {@code wire}. */
  static boolean answerHolds(byte[] wire, int type) {
    try {
      int length = wire.length;
      int pos = Wire.HEADER_LENGTH;
      for (int i = Wire.qdcount(wire); i > 0; i--) {
        pos = Wire.skipName(wire, pos, length) + 4;
      }
      for (int i = Wire.ancount(wire); i > 0; i--) {
        int typeAt = Wire.skipName(wire, pos, length);
        if (typeAt + 2 <= length && Wire.u16(wire, typeAt) == type) {
          return true;
        }
        pos = Wire.skipRecord(wire, pos, length);
      }
      return false;
    } catch (MalformedMessageException e) {
      // An answer that does not frame cannot be trusted to hold addresses; translate it.
      return false;
    }
  }
}
