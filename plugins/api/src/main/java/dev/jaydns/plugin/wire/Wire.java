package dev.jaydns.plugin.wire;

/**
 * Reading and writing DNS wire format in place, without building objects: the pieces the hot path
 * needs (header fields, names, record boundaries). Offsets are into a message that starts at index
 * 0 of the array. Methods throw {@link MalformedMessageException} for anything that would read past
 * {@code length}, so a caller never sees an {@code IndexOutOfBoundsException}.
 */
public final class Wire {

  public static final int HEADER_LENGTH = 12;

  /** Header flag bits, as in the second 16-bit word of the header. */
  public static final int FLAG_QR = 0x8000;
  public static final int FLAG_AA = 0x0400;
  public static final int FLAG_TC = 0x0200;
  public static final int FLAG_RD = 0x0100;
  public static final int FLAG_RA = 0x0080;
  public static final int FLAG_Z = 0x0040;
  public static final int FLAG_AD = 0x0020;
  public static final int FLAG_CD = 0x0010;

  public static final int TYPE_OPT = 41;
  public static final int TYPE_TSIG = 250;

  /** Largest number of compression pointers followed in one name: more means a loop. */
  private static final int MAX_POINTERS = 64;

  private Wire() {}

  public static int u16(byte[] b, int off) {
    return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
  }

  public static long u32(byte[] b, int off) {
    return ((long) (b[off] & 0xff) << 24)
        | ((b[off + 1] & 0xff) << 16)
        | ((b[off + 2] & 0xff) << 8)
        | (b[off + 3] & 0xff);
  }

  public static void put16(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 8);
    b[off + 1] = (byte) v;
  }

  public static void put32(byte[] b, int off, long v) {
    b[off] = (byte) (v >>> 24);
    b[off + 1] = (byte) (v >>> 16);
    b[off + 2] = (byte) (v >>> 8);
    b[off + 3] = (byte) v;
  }

  public static int id(byte[] b) {
    return u16(b, 0);
  }

  public static int flags(byte[] b) {
    return u16(b, 2);
  }

  public static int opcode(byte[] b) {
    return (b[2] >>> 3) & 0x0f;
  }

  /** The 4-bit rcode of the header (without any OPT extension). */
  public static int headerRcode(byte[] b) {
    return b[3] & 0x0f;
  }

  public static int qdcount(byte[] b) {
    return u16(b, 4);
  }

  public static int ancount(byte[] b) {
    return u16(b, 6);
  }

  public static int nscount(byte[] b) {
    return u16(b, 8);
  }

  public static int arcount(byte[] b) {
    return u16(b, 10);
  }

  /**
   * Returns the offset just past the name at {@code off} (a compression pointer counts two bytes
   * and ends the name in place), after checking that the name, including every label a pointer
   * leads to, is well formed within {@code length}.
   */
  public static int skipName(byte[] b, int off, int length) throws MalformedMessageException {
    int end = -1;
    int pos = off;
    int pointers = 0;
    int nameLength = 1;
    while (true) {
      if (pos >= length) {
        throw new MalformedMessageException("name runs past the end of the message");
      }
      int len = b[pos] & 0xff;
      if (len == 0) {
        return end < 0 ? pos + 1 : end;
      }
      switch (len & 0xc0) {
        case 0x00 -> {
          nameLength += len + 1;
          if (nameLength > 255) {
            throw new MalformedMessageException("name longer than 255 bytes");
          }
          pos += len + 1;
        }
        case 0xc0 -> {
          if (pos + 1 >= length) {
            throw new MalformedMessageException("compression pointer runs past the end");
          }
          if (++pointers > MAX_POINTERS) {
            throw new MalformedMessageException("compression pointer loop");
          }
          if (end < 0) {
            end = pos + 2;
          }
          int target = ((len & 0x3f) << 8) | (b[pos + 1] & 0xff);
          if (target >= pos) {
            throw new MalformedMessageException("compression pointer points forward");
          }
          pos = target;
        }
        default -> throw new MalformedMessageException("unknown label type");
      }
    }
  }

  /**
   * The name at {@code off} in presentation form, as {@link #appendName} writes it. A query's name
   * is uncompressed and almost never needs an escape: then its text is the wire bytes with the
   * length octets turned into dots, built in one array instead of a character at a time.
   */
  public static String name(byte[] b, int off, boolean lowercase) {
    int pos = off;
    int length = 0;
    while (true) {
      int len = b[pos] & 0xff;
      if (len == 0) {
        break;
      }
      if ((len & 0xc0) != 0) {
        return slowName(b, off, lowercase);
      }
      for (int i = pos + 1; i <= pos + len; i++) {
        if (needsEscape(b[i] & 0xff)) {
          return slowName(b, off, lowercase);
        }
      }
      length += len + 1;
      pos += len + 1;
    }
    if (length == 0) {
      return ".";
    }
    byte[] text = new byte[length];
    int out = 0;
    pos = off;
    for (int len = b[pos] & 0xff; len != 0; len = b[pos] & 0xff) {
      for (int i = pos + 1; i <= pos + len; i++) {
        byte c = b[i];
        text[out++] = lowercase && c >= 'A' && c <= 'Z' ? (byte) (c + 32) : c;
      }
      text[out++] = '.';
      pos += len + 1;
    }
    return new String(text, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  private static String slowName(byte[] b, int off, boolean lowercase) {
    StringBuilder sb = new StringBuilder(64);
    appendName(b, off, sb, lowercase);
    return sb.toString();
  }

  /** Whether a name octet is written escaped in presentation form (RFC 4343, CoreDNS's set). */
  private static boolean needsEscape(int c) {
    return c == '.' || c == '\\' || c == '"' || c == '(' || c == ')' || c == ';' || c == '@'
        || c == '$' || c <= 0x20 || c >= 0x7f;
  }

  /**
   * Appends the name at {@code off} to {@code out} in presentation form, fully qualified
   * ({@code example.org.}, the root as {@code .}), following compression pointers, with RFC 4343
   * escapes ({@code \.}, {@code \\}, {@code \DDD}). With {@code lowercase}, ASCII letters are
   * lowered. The name must have been checked with {@link #skipName} first.
   */
  public static void appendName(byte[] b, int off, StringBuilder out, boolean lowercase) {
    int pos = off;
    boolean any = false;
    while (true) {
      int len = b[pos] & 0xff;
      if (len == 0) {
        break;
      }
      if ((len & 0xc0) == 0xc0) {
        pos = ((len & 0x3f) << 8) | (b[pos + 1] & 0xff);
        continue;
      }
      for (int i = pos + 1; i <= pos + len; i++) {
        int c = b[i] & 0xff;
        if (lowercase && c >= 'A' && c <= 'Z') {
          c += 32;
        }
        if (!needsEscape(c)) {
          out.append((char) c);
        } else if (c <= 0x20 || c >= 0x7f) {
          out.append('\\');
          if (c < 100) {
            out.append('0');
          }
          if (c < 10) {
            out.append('0');
          }
          out.append(c);
        } else {
          out.append('\\').append((char) c);
        }
      }
      out.append('.');
      any = true;
      pos += len + 1;
    }
    if (!any) {
      out.append('.');
    }
  }

  /**
   * Returns the offset just past the resource record at {@code off}, checking its fixed fields and
   * rdata fit in {@code length}.
   */
  public static int skipRecord(byte[] b, int off, int length) throws MalformedMessageException {
    int pos = skipName(b, off, length);
    if (pos + 10 > length) {
      throw new MalformedMessageException("record header runs past the end");
    }
    int rdlength = u16(b, pos + 8);
    pos += 10 + rdlength;
    if (pos > length) {
      throw new MalformedMessageException("record data runs past the end");
    }
    return pos;
  }

  /**
   * Returns the offset of the OPT record in the additional section of a well-formed message, or -1
   * when there is none; walks every record to get there.
   */
  public static int findOpt(byte[] b, int length) throws MalformedMessageException {
    if (length < HEADER_LENGTH) {
      throw new MalformedMessageException("shorter than a DNS header");
    }
    int pos = HEADER_LENGTH;
    for (int i = qdcount(b); i > 0; i--) {
      pos = skipName(b, pos, length) + 4;
      if (pos > length) {
        throw new MalformedMessageException("question runs past the end");
      }
    }
    for (int i = ancount(b) + nscount(b); i > 0; i--) {
      pos = skipRecord(b, pos, length);
    }
    for (int i = arcount(b); i > 0; i--) {
      int nameEnd = skipName(b, pos, length);
      if (nameEnd + 2 <= length && u16(b, nameEnd) == TYPE_OPT) {
        return pos;
      }
      pos = skipRecord(b, pos, length);
    }
    return -1;
  }
}
