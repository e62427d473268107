package dev.jaydns.plugins.cache;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The cache key, computed straight from a question's wire bytes: a seeded 64-bit hash of the
 * lowercased name, the type and the class, the DO and CD bits and the server block's partition,
 * and the case-insensitive comparison a hit makes against the stored question. Eight bytes at a
 * time with ASCII case folded in the register, so no name string is built.
 */
final class QuestionKey {

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH = 0x8080808080808080L;
  private static final long P1 = 0x9E3779B185EBCA87L;
  private static final long P2 = 0xC2B2AE3D27D4EB4FL;

  private QuestionKey() {}

  /**
   * Hashes the question bytes in {@code [from, to)} (name, type and class as they stand in the
   * message) with the DO and CD bits and the partition.
   */
  static long hash(
      long seed, byte[] b, int from, int to, boolean dnssecOk, boolean cd, int partition) {
    long h = seed ^ ((long) partition << 2) ^ (dnssecOk ? 1 : 0) ^ (cd ? 2 : 0);
    int i = from;
    for (; i + 8 <= to; i += 8) {
      h = round(h, lower((long) LONGS.get(b, i)));
    }
    long tail = 0;
    for (int shift = 0; i < to; i++, shift += 8) {
      tail |= (long) (lowerByte(b[i]) & 0xff) << shift;
    }
    h = round(h, tail ^ ((long) (to - from) << 56));
    return mix(h);
  }

  /** True when {@code [from, to)} of {@code a} and {@code b} are equal but for ASCII case. */
  static boolean equalIgnoreCase(byte[] a, byte[] b, int from, int to) {
    return equalIgnoreCase(a, from, b, from, to);
  }

  /**
   * True when the bytes of {@code a} from {@code aFrom} equal {@code [from, to)} of {@code b} but
   * for ASCII case.
   */
  static boolean equalIgnoreCase(byte[] a, int aFrom, byte[] b, int from, int to) {
    int shift = aFrom - from;
    if (a.length < to + shift || b.length < to) {
      return false;
    }
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long x = (long) LONGS.get(a, i + shift);
      long y = (long) LONGS.get(b, i);
      if (x != y && lower(x) != lower(y)) {
        return false;
      }
    }
    for (; i < to; i++) {
      byte x = a[i + shift];
      if (x != b[i] && lowerByte(x) != lowerByte(b[i])) {
        return false;
      }
    }
    return true;
  }

  /** Folds the ASCII capitals of eight packed bytes to lower case; other bytes are kept. */
  static long lower(long x) {
    long low7 = x & ~HIGH;
    long atLeastA = low7 + ONES * (0x80 - 'A');
    long aboveZ = low7 + ONES * (0x80 - 'Z' - 1);
    long upper = (atLeastA ^ aboveZ) & ~x & HIGH;
    return x | (upper >>> 2);
  }

  private static byte lowerByte(byte c) {
    return c >= 'A' && c <= 'Z' ? (byte) (c + 32) : c;
  }

  private static long round(long h, long v) {
    return Long.rotateLeft(h ^ (v * P2), 31) * P1;
  }

  private static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    return h ^ (h >>> 33);
  }
}
