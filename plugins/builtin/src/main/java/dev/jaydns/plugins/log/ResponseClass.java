package dev.jaydns.plugins.log;

import dev.jaydns.plugin.Response;
import dev.jaydns.plugin.wire.MalformedMessageException;
import dev.jaydns.plugin.wire.Wire;

/**
 * The classes a {@code class} line filters on, and how an answer falls into one: NOERROR with
 * answers, an empty NOERROR and a referral are {@code success}; NXDOMAIN and NODATA (with an SOA)
 * are {@code denial}; everything else, including "nothing written", is {@code error}.
 */
enum ResponseClass {
  ALL("all"),
  SUCCESS("success"),
  DENIAL("denial"),
  ERROR("error");

  private static final int TYPE_SOA = 6;
  private static final int TYPE_RRSIG = 46;
  private static final int TYPE_IXFR = 251;
  private static final int TYPE_AXFR = 252;
  private static final int OPCODE_NOTIFY = 4;
  private static final int OPCODE_UPDATE = 5;
  private static final long YEAR68 = 1L << 31;

  private final String word;

  ResponseClass(String word) {
    this.word = word;
  }

  /** The class a Corefile word names, or null. */
  static ResponseClass of(String word) {
    for (ResponseClass c : values()) {
      if (c.word.equals(word)) {
        return c;
      }
    }
    return null;
  }

  /** The class of what the chain produced; {@code nowSeconds} judges RRSIG validity. */
  static ResponseClass classify(Response response, long nowSeconds) {
    if (!response.isWritten()) {
      return ERROR;
    }
    try {
      return classify(response.wire(), nowSeconds);
    } catch (MalformedMessageException | RuntimeException e) {
      return ERROR;
    }
  }

  /**
   * CoreDNS's {@code response.Typify} followed by {@code Classify}, read from the bytes: updates,
   * notifies and zone transfers, and DO answers carrying an expired signature, are errors.
   */
  static ResponseClass classify(byte[] m, long nowSeconds) throws MalformedMessageException {
    int opcode = Wire.opcode(m);
    if (opcode == OPCODE_UPDATE || opcode == OPCODE_NOTIFY) {
      return ERROR;
    }
    int length = m.length;
    int pos = Wire.HEADER_LENGTH;
    for (int i = Wire.qdcount(m); i > 0; i--) {
      pos = Wire.skipName(m, pos, length);
      if (pos + 4 > length) {
        throw new MalformedMessageException("question runs past the end");
      }
      int qtype = Wire.u16(m, pos);
      if (qtype == TYPE_AXFR || qtype == TYPE_IXFR) {
        return ERROR;
      }
      pos += 4;
    }
    int answers = Wire.ancount(m);
    int authority = Wire.nscount(m);
    int total = answers + authority + Wire.arcount(m);
    boolean soa = false;
    boolean signatures = false;
    int firstRecord = pos;
    int rcode = Wire.headerRcode(m);
    boolean dnssecOk = false;
    for (int i = 0; i < total; i++) {
      int typeAt = Wire.skipName(m, pos, length);
      int next = Wire.skipRecord(m, pos, length);
      int type = Wire.u16(m, typeAt);
      if (i >= answers && i < answers + authority) {
        soa |= type == TYPE_SOA;
      }
      if (type == Wire.TYPE_OPT) {
        rcode |= (m[typeAt + 4] & 0xff) << 4;
        dnssecOk = (m[typeAt + 6] & 0x80) != 0;
      }
      signatures |= type == TYPE_RRSIG;
      pos = next;
    }
    if (dnssecOk && signatures && hasExpiredSignature(m, firstRecord, total, nowSeconds)) {
      return ERROR;
    }
    if (answers > 0 && rcode == 0) {
      return SUCCESS;
    }
    if (soa && (rcode == 0 || rcode == 3)) {
      return DENIAL;
    }
    // SERVFAIL and NOTIMP are errors; a referral and an empty NOERROR are successes.
    return rcode == 0 ? SUCCESS : ERROR;
  }

  private static boolean hasExpiredSignature(byte[] m, int pos, int records, long now)
      throws MalformedMessageException {
    for (int i = 0; i < records; i++) {
      int typeAt = Wire.skipName(m, pos, m.length);
      int next = Wire.skipRecord(m, pos, m.length);
      if (Wire.u16(m, typeAt) == TYPE_RRSIG && typeAt + 10 + 16 <= next) {
        int rdata = typeAt + 10;
        long expiration = Wire.u32(m, rdata + 8);
        long inception = Wire.u32(m, rdata + 12);
        if (!validAt(inception, expiration, now)) {
          return true;
        }
      }
      pos = next;
    }
    return false;
  }

  /** RFC 4034 serial-number arithmetic on the 32-bit times, as miekg's ValidityPeriod. */
  private static boolean validAt(long inception, long expiration, long now) {
    long ti = inception + ((inception - now) / YEAR68) * YEAR68;
    long te = expiration + ((expiration - now) / YEAR68) * YEAR68;
    return ti <= now && now <= te;
  }
}
