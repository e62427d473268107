package dev.jaydns.plugins.forward.upstream;

import dev.jaydns.plugin.wire.MalformedMessageException;
import dev.jaydns.plugin.wire.Wire;

/**
 * Decides whether a packet from an upstream answers the query Jay sent (RFC 5452 §9.1): QR set,
 * the query's ID, exactly one question with the same name (ASCII case-insensitively), type and
 * class, and sections that parse to the end. Reads only what it must.
 */
final class ReplyCheck {

  /** Why a packet was refused; the names are the {@code reason} metric label. */
  enum Verdict {
    OK("ok"),
    MALFORMED("malformed"),
    WRONG_ID("id"),
    WRONG_QUESTION("question");

    final String label;

    Verdict(String label) {
      this.label = label;
    }
  }

  private ReplyCheck() {}

  /** The packet's ID, or -1 when it is too short to have one. */
  static int id(byte[] b, int length) {
    return length < Wire.HEADER_LENGTH ? -1 : Wire.u16(b, 0);
  }

  /**
   * Checks {@code reply} (its ID already matched) against {@code query}, whose question ends at
   * {@code questionEnd}.
   */
  static Verdict check(byte[] reply, byte[] query, int questionEnd) {
    int length = reply.length;
    if (length < Wire.HEADER_LENGTH || (Wire.flags(reply) & Wire.FLAG_QR) == 0) {
      return Verdict.MALFORMED;
    }
    if (Wire.u16(reply, 0) != Wire.u16(query, 0)) {
      return Verdict.WRONG_ID;
    }
    if (Wire.qdcount(reply) != 1) {
      return Verdict.WRONG_QUESTION;
    }
    int qLen = questionEnd - Wire.HEADER_LENGTH;
    if (length < questionEnd) {
      return Verdict.WRONG_QUESTION;
    }
    // The query's question is uncompressed; a reply whose question differs in length, uses a
    // pointer, or differs in any byte but ASCII letter case is not an answer to it.
    for (int i = 0; i < qLen; i++) {
      int a = reply[Wire.HEADER_LENGTH + i] & 0xff;
      int b = query[Wire.HEADER_LENGTH + i] & 0xff;
      if (a != b && lower(a) != lower(b)) {
        return Verdict.WRONG_QUESTION;
      }
    }
    // Same bytes ignoring case is not enough when the case folding touched a length byte; walk the
    // labels of the query to be sure each length byte matched exactly.
    int pos = Wire.HEADER_LENGTH;
    while (true) {
      int len = query[pos] & 0xff;
      if ((reply[pos] & 0xff) != len) {
        return Verdict.WRONG_QUESTION;
      }
      if (len == 0) {
        break;
      }
      pos += len + 1;
    }
    if ((Wire.flags(reply) & Wire.FLAG_TC) != 0) {
      // A truncated reply is only used to trigger the TCP retry; its sections may be cut anywhere.
      return Verdict.OK;
    }
    try {
      pos = questionEnd;
      int records = Wire.ancount(reply) + Wire.nscount(reply) + Wire.arcount(reply);
      for (int i = 0; i < records; i++) {
        pos = Wire.skipRecord(reply, pos, length);
      }
    } catch (MalformedMessageException e) {
      return Verdict.MALFORMED;
    }
    return Verdict.OK;
  }

  private static int lower(int c) {
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
  }
}
