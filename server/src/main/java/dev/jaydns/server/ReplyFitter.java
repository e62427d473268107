package dev.jaydns.server;

import dev.jaydns.plugin.Query;
import dev.jaydns.plugin.Response;
import dev.jaydns.plugin.wire.MalformedMessageException;
import dev.jaydns.plugin.wire.Wire;
import java.util.Arrays;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * Turns a chain's {@link Response} into the bytes sent to one client (CoreDNS's scrub writer):
 * the query's ID; the client's EDNS view (an OPT record mirroring the query's for EDNS clients,
 * none for the others, unlike CoreDNS which leaves an upstream's OPT in place); and, over UDP,
 * truncation to the client's size at RRset boundaries with TC=1.
 */
final class ReplyFitter {

  private static final int OPT_LENGTH = 11;

  private ReplyFitter() {}

  /** The bytes to send for {@code response}, or the error reply when nothing was written. */
  static byte[] fit(Query query, Response response) {
    if (!response.isWritten()) {
      return query.errorReply(response.rcode());
    }
    byte[] wire = response.wire();
    if (!response.isFitted()) {
      try {
        wire = fitEdns(query, wire);
      } catch (MalformedMessageException e) {
        // A plugin produced bytes that do not parse: the client must not get them.
        return query.errorReply(org.xbill.DNS.Rcode.SERVFAIL);
      }
    }
    Wire.put16(wire, 0, query.id());
    if (wire.length > query.maxResponseSize()) {
      return truncate(query, wire);
    }
    return wire;
  }

  private static byte[] fitEdns(Query query, byte[] wire) throws MalformedMessageException {
    int opt = Wire.findOpt(wire, wire.length);
    if (!query.hasEdns()) {
      return opt < 0 ? wire : removeRecord(wire, opt);
    }
    if (opt < 0) {
      byte[] out = Arrays.copyOf(wire, wire.length + OPT_LENGTH);
      writeOpt(out, wire.length, query, 0);
      Wire.put16(out, 10, Wire.arcount(wire) + 1);
      return out;
    }
    // Keep the answer's own options and extended rcode, but speak to the client with its own
    // buffer size and DO bit, version 0 (miekg's SizeAndDo). The owner is the root name in a
    // well-formed OPT record, but skip whatever name is there rather than assume one byte.
    int fixed = Wire.skipName(wire, opt, wire.length);
    Wire.put16(wire, fixed + 2, query.ednsUdpSize());
    wire[fixed + 5] = 0;
    int flags = Wire.u16(wire, fixed + 6);
    flags = query.dnssecOk() ? flags | 0x8000 : flags & ~0x8000;
    Wire.put16(wire, fixed + 6, flags);
    return wire;
  }

  private static byte[] removeRecord(byte[] wire, int offset) throws MalformedMessageException {
    int end = Wire.skipRecord(wire, offset, wire.length);
    byte[] out = new byte[wire.length - (end - offset)];
    System.arraycopy(wire, 0, out, 0, offset);
    System.arraycopy(wire, end, out, offset, wire.length - end);
    Wire.put16(out, 10, Wire.arcount(wire) - 1);
    return out;
  }

  private static void writeOpt(byte[] out, int off, Query query, int extendedRcode) {
    out[off] = 0;
    Wire.put16(out, off + 1, Wire.TYPE_OPT);
    Wire.put16(out, off + 3, query.ednsUdpSize());
    out[off + 5] = (byte) extendedRcode;
    out[off + 6] = 0;
    out[off + 7] = (byte) (query.dnssecOk() ? 0x80 : 0);
    out[off + 8] = 0;
    Wire.put16(out, off + 9, 0);
  }

  /**
   * Cuts an answer to the client's size: whole RRsets only, names compressed, the OPT record
   * kept, TC set when an answer or authority RRset had to go (RFC 2181 §9; dnsjava's rules).
   */
  private static byte[] truncate(Query query, byte[] wire) {
    Message m;
    try {
      m = new Message(wire);
    } catch (java.io.IOException e) {
      return query.errorReply(org.xbill.DNS.Rcode.SERVFAIL);
    }
    byte[] out = m.toWire(query.maxResponseSize());
    if (out.length == 0) {
      // Not even the header and question fit the limit: an empty truncated reply.
      Message empty = new Message(m.getHeader().getID());
      empty.getHeader().setFlag(Flags.QR);
      empty.getHeader().setFlag(Flags.TC);
      empty.getHeader().setRcode(m.getHeader().getRcode());
      Record q = m.getQuestion();
      if (q != null) {
        empty.addRecord(q, Section.QUESTION);
      }
      OPTRecord opt = m.getOPT();
      if (opt != null) {
        empty.addRecord(opt, Section.ADDITIONAL);
      }
      out = empty.toWire();
    }
    return out;
  }
}
