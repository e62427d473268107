package dev.jaydns.plugin;

import dev.jaydns.plugin.wire.Wire;
import java.util.Arrays;

/** Builds the small replies the core writes itself, straight from the query's bytes. */
final class Replies {

  private static final int OPT_LENGTH = 11;

  private Replies() {}

  /**
   * A header-only reply (all counts zero), as miekg writes for NOTIMP and early FORMERR: ID and the
   * flag bits of the request kept, QR set, AA and Z cleared, the rcode set; with {@code
   * keepOpcode} false the opcode is forced to QUERY.
   */
  static byte[] headerOnly(byte[] query, int rcode, boolean keepOpcode) {
    byte[] r = new byte[Wire.HEADER_LENGTH];
    r[0] = query[0];
    r[1] = query[1];
    int flags = Wire.flags(query);
    flags |= Wire.FLAG_QR;
    flags &= ~(Wire.FLAG_AA | Wire.FLAG_Z | 0x000f);
    if (!keepOpcode) {
      flags &= ~0x7800;
    }
    Wire.put16(r, 2, flags | (rcode & 0x0f));
    return r;
  }

  /**
   * A FORMERR for a query whose question parsed but whose later sections did not: the question is
   * echoed.
   */
  static byte[] formatError(byte[] query, int questionEnd) {
    byte[] r = Arrays.copyOf(query, questionEnd);
    int flags = (Wire.flags(query) & (Wire.FLAG_RD | Wire.FLAG_CD | 0x7800)) | Wire.FLAG_QR | 1;
    Wire.put16(r, 2, flags);
    Wire.put16(r, 4, 1);
    Wire.put16(r, 6, 0);
    Wire.put16(r, 8, 0);
    Wire.put16(r, 10, 0);
    return r;
  }

  /** See {@link Query#errorReply(int)}; rcodes above 15 go into the OPT record's extended rcode. */
  static byte[] error(Query q, int rcode) {
    byte[] wire = q.wire();
    int questionEnd = q.questionEnd();
    boolean edns = q.hasEdns();
    byte[] r = new byte[questionEnd + (edns ? OPT_LENGTH : 0)];
    System.arraycopy(wire, 0, r, 0, questionEnd);
    int flags = (Wire.flags(wire) & (Wire.FLAG_RD | Wire.FLAG_CD | 0x7800)) | Wire.FLAG_QR;
    Wire.put16(r, 2, flags | (rcode & 0x0f));
    Wire.put16(r, 4, 1);
    Wire.put16(r, 6, 0);
    Wire.put16(r, 8, 0);
    Wire.put16(r, 10, edns ? 1 : 0);
    if (edns) {
      writeOpt(r, questionEnd, q.ednsUdpSize(), rcode >>> 4, q.dnssecOk());
    }
    return r;
  }

  /** Writes an 11-byte OPT record with no options at {@code off}. */
  static void writeOpt(byte[] r, int off, int udpSize, int extendedRcode, boolean dnssecOk) {
    r[off] = 0;
    Wire.put16(r, off + 1, Wire.TYPE_OPT);
    Wire.put16(r, off + 3, udpSize);
    r[off + 5] = (byte) extendedRcode;
    r[off + 6] = 0;
    r[off + 7] = (byte) (dnssecOk ? 0x80 : 0);
    r[off + 8] = 0;
    Wire.put16(r, off + 9, 0);
  }
}
