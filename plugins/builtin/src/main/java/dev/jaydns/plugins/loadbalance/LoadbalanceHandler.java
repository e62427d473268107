package dev.jaydns.plugins.loadbalance;

import dev.jaydns.plugin.Chain;
import dev.jaydns.plugin.Handler;
import dev.jaydns.plugin.Query;
import dev.jaydns.plugin.Response;
import dev.jaydns.plugin.wire.Wire;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Round-robin: in each section of an answer, A, AAAA and MX records are shuffled and placed after
 * CNAMEs and other records (stub resolvers such as glibc want a CNAME before the addresses it
 * leads to). Zone transfers are left alone; an answer with fewer than two records in every
 * section is passed on without a parse.
 */
public final class LoadbalanceHandler implements Handler {

  @Override
  public CompletionStage<Response> handle(Query query, Chain next) {
    if (query.qtype() == Type.AXFR || query.qtype() == Type.IXFR) {
      return next.handle(query);
    }
    return next.handle(query).thenApply(LoadbalanceHandler::shuffle);
  }

  static Response shuffle(Response r) {
    if (!r.isWritten()) {
      return r;
    }
    byte[] wire = r.wire();
    if (Wire.ancount(wire) < 2 && Wire.nscount(wire) < 2 && Wire.arcount(wire) < 2) {
      return r;
    }
    Message m = r.message().clone();
    boolean changed = false;
    for (int section : new int[] {Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL}) {
      List<Record> in = m.getSection(section);
      if (in.size() < 2) {
        continue;
      }
      List<Record> cnames = new ArrayList<>();
      List<Record> addresses = new ArrayList<>();
      List<Record> mx = new ArrayList<>();
      List<Record> rest = new ArrayList<>();
      for (Record rec : in) {
        switch (rec.getType()) {
          case Type.CNAME -> cnames.add(rec);
          case Type.A, Type.AAAA -> addresses.add(rec);
          case Type.MX -> mx.add(rec);
          default -> rest.add(rec);
        }
      }
      if (addresses.size() < 2 && mx.size() < 2) {
        continue;
      }
      Collections.shuffle(addresses, ThreadLocalRandom.current());
      Collections.shuffle(mx, ThreadLocalRandom.current());
      m.removeAllRecords(section);
      for (List<Record> part : List.of(cnames, rest, addresses, mx)) {
        for (Record rec : part) {
          m.addRecord(rec, section);
        }
      }
      changed = true;
    }
    return changed ? Response.of(m) : r;
  }
}
