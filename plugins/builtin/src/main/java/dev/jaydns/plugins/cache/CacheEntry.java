package dev.jaydns.plugins.cache;

import dev.jaydns.plugin.Query;
import dev.jaydns.plugin.wire.Wire;
import java.util.Arrays;

/**
 * One cached answer: the reply's wire bytes without its OPT record (header, question and records
 * in their original layout, so compression pointers stay valid), followed by the offsets of its
 * TTL fields, two bytes each. A hit copies the bytes behind the client's own header and question
 * and writes the remaining TTL into every TTL field; no dnsjava message is built.
 */
final class CacheEntry {

  static final int OPT_LENGTH = 11;

  private static final int DNSSEC_OK = 1;
  private static final int CHECKING_DISABLED = 2;
  private static final int DENIAL = 4;
  private static final int SERVER_ERROR = 8;

  private static final int REPLY_FLAGS = Wire.FLAG_RA | Wire.FLAG_AD | 0x0f;

  /** Message bytes, then one u16 TTL offset per record. */
  final byte[] data;
  final int messageLength;
  final long storedNanos;
  /** The TTL the answer was stored with, in seconds (CoreDNS's {@code origTTL}). */
  final int duration;
  final int partition;
  /** The meters of the listener whose query stored this entry: evictions are counted there. */
  final CacheMetrics.ServerMeters owner;
  private final byte bits;
  /** Prefetch popularity: hits with no gap longer than the prefetch window. Racy by design. */
  private int hits;
  private long lastHitNanos;

  private CacheEntry(
      byte[] data,
      int messageLength,
      long storedNanos,
      int duration,
      int partition,
      CacheMetrics.ServerMeters owner,
      int bits) {
    this.data = data;
    this.messageLength = messageLength;
    this.storedNanos = storedNanos;
    this.duration = duration;
    this.partition = partition;
    this.owner = owner;
    this.bits = (byte) bits;
    this.lastHitNanos = storedNanos;
  }

  /**
   * Builds an entry from a scanned reply whose OPT record, if any, is its last record.
   *
   * @param query the query the reply answers: its DO and CD bits become part of the key
   */
  static CacheEntry of(
      ScannedReply reply,
      Query query,
      long nowNanos,
      int duration,
      int partition,
      CacheMetrics.ServerMeters owner) {
    byte[] wire = reply.wire;
    int messageLength = reply.optStart >= 0 ? reply.optStart : reply.end;
    int count = reply.ttlCount;
    byte[] data = Arrays.copyOf(wire, messageLength + 2 * count);
    if (reply.optStart >= 0) {
      Wire.put16(data, 10, Wire.arcount(wire) - 1);
    }
    for (int i = 0; i < count; i++) {
      Wire.put16(data, messageLength + 2 * i, reply.ttlOffsets[i]);
    }
    int bits =
        (query.dnssecOk() ? DNSSEC_OK : 0)
            | (query.checkingDisabled() ? CHECKING_DISABLED : 0)
            | (reply.kind.isDenial() ? DENIAL : 0)
            | (reply.kind == ReplyKind.SERVER_ERROR ? SERVER_ERROR : 0);
    return new CacheEntry(data, messageLength, nowNanos, duration, partition, owner, bits);
  }

  boolean isDenial() {
    return (bits & DENIAL) != 0;
  }

  boolean isServerError() {
    return (bits & SERVER_ERROR) != 0;
  }

  /** True when this entry answers {@code query}'s question (case aside), DO and CD bits. */
  boolean matches(Query query, int partition) {
    int want = (query.dnssecOk() ? DNSSEC_OK : 0) | (query.checkingDisabled() ? CHECKING_DISABLED : 0);
    return this.partition == partition
        && (bits & (DNSSEC_OK | CHECKING_DISABLED)) == want
        && query.questionEnd() <= messageLength
        && QuestionKey.equalIgnoreCase(
            data, query.wire(), Wire.HEADER_LENGTH, query.questionEnd());
  }

  /**
   * Seconds of TTL left: the stored duration minus the whole seconds since it was stored, as
   * CoreDNS counts, so a 30 s entry is served with 30, 29, ..., 1 and then is expired (0 or less).
   */
  long remaining(long nowNanos) {
    return duration - (nowNanos - storedNanos) / 1_000_000_000L;
  }

  /** True when the entry may answer: not expired, or expired less than {@code staleSeconds} ago. */
  boolean usable(long nowNanos, long staleSeconds) {
    long remaining = remaining(nowNanos);
    return remaining > 0 || -remaining < staleSeconds;
  }

  /** Nanoseconds from storing until the entry is of no use even as a stale answer. */
  long lifetimeNanos(long staleSeconds) {
    return (duration + staleSeconds) * 1_000_000_000L;
  }

  /**
   * Counts a hit for prefetch (CoreDNS's {@code freq.Update}): the count restarts at 1 when the
   * previous hit is older than {@code windowNanos}. Returns the count.
   */
  int countHit(long nowNanos, long windowNanos) {
    int h = hits;
    h = (h == 0 || nowNanos - lastHitNanos > windowNanos) ? 1 : h + 1;
    hits = h;
    lastHitNanos = nowNanos;
    return h;
  }

  /** Carries the popularity over from the entry this one replaces (CoreDNS's {@code Reset}). */
  void inheritHits(CacheEntry previous, long nowNanos) {
    hits = previous.hits;
    lastHitNanos = nowNanos;
  }

  int hits() {
    return hits;
  }

  /**
   * The answer to {@code query}: its ID, opcode, RD and CD bits and question bytes exactly as the
   * client sent them (so the reply echoes the client's spelling of the name), AA set, RA, AD and
   * rcode from the stored reply (AD only when the client set DO or AD), every TTL set to {@code
   * ttl}, and, for an EDNS client, an OPT record mirroring its own (version 0, its UDP size, its
   * DO bit).
   */
  byte[] answer(Query query, long ttl) {
    byte[] q = query.wire();
    int questionEnd = query.questionEnd();
    boolean edns = query.hasEdns();
    int length = messageLength + (edns ? OPT_LENGTH : 0);
    byte[] out = new byte[length];
    System.arraycopy(q, 0, out, 0, questionEnd);
    System.arraycopy(data, questionEnd, out, questionEnd, messageLength - questionEnd);
    int queryFlags = Wire.flags(q);
    int stored = Wire.flags(data);
    int replyFlags = stored & REPLY_FLAGS;
    if ((queryFlags & Wire.FLAG_AD) == 0 && !query.dnssecOk()) {
      replyFlags &= ~Wire.FLAG_AD;
    }
    replyFlags |=
        Wire.FLAG_QR | Wire.FLAG_AA | (queryFlags & (0x7800 | Wire.FLAG_RD | Wire.FLAG_CD));
    Wire.put16(out, 2, replyFlags);
    Wire.put16(out, 4, 1);
    out[6] = data[6];
    out[7] = data[7];
    out[8] = data[8];
    out[9] = data[9];
    Wire.put16(out, 10, Wire.arcount(data) + (edns ? 1 : 0));
    byte t0 = (byte) (ttl >>> 24);
    byte t1 = (byte) (ttl >>> 16);
    byte t2 = (byte) (ttl >>> 8);
    byte t3 = (byte) ttl;
    for (int i = messageLength; i < data.length; i += 2) {
      int off = ((data[i] & 0xff) << 8) | (data[i + 1] & 0xff);
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
