package dev.jaydns.plugins.whoami;

import dev.jaydns.plugin.Chain;
import dev.jaydns.plugin.Handler;
import dev.jaydns.plugin.Query;
import dev.jaydns.plugin.Response;
import dev.jaydns.plugin.wire.Wire;
import java.net.InetAddress;
import java.util.concurrent.CompletionStage;

/**
 * Answers any query with who asked: NOERROR, AA=1, no answer records, and in the additional
 * section an A (IPv4 client) or AAAA (IPv6 client) record owned by the question name holding the
 * client's address, plus an SRV record {@code _udp.}/{@code _tcp.} + question name whose port is
 * the client's port and whose target is the root. Every TTL is 0 and every class is the query's.
 *
 * <p>The answer is written straight into bytes, names uncompressed (as CoreDNS sends it), so the
 * hot path allocates one array.
 */
public final class WhoamiHandler implements Handler {

  private static final int TYPE_A = 1;
  private static final int TYPE_AAAA = 28;
  private static final int TYPE_SRV = 33;
  private static final int OPCODE_QUERY = 0;
  private static final int MAX_NAME = 255;
  /** Type, class, TTL and rdlength. */
  private static final int RR_FIXED = 10;
  /** Priority, weight, port and the root target. */
  private static final int SRV_RDATA = 7;

  @Override
  public CompletionStage<Response> handle(Query query, Chain next) {
    return Response.completed(answer(query));
  }

  /** The whoami answer to {@code query}. */
  static byte[] answer(Query query) {
    byte[] q = query.wire();
    int nameLength = expandedNameLength(q, Wire.HEADER_LENGTH);
    InetAddress client = query.remote().getAddress();
    byte[] ip = client.getAddress();
    String proto = query.transport().label();
    // "_udp" + the question name must itself be a legal name, or the SRV record is left out (CoreDNS
    // fails to pack such a reply and the client hears nothing).
    boolean withSrv = nameLength + 1 + proto.length() + 1 <= MAX_NAME;
    int length =
        Wire.HEADER_LENGTH
            + nameLength + 4
            + nameLength + RR_FIXED + ip.length
            + (withSrv ? 2 + proto.length() + nameLength + RR_FIXED + SRV_RDATA : 0);
    byte[] r = new byte[length];
    r[0] = q[0];
    r[1] = q[1];
    int requestFlags = Wire.flags(q);
    int opcode = Wire.opcode(q);
    int flags = Wire.FLAG_QR | (opcode << 11) | Wire.FLAG_AA;
    if (opcode == OPCODE_QUERY) {
      flags |= requestFlags & (Wire.FLAG_RD | Wire.FLAG_CD);
    }
    Wire.put16(r, 2, flags);
    Wire.put16(r, 4, 1);
    Wire.put16(r, 10, withSrv ? 2 : 1);
    int qclass = query.qclass();

    int pos = writeExpandedName(q, Wire.HEADER_LENGTH, r, Wire.HEADER_LENGTH);
    Wire.put16(r, pos, query.qtype());
    Wire.put16(r, pos + 2, qclass);
    pos += 4;

    pos = writeExpandedName(q, Wire.HEADER_LENGTH, r, pos);
    Wire.put16(r, pos, ip.length == 4 ? TYPE_A : TYPE_AAAA);
    Wire.put16(r, pos + 2, qclass);
    Wire.put32(r, pos + 4, 0);
    Wire.put16(r, pos + 8, ip.length);
    System.arraycopy(ip, 0, r, pos + RR_FIXED, ip.length);
    pos += RR_FIXED + ip.length;

    if (withSrv) {
      r[pos++] = (byte) (proto.length() + 1);
      r[pos++] = '_';
      for (int i = 0; i < proto.length(); i++) {
        r[pos++] = (byte) proto.charAt(i);
      }
      pos = writeExpandedName(q, Wire.HEADER_LENGTH, r, pos);
      Wire.put16(r, pos, TYPE_SRV);
      Wire.put16(r, pos + 2, qclass);
      Wire.put32(r, pos + 4, 0);
      Wire.put16(r, pos + 8, SRV_RDATA);
      Wire.put16(r, pos + 10, 0);
      Wire.put16(r, pos + 12, 0);
      Wire.put16(r, pos + 14, query.remote().getPort());
      r[pos + 16] = 0;
    }
    return r;
  }

  /** Length of the name at {@code off} with compression pointers followed (the query was checked). */
  private static int expandedNameLength(byte[] b, int off) {
    int pos = off;
    int length = 1;
    while (true) {
      int len = b[pos] & 0xff;
      if (len == 0) {
        return length;
      }
      if ((len & 0xc0) == 0xc0) {
        pos = ((len & 0x3f) << 8) | (b[pos + 1] & 0xff);
      } else {
        length += len + 1;
        pos += len + 1;
      }
    }
  }

  /** Copies the name at {@code off} in {@code from} to {@code to} at {@code at}, uncompressed. */
  private static int writeExpandedName(byte[] from, int off, byte[] to, int at) {
    int pos = off;
    int out = at;
    while (true) {
      int len = from[pos] & 0xff;
      if (len == 0) {
        to[out] = 0;
        return out + 1;
      }
      if ((len & 0xc0) == 0xc0) {
        pos = ((len & 0x3f) << 8) | (from[pos + 1] & 0xff);
      } else {
        System.arraycopy(from, pos, to, out, len + 1);
        out += len + 1;
        pos += len + 1;
      }
    }
  }
}
