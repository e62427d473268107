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

  private final byte[] bytes;
  private final int hash;

  private CoalesceKey(byte[] bytes) {
    this.bytes = bytes;
    this.hash = Arrays.hashCode(bytes);
  }

  /** The key of {@code q}, or null when it must not be shared (not a plain QUERY). */
  static CoalesceKey of(Query q) {
    if (q.opcode() != 0) {
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
    for (int i = 0; i < qLen; i++) {
      byte c = w[qStart + i];
      k[1 + i] = c >= 'A' && c <= 'Z' ? (byte) (c + 32) : c;
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
