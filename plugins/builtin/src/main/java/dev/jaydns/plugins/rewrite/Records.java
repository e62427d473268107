package dev.jaydns.plugins.rewrite;

import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DNAMERecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/** Rebuilds dnsjava records with another owner, TTL or target name (records are immutable). */
final class Records {

  static final int[] SECTIONS = {Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL};

  private Records() {}

  /** Replaces every record of the three record sections (OPT excepted) with {@code f}'s. */
  static void map(org.xbill.DNS.Message m, UnaryOperator<Record> f) {
    for (int section : SECTIONS) {
      List<Record> records = m.getSection(section);
      if (records.isEmpty()) {
        continue;
      }
      m.removeAllRecords(section);
      for (Record r : records) {
        m.addRecord(r.getType() == Type.OPT ? r : f.apply(r), section);
      }
    }
  }

  static Record withTtl(Record r, long ttl) {
    if (r.getTTL() == ttl) {
      return r;
    }
    byte[] wire = r.toWire(Section.ANSWER);
    byte[] rdata = Arrays.copyOfRange(wire, r.getName().length() + 10, wire.length);
    return Record.newRecord(r.getName(), r.getType(), r.getDClass(), ttl, rdata);
  }

  /** The record with its target name (CNAME, DNAME, NS, PTR, MX, SRV) changed by {@code f}. */
  static Record withTarget(Record r, UnaryOperator<String> f) {
    Name owner = r.getName();
    int c = r.getDClass();
    long ttl = r.getTTL();
    if (r instanceof CNAMERecord x) {
      Name t = rename(x.getTarget(), f);
      return t == null ? r : new CNAMERecord(owner, c, ttl, t);
    }
    if (r instanceof DNAMERecord x) {
      Name t = rename(x.getTarget(), f);
      return t == null ? r : new DNAMERecord(owner, c, ttl, t);
    }
    if (r instanceof NSRecord x) {
      Name t = rename(x.getTarget(), f);
      return t == null ? r : new NSRecord(owner, c, ttl, t);
    }
    if (r instanceof PTRRecord x) {
      Name t = rename(x.getTarget(), f);
      return t == null ? r : new PTRRecord(owner, c, ttl, t);
    }
    if (r instanceof MXRecord x) {
      Name t = rename(x.getTarget(), f);
      return t == null ? r : new MXRecord(owner, c, ttl, x.getPriority(), t);
    }
    if (r instanceof SRVRecord x) {
      Name t = rename(x.getTarget(), f);
      return t == null
          ? r
          : new SRVRecord(owner, c, ttl, x.getPriority(), x.getWeight(), x.getPort(), t);
    }
    return r;
  }

  /** The record with its owner changed by {@code f}. */
  static Record withOwner(Record r, UnaryOperator<String> f) {
    Name n = rename(r.getName(), f);
    return n == null ? r : r.withName(n);
  }

  /** {@code f} applied to the name's text; null when unchanged or not a legal name. */
  private static Name rename(Name name, UnaryOperator<String> f) {
    String renamed = f.apply(name.toString());
    if (renamed == null) {
      return null;
    }
    try {
      return Name.fromString(renamed);
    } catch (TextParseException e) {
      return null;
    }
  }
}
