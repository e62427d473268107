package dev.jaydns.plugins.bufsize;

import dev.jaydns.plugin.Chain;
import dev.jaydns.plugin.Handler;
import dev.jaydns.plugin.MalformedQueryException;
import dev.jaydns.plugin.Query;
import dev.jaydns.plugin.Response;
import dev.jaydns.plugin.wire.Wire;
import java.util.concurrent.CompletionStage;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Section;

/**
 * Lowers the UDP size of a query's OPT record to the configured size before the rest of the chain
 * sees it, so {@code forward} advertises no more upstream. Never raises a size and never adds an
 * OPT record. The change is a two-byte patch of a copy of the query's bytes; no dnsjava parse.
 */
public final class BufsizeHandler implements Handler {

  private final int size;

  public BufsizeHandler(BufsizeConfig config) {
    this.size = config.size();
  }

  @Override
  public CompletionStage<Response> handle(Query query, Chain next) {
    if (!query.hasEdns() || query.ednsUdpSize() <= size) {
      return next.handle(query);
    }
    return next.handle(lowered(query));
  }

  private Query lowered(Query query) {
    int opt = query.optOffset();
    byte[] wire = query.wire();
    if (wire[opt] != 0) {
      // An OPT owner other than the one-byte root name: take the slow, general road.
      Message m = query.message().clone();
      OPTRecord old = m.getOPT();
      m.removeRecord(old, Section.ADDITIONAL);
      m.addRecord(
          new OPTRecord(size, old.getExtendedRcode(), old.getVersion(), old.getFlags(), old.getOptions()),
          Section.ADDITIONAL);
      return query.withMessage(m);
    }
    byte[] copy = query.copyWire();
    Wire.put16(copy, opt + 3, size);
    try {
      return Query.decode(copy, query.transport(), query.remote(), query.server());
    } catch (MalformedQueryException e) {
      throw new IllegalStateException("query no longer decodes after a size patch", e);
    }
  }
}
