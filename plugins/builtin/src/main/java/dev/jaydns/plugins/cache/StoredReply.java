package dev.jaydns.plugins.cache;

import dev.jaydns.plugin.Query;
import dev.jaydns.plugin.wire.Wire;

/**
 * How a cached reply is laid out in a shard's slab, and how an answer is made from it. The
 * stored bytes are the message's length (two bytes), the reply's wire bytes without its OPT record
 * (header, question and records in their original layout, so compression pointers stay valid),
 * then the offsets of its TTL fields, two bytes each. A hit copies the bytes behind the client's
 * own header and question and writes the remaining TTL into every TTL field; no dnsjava message
 * is built.
 */
final class StoredReply {

  static final int OPT_LENGTH = 11;

  /** Entry bits: the query's DO and CD bits (part of the key), and what the reply was. */
  static final int DNSSEC_OK = 1;
  static final int CHECKING_DISABLED = 2;
  static final int DENIAL = 4;
  static final int SERVER_ERROR = 8;

  private static final int REPLY_FLAGS = Wire.FLAG_RA | Wire.FLAG_AD | 0x0f;

  private StoredReply() {}

  /** The stored length of {@code reply}: length, message without the OPT record, offsets. */
  static int length(ScannedReply reply) {
    return 2 + messageLength(reply) + 2 * reply.ttlCount;
  }

  private static int messageLength(ScannedReply reply) {
    return reply.optStart >= 0 ? reply.optStart : reply.end;
  }

  /** The length of the message stored at {@code at}. */
  static int messageLength(byte[] slab, int at) {
    return ((slab[at] & 0xff) << 8) | (slab[at + 1] & 0xff);
  }

  /** Where the message stored at {@code at} starts. */
  static int messageStart(int at) {
    return at + 2;
  }

  /** The DO and CD bits of {@code query} as entry bits. */
  static int queryBits(Query query) {
    return (query.dnssecOk() ? DNSSEC_OK : 0) | (query.checkingDisabled() ? CHECKING_DISABLED : 0);
  }

  /** The entry bits of {@code reply} stored for {@code query}. */
  static int bits(ScannedReply reply, Query query) {
    return queryBits(query)
        | (reply.kind.isDenial() ? DENIAL : 0)
        | (reply.kind == ReplyKind.SERVER_ERROR ? SERVER_ERROR : 0);
  }

  /**
   * Writes {@code reply} (whose OPT record, if any, is its last record) at {@code at} of {@code
   * slab}: {@link #length} bytes.
   */
  static void write(ScannedReply reply, byte[] slab, int at) {
    int messageLength = messageLength(reply);
    Wire.put16(slab, at, messageLength);
    int m = messageStart(at);
    System.arraycopy(reply.wire, 0, slab, m, messageLength);
    if (reply.optStart >= 0) {
      Wire.put16(slab, m + 10, Wire.arcount(reply.wire) - 1);
    }
    for (int i = 0; i < reply.ttlCount; i++) {
      Wire.put16(slab, m + messageLength + 2 * i, reply.ttlOffsets[i]);
    }
  }

  /**
   * The answer to {@code query} from the reply stored at {@code at}: the query's ID, opcode, RD
   * and CD bits and question bytes exactly as the client sent them (so the reply echoes the
   * client's spelling of the name), AA set, RA, AD and rcode from the stored reply (AD only when
   * the client set DO or AD), every TTL set to {@code ttl}, and, for an EDNS client, an OPT record
   * mirroring its own (version 0, its UDP size, its DO bit).
   *
   * @param length the stored length ({@link #length})
   */
  static byte[] answer(byte[] slab, int stored, int length, Query query, long ttl) {
    int messageLength = messageLength(slab, stored);
    int at = messageStart(stored);
    byte[] q = query.wire();
    int questionEnd = query.questionEnd();
    boolean edns = query.hasEdns();
    byte[] out = new byte[messageLength + (edns ? OPT_LENGTH : 0)];
    System.arraycopy(q, 0, out, 0, questionEnd);
    System.arraycopy(slab, at + questionEnd, out, questionEnd, messageLength - questionEnd);
    int queryFlags = Wire.flags(q);
    int storedFlags = ((slab[at + 2] & 0xff) << 8) | (slab[at + 3] & 0xff);
    int replyFlags = storedFlags & REPLY_FLAGS;
    if ((queryFlags & Wire.FLAG_AD) == 0 && !query.dnssecOk()) {
      replyFlags &= ~Wire.FLAG_AD;
    }
    replyFlags |=
        Wire.FLAG_QR | Wire.FLAG_AA | (queryFlags & (0x7800 | Wire.FLAG_RD | Wire.FLAG_CD));
    Wire.put16(out, 2, replyFlags);
    Wire.put16(out, 4, 1);
    out[6] = slab[at + 6];
    out[7] = slab[at + 7];
    out[8] = slab[at + 8];
    out[9] = slab[at + 9];
    int arcount = ((slab[at + 10] & 0xff) << 8) | (slab[at + 11] & 0xff);
    Wire.put16(out, 10, arcount + (edns ? 1 : 0));
    byte t0 = (byte) (ttl >>> 24);
    byte t1 = (byte) (ttl >>> 16);
    byte t2 = (byte) (ttl >>> 8);
    byte t3 = (byte) ttl;
    for (int i = at + messageLength, end = stored + length; i < end; i += 2) {
      int off = ((slab[i] & 0xff) << 8) | (slab[i + 1] & 0xff);
      out[off] = t0;
      out[off + 1] = t1;
      out[off + 2] = t2;
      out[off + 3] = t3;
    }
    if (edns) {
      int o = messageLength;
      out[o] = 0;
      Wire.put16(out, o + 1, Wire.TYPE_OPT);
      Wire.put16(out, o + 3, query.ednsUdpSize());
      out[o + 5] = 0;
      out[o + 6] = 0;
      out[o + 7] = (byte) (query.dnssecOk() ? 0x80 : 0);
      out[o + 8] = 0;
      out[o + 9] = 0;
      out[o + 10] = 0;
    }
    return out;
  }
}
