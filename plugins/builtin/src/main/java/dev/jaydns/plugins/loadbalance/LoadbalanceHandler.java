package dev.jaydns.plugins.loadbalance;

import dev.jaydns.plugin.Chain;
import dev.jaydns.plugin.Handler;
import dev.jaydns.plugin.Query;
import dev.jaydns.plugin.Response;
import dev.jaydns.plugin.wire.Wire;
import dev.jaydns.plugins.acl.Cidr;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Reorders the records of NOERROR answers, as CoreDNS's loadbalance does.
 *
 * <ul>
 *   <li>{@code round_robin}: in every section, A, AAAA and MX records are shuffled and placed after
 *       CNAMEs and other records (stub resolvers such as glibc want a CNAME before the addresses it
 *       leads to).
 *   <li>{@code weighted}: for A, AAAA and SRV queries, in the answer and additional sections, one
 *       address record is drawn with the probability of its weight and put first among the
 *       addresses; the others keep their order.
 *   <li>{@code prefer}: then, in the answer and additional sections, addresses inside the preferred
 *       subnets (in the order the subnets are listed) go before the others.
 * </ul>
 *
 * Zone transfers are left alone; an answer with fewer than two records in every section is passed
 * on without a parse, and an answer whose order does not change is passed on as it came.
 */
public final class LoadbalanceHandler implements Handler {

  private final LoadbalanceConfig config;
  private final WeightFile weights;

  public LoadbalanceHandler(LoadbalanceConfig config) {
    this(config, config.isWeighted() ? new WeightFile(config.weighted()) : null);
  }

  LoadbalanceHandler(LoadbalanceConfig config, WeightFile weights) {
    this.config = config;
    this.weights = weights;
  }

  WeightFile weightFile() {
    return weights;
  }

  @Override
  public CompletionStage<Response> handle(Query query, Chain next) {
    int qtype = query.qtype();
    if (qtype == Type.AXFR || qtype == Type.IXFR) {
      return next.handle(query);
    }
    return next.handle(query).thenApply(r -> balance(qtype, r));
  }

  Response balance(int qtype, Response r) {
    if (!r.isWritten() || r.rcode() != Rcode.NOERROR) {
      return r;
    }
    byte[] wire = r.wire();
    if (Wire.ancount(wire) < 2 && Wire.nscount(wire) < 2 && Wire.arcount(wire) < 2) {
      return r;
    }
    Message m = r.message().clone();
    boolean changed = false;
    if (weights == null) {
      for (int section : new int[] {Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL}) {
        changed |= replace(m, section, roundRobin(m.getSection(section)));
      }
    } else if (qtype == Type.A || qtype == Type.AAAA || qtype == Type.SRV) {
      Weights w = weights.weights();
      for (int section : new int[] {Section.ANSWER, Section.ADDITIONAL}) {
        changed |= replace(m, section, weighted(m.getSection(section), w));
      }
    }
    if (!config.prefer().isEmpty()) {
      for (int section : new int[] {Section.ANSWER, Section.ADDITIONAL}) {
        changed |= replace(m, section, preferred(m.getSection(section), config.prefer()));
      }
    }
    return changed ? Response.of(m) : r;
  }

  /** The records of one section sorted by kind, in their order within each kind. */
  private record Kinds(List<Record> cnames, List<Record> addresses, List<Record> mx, List<Record> rest) {
    static Kinds of(List<Record> in) {
      Kinds k = new Kinds(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
      for (Record rec : in) {
        switch (rec.getType()) {
          case Type.CNAME -> k.cnames.add(rec);
          case Type.A, Type.AAAA -> k.addresses.add(rec);
          case Type.MX -> k.mx.add(rec);
          default -> k.rest.add(rec);
        }
      }
      return k;
    }
  }

  private static List<Record> roundRobin(List<Record> in) {
    if (in.size() < 2) {
      return in;
    }
    Kinds k = Kinds.of(in);
    Collections.shuffle(k.addresses, ThreadLocalRandom.current());
    Collections.shuffle(k.mx, ThreadLocalRandom.current());
    return concat(k.cnames, k.rest, k.addresses, k.mx);
  }

  private static List<Record> weighted(List<Record> in, Weights w) {
    Kinds k = Kinds.of(in);
    if (k.addresses.isEmpty()) {
      return in;
    }
    int top = drawTop(k.addresses, w);
    if (top != 0) {
      Collections.swap(k.addresses, 0, top);
    }
    return concat(k.cnames, k.rest, k.addresses, k.mx);
  }

  /** The index of the address drawn to go first: each with the probability of its weight. */
  static int drawTop(List<Record> addresses, Weights w) {
    int n = addresses.size();
    if (n == 1) {
      return 0;
    }
    int[] weight = new int[n];
    int sum = 0;
    for (int i = 0; i < n; i++) {
      Record rec = addresses.get(i);
      weight[i] = w.weight(rec.getName().toString().toLowerCase(Locale.ROOT), address(rec));
      sum += weight[i];
    }
    int v = ThreadLocalRandom.current().nextInt(sum);
    for (int i = 0; i < n; i++) {
      v -= weight[i];
      if (v < 0) {
        return i;
      }
    }
    return 0;
  }

  private static List<Record> preferred(List<Record> in, List<Cidr> subnets) {
    Kinds k = Kinds.of(in);
    List<Record> sorted = new ArrayList<>(k.addresses.size());
    boolean[] taken = new boolean[k.addresses.size()];
    for (Cidr subnet : subnets) {
      for (int i = 0; i < taken.length; i++) {
        if (!taken[i] && subnet.contains(address(k.addresses.get(i)))) {
          sorted.add(k.addresses.get(i));
          taken[i] = true;
        }
      }
    }
    for (int i = 0; i < taken.length; i++) {
      if (!taken[i]) {
        sorted.add(k.addresses.get(i));
      }
    }
    return concat(k.cnames, sorted, k.mx, k.rest);
  }

  private static InetAddress address(Record rec) {
    return rec instanceof ARecord a ? a.getAddress() : ((AAAARecord) rec).getAddress();
  }

  @SafeVarargs
  private static List<Record> concat(List<Record>... parts) {
    List<Record> out = new ArrayList<>();
    for (List<Record> p : parts) {
      out.addAll(p);
    }
    return out;
  }

  /** Puts {@code order} into the section when it differs from what is there; true if it did. */
  private static boolean replace(Message m, int section, List<Record> order) {
    List<Record> now = m.getSection(section);
    if (order == now || sameOrder(now, order)) {
      return false;
    }
    m.removeAllRecords(section);
    for (Record rec : order) {
      m.addRecord(rec, section);
    }
    return true;
  }

  private static boolean sameOrder(List<Record> a, List<Record> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i) != b.get(i)) {
        return false;
      }
    }
    return true;
  }
}
