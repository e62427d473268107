package dev.jaydns.plugin.testkit;

import dev.jaydns.plugin.MalformedQueryException;
import dev.jaydns.plugin.Query;
import dev.jaydns.plugin.Transport;
import java.net.InetSocketAddress;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Builds {@link Query} objects for handler tests, as CoreDNS's {@code test.Case} does:
 * {@code TestQuery.of("example.org.", Type.A).edns(1232).dnssecOk().build()}.
 */
public final class TestQuery {

  private final String name;
  private final int type;
  private int dclass = DClass.IN;
  private int id = 4242;
  private boolean rd = true;
  private boolean cd;
  private boolean ad;
  private int ednsSize = -1;
  private boolean dnssecOk;
  private Transport transport = Transport.UDP;
  private InetSocketAddress remote = new InetSocketAddress("127.0.0.1", 40000);
  private String server = "dns://127.0.0.1:1053";

  private TestQuery(String name, int type) {
    this.name = name;
    this.type = type;
  }

  public static TestQuery of(String name, int type) {
    return new TestQuery(name, type);
  }

  /** A ready query with defaults: UDP from 127.0.0.1:40000, RD set, no EDNS. */
  public static Query query(String name, int type) {
    return of(name, type).build();
  }

  public TestQuery dclass(int c) {
    this.dclass = c;
    return this;
  }

  public TestQuery id(int i) {
    this.id = i;
    return this;
  }

  public TestQuery noRecursion() {
    this.rd = false;
    return this;
  }

  public TestQuery checkingDisabled() {
    this.cd = true;
    return this;
  }

  public TestQuery authenticData() {
    this.ad = true;
    return this;
  }

  /** Adds an OPT record advertising {@code udpSize}. */
  public TestQuery edns(int udpSize) {
    this.ednsSize = udpSize;
    return this;
  }

  /** Sets the DO bit (adds EDNS with 1232 if none was asked for). */
  public TestQuery dnssecOk() {
    this.dnssecOk = true;
    if (ednsSize < 0) {
      ednsSize = 1232;
    }
    return this;
  }

  public TestQuery tcp() {
    this.transport = Transport.TCP;
    return this;
  }

  public TestQuery from(InetSocketAddress client) {
    this.remote = client;
    return this;
  }

  public TestQuery server(String label) {
    this.server = label;
    return this;
  }

  /** The query as a dnsjava message. */
  public Message message() {
    try {
      Message m = Message.newQuery(Record.newRecord(Name.fromString(name), type, dclass));
      m.getHeader().setID(id);
      if (!rd) {
        m.getHeader().unsetFlag(Flags.RD);
      }
      if (cd) {
        m.getHeader().setFlag(Flags.CD);
      }
      if (ad) {
        m.getHeader().setFlag(Flags.AD);
      }
      if (ednsSize >= 0) {
        m.addRecord(
            new OPTRecord(ednsSize, 0, 0, dnssecOk ? ExtendedFlags.DO : 0),
            org.xbill.DNS.Section.ADDITIONAL);
      }
      return m;
    } catch (TextParseException e) {
      throw new IllegalArgumentException(e);
    }
  }

  public Query build() {
    try {
      return Query.decode(message().toWire(), transport, remote, server);
    } catch (MalformedQueryException e) {
      throw new IllegalStateException(e);
    }
  }
}
