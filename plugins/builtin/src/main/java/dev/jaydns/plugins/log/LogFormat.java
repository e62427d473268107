package dev.jaydns.plugins.log;

import dev.jaydns.plugin.Query;
import dev.jaydns.plugin.Response;
import dev.jaydns.plugin.wire.Wire;
import dev.jaydns.plugin.net.IpLiteral;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Type;

/**
 * A log line format, split once into literal text and placeholders so that writing a line is a
 * walk over a small array into one {@link StringBuilder}.
 *
 * <p>Placeholders: {@code {type} {name} {class} {proto} {size} {remote} {port} {local} {>id}
 * {>opcode} {>do} {>bufsize} {rcode} {rsize} {duration} {>rflags}} and {@code {/LABEL}} (metadata,
 * which Jay has none of: always {@code -}). Any other {@code {x}} is literal text. As CoreDNS
 * reads it, each {@code }} is paired with the nearest {@code {} before it.
 */
final class LogFormat {

  /** CoreDNS's common log format. */
  static final String COMMON =
      "{remote}:{port} - {>id} \"{type} {class} {name} {proto} {size} {>do} {>bufsize}\" {rcode}"
          + " {>rflags} {rsize} {duration}";

  /** The common format plus the opcode. */
  static final String COMBINED = COMMON + " \"{>opcode}\"";

  private static final String EMPTY = "-";

  private enum Field {
    TYPE("{type}"),
    NAME("{name}"),
    CLASS("{class}"),
    PROTO("{proto}"),
    SIZE("{size}"),
    REMOTE("{remote}"),
    PORT("{port}"),
    LOCAL("{local}"),
    ID("{>id}"),
    OPCODE("{>opcode}"),
    DO("{>do}"),
    BUFSIZE("{>bufsize}"),
    RCODE("{rcode}"),
    RSIZE("{rsize}"),
    DURATION("{duration}"),
    RFLAGS("{>rflags}"),
    LITERAL(null),
    METADATA(null);

    final String label;

    Field(String label) {
      this.label = label;
    }

    static Field of(String label) {
      for (Field f : values()) {
        if (label.equals(f.label)) {
          return f;
        }
      }
      return null;
    }
  }

  private static final String[] RCODES = {
    "NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED", "YXDOMAIN", "YXRRSET",
    "NXRRSET", "NOTAUTH", "NOTZONE", null, null, null, null, null, "BADSIG", "BADKEY", "BADTIME",
    "BADMODE", "BADNAME", "BADALG", "BADTRUNC", "BADCOOKIE"
  };

  private static final String[] FLAG_NAMES = {"qr", "aa", "tc", "rd", "ra", "z", "ad", "cd"};
  private static final int[] FLAG_BITS = {
    Wire.FLAG_QR, Wire.FLAG_AA, Wire.FLAG_TC, Wire.FLAG_RD, Wire.FLAG_RA, Wire.FLAG_Z,
    Wire.FLAG_AD, Wire.FLAG_CD
  };

  private final String text;
  private final Field[] fields;
  private final String[] literals;
  private final Map<String, String> localByServer = new ConcurrentHashMap<>();

  private LogFormat(String text, List<Field> fields, List<String> literals) {
    this.text = text;
    this.fields = fields.toArray(new Field[0]);
    this.literals = literals.toArray(new String[0]);
  }

  /** Splits {@code text} into literals and placeholders. */
  static LogFormat parse(String text) {
    List<Field> fields = new ArrayList<>();
    List<String> literals = new ArrayList<>();
    String s = text;
    while (true) {
      int close = s.indexOf('}');
      if (close < 0) {
        break;
      }
      int open = s.lastIndexOf('{', close);
      if (open < 0) {
        add(fields, literals, Field.LITERAL, s.substring(0, close + 1));
        s = s.substring(close + 1);
        continue;
      }
      String label = s.substring(open, close + 1);
      Field f = Field.of(label);
      if (f == null && label.startsWith("{/")) {
        f = Field.METADATA;
      }
      if (f == null) {
        add(fields, literals, Field.LITERAL, s.substring(0, close + 1));
      } else {
        if (open > 0) {
          add(fields, literals, Field.LITERAL, s.substring(0, open));
        }
        add(fields, literals, f, f == Field.METADATA ? label : null);
      }
      s = s.substring(close + 1);
    }
    if (!s.isEmpty()) {
      add(fields, literals, Field.LITERAL, s);
    }
    return new LogFormat(text, fields, literals);
  }

  private static void add(List<Field> fields, List<String> literals, Field f, String literal) {
    int last = fields.size() - 1;
    if (f == Field.LITERAL && last >= 0 && fields.get(last) == Field.LITERAL) {
      literals.set(last, literals.get(last) + literal);
      return;
    }
    fields.add(f);
    literals.add(literal);
  }

  /** The format as configured. */
  String text() {
    return text;
  }

  /** Appends the line for {@code query} and what the chain made of it, {@code nanos} after start. */
  void append(StringBuilder sb, Query query, Response response, long nanos) {
    for (int i = 0; i < fields.length; i++) {
      switch (fields[i]) {
        case LITERAL -> sb.append(literals[i]);
        case METADATA -> sb.append(EMPTY);
        case TYPE -> sb.append(Type.string(query.qtype()));
        case NAME -> sb.append(query.name());
        case CLASS -> sb.append(DClass.string(query.qclass()));
        case PROTO -> sb.append(query.transport().label());
        case SIZE -> sb.append(query.size());
        case REMOTE -> appendRemote(sb, query.remote());
        case PORT -> sb.append(query.remote() == null ? 0 : query.remote().getPort());
        case LOCAL -> sb.append(local(query.server()));
        case ID -> sb.append(query.id());
        case OPCODE -> sb.append(query.opcode());
        case DO -> sb.append(query.dnssecOk());
        case BUFSIZE -> sb.append(query.maxResponseSize());
        case RCODE -> appendRcode(sb, response);
        case RSIZE -> sb.append(response.size());
        case DURATION -> appendSeconds(sb, nanos).append('s');
        case RFLAGS -> appendFlags(sb, response);
      }
    }
  }

  private static void appendRcode(StringBuilder sb, Response response) {
    if (!response.isWritten()) {
      sb.append(EMPTY);
      return;
    }
    int rcode = response.rcode();
    String name = rcode >= 0 && rcode < RCODES.length ? RCODES[rcode] : null;
    if (name != null) {
      sb.append(name);
    } else {
      sb.append(rcode);
    }
  }

  private static void appendFlags(StringBuilder sb, Response response) {
    if (!response.isWritten()) {
      sb.append(EMPTY);
      return;
    }
    int flags = response.flags();
    boolean first = true;
    for (int i = 0; i < FLAG_BITS.length; i++) {
      if ((flags & FLAG_BITS[i]) != 0) {
        if (!first) {
          sb.append(',');
        }
        sb.append(FLAG_NAMES[i]);
        first = false;
      }
    }
  }

  /**
   * Seconds in the shortest decimal form, as Go's {@code FormatFloat(s, 'f', -1, 64)} prints a
   * duration's seconds: {@code 0.001695631}, {@code 1.5}, {@code 2}, {@code 0}. Whole nanoseconds
   * have at most 9 fraction digits, so their exact decimal is also the shortest.
   */
  static StringBuilder appendSeconds(StringBuilder sb, long nanos) {
    if (nanos < 0) {
      sb.append('-');
      nanos = -nanos;
    }
    sb.append(nanos / 1_000_000_000L);
    long fraction = nanos % 1_000_000_000L;
    if (fraction != 0) {
      int digits = 9;
      while (fraction % 10 == 0) {
        fraction /= 10;
        digits--;
      }
      sb.append('.');
      String f = Long.toString(fraction);
      for (int i = f.length(); i < digits; i++) {
        sb.append('0');
      }
      sb.append(f);
    }
    return sb;
  }

  /** The client address as CoreDNS prints it: dotted IPv4, or RFC 5952 IPv6 in brackets. */
  static void appendRemote(StringBuilder sb, InetSocketAddress remote) {
    if (remote == null) {
      sb.append(EMPTY);
      return;
    }
    appendAddress(sb, remote.getAddress());
  }

  static void appendAddress(StringBuilder sb, InetAddress address) {
    if (address.getAddress().length == 4) {
      IpLiteral.appendTo(sb, address);
      return;
    }
    sb.append('[');
    IpLiteral.appendTo(sb, address);
    if (address instanceof Inet6Address v6 && v6.getScopedInterface() != null) {
      sb.append('%').append(v6.getScopedInterface().getName());
    } else if (address instanceof Inet6Address v6 && v6.getScopeId() != 0) {
      sb.append('%').append(v6.getScopeId());
    }
    sb.append(']');
  }

  /**
   * The listener's IP from its label ({@code dns://169.254.20.10:53}, {@code dns://[::1]:53});
   * for the wildcard listener ({@code dns://:53}) {@code [::]}, what CoreDNS prints for a UDP query
   * on its dual-stack wildcard socket.
   */
  private String local(String server) {
    if (server == null) {
      return EMPTY;
    }
    String cached = localByServer.get(server);
    if (cached == null) {
      cached = localOf(server);
      localByServer.put(server, cached);
    }
    return cached;
  }

  static String localOf(String server) {
    int scheme = server.indexOf("://");
    String hostPort = scheme < 0 ? server : server.substring(scheme + 3);
    int colon = hostPort.lastIndexOf(':');
    String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
    if (host.isEmpty()) {
      return "[::]";
    }
    if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
      return "[" + host + "]";
    }
    return host;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LogFormat f && f.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
