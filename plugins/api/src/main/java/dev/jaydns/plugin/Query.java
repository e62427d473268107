package dev.jaydns.plugin;

import dev.jaydns.plugin.wire.MalformedMessageException;
import dev.jaydns.plugin.wire.Wire;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.Arrays;
import org.xbill.DNS.Message;

/**
 * One query as it travels down a chain: the bytes as received plus what every plugin needs cheaply
 * (header, question, EDNS), read straight from the bytes. The full dnsjava {@link Message} is built
 * only when a plugin asks for it with {@link #message()}.
 *
 * <p>A query is immutable: a plugin that changes the query ({@code rewrite}, {@code bufsize})
 * passes a new one down with {@link #withMessage(Message)}.
 */
public final class Query {

  /** CoreDNS's {@code Size()} for TCP clients. */
  public static final int TCP_SIZE = 65535;
  /** The classic UDP limit, and the floor of any advertised EDNS size. */
  public static final int MIN_UDP_SIZE = 512;

  private final byte[] wire;
  private final Transport transport;
  private final InetSocketAddress remote;
  private final String server;
  // Built on first use: a cache hit routed to the root zone never needs it.
  private String name;
  private final int qtype;
  private final int qclass;
  private final int questionEnd;
  private final int optOffset;
  private final int ednsUdpSize;
  private final int ednsVersion;
  private final boolean dnssecOk;
  private Message message;

  private Query(
      byte[] wire,
      Transport transport,
      InetSocketAddress remote,
      String server,
      int qtype,
      int qclass,
      int questionEnd,
      int optOffset,
      int ednsUdpSize,
      int ednsVersion,
      boolean dnssecOk) {
    this.wire = wire;
    this.transport = transport;
    this.remote = remote;
    this.server = server;
    this.qtype = qtype;
    this.qclass = qclass;
    this.questionEnd = questionEnd;
    this.optOffset = optOffset;
    this.ednsUdpSize = ednsUdpSize;
    this.ednsVersion = ednsVersion;
    this.dnssecOk = dnssecOk;
  }

  /**
   * Decodes a packet as a query, applying the checks a server makes before any plugin sees it
   * (CoreDNS/miekg's accept rules): shorter than a header or QR=1 gives no reply; an opcode other
   * than QUERY or NOTIFY gives NOTIMP; QDCOUNT != 1, ANCOUNT > 1, NSCOUNT > 1, ARCOUNT > 2, more
   * than one OPT, or a body that does not parse gives FORMERR.
   *
   * @param wire the packet; the array is kept (not copied), so the caller hands over ownership
   * @param server the listener's label, {@code dns://127.0.0.1:53}, as metrics print it
   */
  public static Query decode(
      byte[] wire, Transport transport, InetSocketAddress remote, String server)
      throws MalformedQueryException {
    int length = wire.length;
    if (length < Wire.HEADER_LENGTH) {
      throw new MalformedQueryException("shorter than a DNS header", null);
    }
    int flags = Wire.flags(wire);
    if ((flags & Wire.FLAG_QR) != 0) {
      throw new MalformedQueryException("QR bit set: a response, not a query", null);
    }
    int opcode = Wire.opcode(wire);
    if (opcode != 0 && opcode != 4) {
      throw new MalformedQueryException(
          "opcode " + opcode + " not implemented", Replies.headerOnly(wire, 4, true));
    }
    if (Wire.qdcount(wire) != 1
        || Wire.ancount(wire) > 1
        || Wire.nscount(wire) > 1
        || Wire.arcount(wire) > 2) {
      throw new MalformedQueryException(
          "section counts not those of a query", Replies.headerOnly(wire, 1, false));
    }
    int pos = Wire.HEADER_LENGTH;
    int questionEnd;
    int qtype;
    int qclass;
    try {
      int nameEnd = Wire.skipName(wire, pos, length);
      if (nameEnd + 4 > length) {
        throw new MalformedMessageException("question runs past the end");
      }
      qtype = Wire.u16(wire, nameEnd);
      qclass = Wire.u16(wire, nameEnd + 2);
      questionEnd = nameEnd + 4;
    } catch (MalformedMessageException e) {
      throw new MalformedQueryException(e.getMessage(), Replies.headerOnly(wire, 1, false));
    }
    int optOffset = -1;
    int udpSize = 0;
    int version = 0;
    boolean dnssecOk = false;
    try {
      pos = questionEnd;
      int records = Wire.ancount(wire) + Wire.nscount(wire);
      for (int i = 0; i < records; i++) {
        pos = Wire.skipRecord(wire, pos, length);
      }
      int additional = Wire.arcount(wire);
      for (int i = 0; i < additional; i++) {
        int start = pos;
        int nameEnd = Wire.skipName(wire, pos, length);
        pos = Wire.skipRecord(wire, pos, length);
        if (Wire.u16(wire, nameEnd) == Wire.TYPE_OPT) {
          if (optOffset >= 0) {
            throw new MalformedMessageException("more than one OPT record");
          }
          optOffset = start;
          udpSize = Wire.u16(wire, nameEnd + 2);
          version = wire[nameEnd + 5] & 0xff;
          dnssecOk = (wire[nameEnd + 6] & 0x80) != 0;
        }
      }
    } catch (MalformedMessageException e) {
      throw new MalformedQueryException(
          e.getMessage(), Replies.formatError(wire, questionEnd));
    }
    return new Query(
        wire,
        transport,
        remote,
        server,
        qtype,
        qclass,
        questionEnd,
        optOffset,
        udpSize,
        version,
        dnssecOk);
  }

  /** The bytes as received (or as rewritten by a plugin above). Do not modify them. */
  public byte[] wire() {
    return wire;
  }

  public int id() {
    return Wire.id(wire);
  }

  /** The header's flag word (QR, opcode, AA, TC, RD, RA, Z, AD, CD and rcode bits). */
  public int flags() {
    return Wire.flags(wire);
  }

  public int opcode() {
    return Wire.opcode(wire);
  }

  public boolean recursionDesired() {
    return (flags() & Wire.FLAG_RD) != 0;
  }

  public boolean checkingDisabled() {
    return (flags() & Wire.FLAG_CD) != 0;
  }

  public boolean authenticData() {
    return (flags() & Wire.FLAG_AD) != 0;
  }

  /** The question name, lowercased, fully qualified, in presentation form: CoreDNS's {@code Name()}. */
  public String name() {
    // A racy first build is harmless: every thread computes the same immutable string.
    String n = name;
    if (n == null) {
      n = Wire.name(wire, Wire.HEADER_LENGTH, true);
      name = n;
    }
    return n;
  }

  /** The question name as the client spelled it: CoreDNS's {@code QName()}. */
  public String originalName() {
    StringBuilder sb = new StringBuilder(questionEnd - Wire.HEADER_LENGTH);
    Wire.appendName(wire, Wire.HEADER_LENGTH, sb, false);
    return sb.toString();
  }

  public int qtype() {
    return qtype;
  }

  public int qclass() {
    return qclass;
  }

  /** Offset just past the question section in {@link #wire()}. */
  public int questionEnd() {
    return questionEnd;
  }

  /** True when the query carries an OPT record (the client speaks EDNS). */
  public boolean hasEdns() {
    return optOffset >= 0;
  }

  /** The UDP payload size the client advertised in its OPT record, 0 without EDNS. */
  public int ednsUdpSize() {
    return ednsUdpSize;
  }

  public int ednsVersion() {
    return ednsVersion;
  }

  /** The OPT record's DO bit: CoreDNS's {@code Do()}. */
  public boolean dnssecOk() {
    return dnssecOk;
  }

  /** Offset of the OPT record in {@link #wire()}, or -1. */
  public int optOffset() {
    return optOffset;
  }

  /**
   * The largest reply this client accepts, CoreDNS's {@code Size()}: 65535 over TCP; over UDP the
   * advertised EDNS size but at least 512, or 512 without EDNS.
   */
  public int maxResponseSize() {
    if (transport == Transport.TCP) {
      return TCP_SIZE;
    }
    return optOffset >= 0 ? Math.max(ednsUdpSize, MIN_UDP_SIZE) : MIN_UDP_SIZE;
  }

  public Transport transport() {
    return transport;
  }

  public InetSocketAddress remote() {
    return remote;
  }

  /** {@code 1} for an IPv4 client (also IPv4-mapped), {@code 2} for IPv6: CoreDNS's {@code Family()}. */
  public int family() {
    return remote != null && remote.getAddress() instanceof Inet6Address ? 2 : 1;
  }

  /** The listener's label, {@code dns://127.0.0.1:53}, as CoreDNS's {@code server} metric label. */
  public String server() {
    return server;
  }

  /** The query's length in bytes. */
  public int size() {
    return wire.length;
  }

  /**
   * The query as a dnsjava message, parsed on first use and then shared: treat it as read-only,
   * and to change the query, change a {@link Message#clone() clone} and pass {@link
   * #withMessage(Message)} down.
   *
   * @throws UnparseableQueryException when a record's contents do not parse (the server answers
   *     FORMERR)
   */
  public Message message() {
    Message m = message;
    if (m == null) {
      try {
        m = new Message(wire);
      } catch (IOException e) {
        // decode() walked every record's framing; dnsjava also reads each record's contents (EDNS
        // options, typed rdata), and a query whose contents are broken is the client's error.
        throw new UnparseableQueryException("malformed query: " + e.getMessage(), e);
      }
      message = m;
    }
    return m;
  }

  /**
   * A copy of this query carrying {@code changed} instead (same transport, client and listener).
   *
   * @throws IllegalArgumentException if the changed message is no longer a valid query
   */
  public Query withMessage(Message changed) {
    try {
      Query q = decode(changed.toWire(), transport, remote, server);
      q.message = changed;
      return q;
    } catch (MalformedQueryException e) {
      throw new IllegalArgumentException("not a valid query after change: " + e.getMessage(), e);
    }
  }

  /** A copy of the bytes, for plugins that patch a query before sending it on (a new ID upstream). */
  public byte[] copyWire() {
    return Arrays.copyOf(wire, wire.length);
  }

  /**
   * The error reply the server writes when the chain fails without writing: ID, opcode, RD and CD
   * and the question copied, QR=1, AA=0, RA=0, the rcode set, and an OPT record mirroring the
   * client's (version 0, its UDP size, its DO bit) when the client sent one.
   */
  public byte[] errorReply(int rcode) {
    return Replies.error(this, rcode);
  }

  @Override
  public String toString() {
    return name() + " " + org.xbill.DNS.Type.string(qtype) + " " + org.xbill.DNS.DClass.string(qclass);
  }
}
