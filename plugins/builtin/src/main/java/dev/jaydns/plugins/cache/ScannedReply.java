package dev.jaydns.plugins.cache;

import dev.jaydns.plugin.Query;
import dev.jaydns.plugin.wire.MalformedMessageException;
import dev.jaydns.plugin.wire.Wire;

/**
 * A reply from below the cache, read once from its wire form without building a dnsjava message:
 * its kind, its smallest TTL, where its TTL fields and its OPT record are, and whether it answers
 * the query's question.
 */
final class ScannedReply {

  /** CoreDNS's {@code MaximumDefaulTTL}: where the smallest-TTL scan starts. */
  static final long MAX_MESSAGE_TTL = 3600;
  /** CoreDNS's {@code MinimalDefaultTTL}: the TTL of replies that carry none worth using. */
  static final long DEFAULT_MESSAGE_TTL = 5;

  private static final int TYPE_NS = 2;
  private static final int TYPE_SOA = 6;
  private static final int TYPE_RRSIG = 46;
  private static final int TYPE_IXFR = 251;
  private static final int TYPE_AXFR = 252;
  private static final long YEAR68 = 1L << 31;

  final byte[] wire;
  /** Just past the last record: anything after it is ignored. */
  final int end;
  /** TTL field offsets of every record but OPT, in message order. */
  final int[] ttlOffsets;
  final int ttlCount;
  /** The OPT record of the additional section, or -1. */
  final int optStart;
  final int optEnd;
  /** True when the reply has QR set and exactly the query's question (case aside). */
  final boolean matches;
  /** True when the bytes can be stored as they are once the OPT record is cut off its end. */
  final boolean optLast;
  final ReplyKind kind;
  /** CoreDNS's {@code MinimalTTL}, in seconds. */
  final long messageTtl;

  private ScannedReply(
      byte[] wire,
      int end,
      int[] ttlOffsets,
      int ttlCount,
      int optStart,
      int optEnd,
      boolean matches,
      boolean optLast,
      ReplyKind kind,
      long messageTtl) {
    this.wire = wire;
    this.end = end;
    this.ttlOffsets = ttlOffsets;
    this.ttlCount = ttlCount;
    this.optStart = optStart;
    this.optEnd = optEnd;
    this.matches = matches;
    this.optLast = optLast;
    this.kind = kind;
    this.messageTtl = messageTtl;
  }

  /**
   * Reads {@code wire} as the reply to {@code query}.
   *
   * @param clock the wall clock for RRSIG validity (checked only for DO queries, as CoreDNS), read
   *     only when a signature is met: most replies carry none
   * @throws MalformedMessageException when the reply does not parse
   */
  static ScannedReply scan(byte[] wire, Query query, CacheClock clock)
      throws MalformedMessageException {
    long epochSeconds = Long.MIN_VALUE;
    int length = wire.length;
    if (length < Wire.HEADER_LENGTH) {
      throw new MalformedMessageException("shorter than a DNS header");
    }
    int flags = Wire.flags(wire);
    int qdcount = Wire.qdcount(wire);
    int pos = Wire.HEADER_LENGTH;
    int qtype = -1;
    for (int i = 0; i < qdcount; i++) {
      int nameEnd = Wire.skipName(wire, pos, length);
      if (nameEnd + 4 > length) {
        throw new MalformedMessageException("question runs past the end");
      }
      if (i == 0) {
        qtype = Wire.u16(wire, nameEnd);
      }
      pos = nameEnd + 4;
    }
    boolean matches =
        (flags & Wire.FLAG_QR) != 0
            && qdcount == 1
            && pos == query.questionEnd()
            && QuestionKey.equalIgnoreCase(wire, query.wire(), Wire.HEADER_LENGTH, pos);

    int answers = Wire.ancount(wire);
    int authority = Wire.nscount(wire);
    int total = answers + authority + Wire.arcount(wire);
    if (total > (length - pos) / 11) {
      // A record takes at least 11 bytes: counts beyond that are a lie, not a reason to allocate.
      throw new MalformedMessageException("section counts exceed the message");
    }
    int[] ttlOffsets = new int[total];
    int ttlCount = 0;
    int optStart = -1;
    int optEnd = -1;
    int opts = 0;
    int extendedRcode = 0;
    boolean soa = false;
    boolean ns = false;
    boolean expired = false;
    long minTtl = MAX_MESSAGE_TTL;
    boolean checkSignatures = query.dnssecOk();
    for (int i = 0; i < total; i++) {
      int start = pos;
      int nameEnd = Wire.skipName(wire, pos, length);
      if (nameEnd + 10 > length) {
        throw new MalformedMessageException("record header runs past the end");
      }
      int type = Wire.u16(wire, nameEnd);
      int rdata = nameEnd + 10;
      pos = rdata + Wire.u16(wire, nameEnd + 8);
      if (pos > length) {
        throw new MalformedMessageException("record data runs past the end");
      }
      if (type == Wire.TYPE_OPT) {
        opts++;
        if (i >= answers + authority) {
          optStart = start;
          optEnd = pos;
          extendedRcode = wire[nameEnd + 4] & 0xff;
        }
        continue;
      }
      ttlOffsets[ttlCount++] = nameEnd + 4;
      long ttl = Wire.u32(wire, nameEnd + 4);
      if (ttl < minTtl) {
        minTtl = ttl;
      }
      if (i >= answers && i < answers + authority) {
        soa |= type == TYPE_SOA;
        ns |= type == TYPE_NS;
      }
      if (checkSignatures && type == TYPE_RRSIG && pos - rdata >= 18) {
        if (epochSeconds == Long.MIN_VALUE) {
          epochSeconds = clock.epochSeconds();
        }
        expired |= !valid(Wire.u32(wire, rdata + 12), Wire.u32(wire, rdata + 8), epochSeconds);
      }
    }
    int rcode = (flags & 0x0f) | (extendedRcode << 4);
    ReplyKind kind = classify(Wire.opcode(wire), qtype, rcode, answers, soa, ns, expired);
    long messageTtl;
    if (!kind.carriesTtl() || ttlCount == 0) {
      messageTtl = DEFAULT_MESSAGE_TTL;
    } else {
      messageTtl = minTtl;
    }
    boolean optLast = opts == 0 || (opts == 1 && optEnd == pos);
    return new ScannedReply(
        wire, pos, ttlOffsets, ttlCount, optStart, optEnd, matches, optLast, kind, messageTtl);
  }

  /** The header flag word. */
  int flags() {
    return Wire.flags(wire);
  }

  boolean truncated() {
    return (flags() & Wire.FLAG_TC) != 0;
  }

  private static ReplyKind classify(
      int opcode, int qtype, int rcode, int answers, boolean soa, boolean ns, boolean expired) {
    if (opcode == 5) {
      return ReplyKind.UPDATE;
    }
    if (opcode == 4 || qtype == TYPE_AXFR || qtype == TYPE_IXFR) {
      return ReplyKind.META;
    }
    if (expired) {
      return ReplyKind.OTHER;
    }
    if (answers > 0 && rcode == 0) {
      return ReplyKind.NO_ERROR;
    }
    if (soa && rcode == 0) {
      return ReplyKind.NO_DATA;
    }
    if (soa && rcode == 3) {
      return ReplyKind.NAME_ERROR;
    }
    if (rcode == 2 || rcode == 4) {
      return ReplyKind.SERVER_ERROR;
    }
    if (ns && rcode == 0) {
      return ReplyKind.DELEGATION;
    }
    return rcode == 0 ? ReplyKind.NO_ERROR : ReplyKind.OTHER;
  }

  /** RRSIG validity with RFC 4034 serial arithmetic, as miekg's {@code ValidityPeriod}. */
  static boolean valid(long inception, long expiration, long now) {
    long ti = inception + ((inception - now) / YEAR68) * YEAR68;
    long te = expiration + ((expiration - now) / YEAR68) * YEAR68;
    return ti <= now && now <= te;
  }
}
