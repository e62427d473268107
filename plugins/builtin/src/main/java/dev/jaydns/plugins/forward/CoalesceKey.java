package dev.jaydns.plugins.forward;

import dev.jaydns.plugin.Query;
import dev.jaydns.plugin.wire.MalformedMessageException;
import dev.jaydns.plugin.wire.Wire;
import java.util.Arrays;

/**
 * What makes two queries "the same" for sharing one upstream exchange: the question (name
 * lowercased, type, class), the RD, CD and AD bits, whether the client speaks EDNS, the DO bit, and
 * the EDNS options byte for byte (so clients with different ECS or cookies never share an answer).
 */
final class CoalesceKey {

  private static final int HINFO = 13;

  private final byte[] bytes;
  private final int hash;

  private CoalesceKey(byte[] bytes) {
    this.bytes = bytes;
    this.hash = Arrays.hashCode(bytes);
  }

  /**
   * The key of {@code q}, or null when it must not be shared: not a plain QUERY, or a HINFO query,
   * which is what the {@code loop} plugin probes with: a probe that comes back must travel again
   * rather than wait on its own exchange, or a forwarding loop would stall instead of showing.
   */
  static CoalesceKey of(Query q) {
    if (q.opcode() != 0 || q.qtype() == HINFO) {
      return null;
    }
    byte[] w = q.wire();
    int qStart = Wire.HEADER_LENGTH;
    int qLen = q.questionEnd() - qStart;
    int optStart = 0;
    int optLen = 0;
    if (q.hasEdns()) {
      try {
        int nameEnd = Wire.skipName(w, q.optOffset(), w.length);
        optLen = Wire.u16(w, nameEnd + 8);
        optStart = nameEnd + 10;
      } catch (MalformedMessageException e) {
        return null;
      }
    }
    byte[] k = new byte[1 + qLen + optLen];
    int flags = q.flags();
    k[0] =
        (byte)
            (((flags & Wire.FLAG_RD) != 0 ? 1 : 0)
                | ((flags & Wire.FLAG_CD) != 0 ? 2 : 0)
                | ((flags & Wire.FLAG_AD) != 0 ? 4 : 0)
                | (q.hasEdns() ? 8 : 0)
                | (q.dnssecOk() ? 16 : 0));
    System.arraycopy(w, qStart, k, 1, qLen);
    // Lowercase the label bytes only: length, type and class bytes keep their values.
    int pos = 1;
    int nameEnd = 1 + qLen - 4;
    while (pos < nameEnd) {
      int len = k[pos] & 0xff;
      if (len == 0 || (len & 0xc0) != 0) {
        break;
      }
      for (int i = pos + 1; i <= pos + len && i < nameEnd; i++) {
        byte c = k[i];
        if (c >= 'A' && c <= 'Z') {
          k[i] = (byte) (c + 32);
        }
      }
      pos += len + 1;
    }
    System.arraycopy(w, optStart, k, 1 + qLen, optLen);
    return new CoalesceKey(k);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CoalesceKey other && hash == other.hash && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return hash;
  }
}
