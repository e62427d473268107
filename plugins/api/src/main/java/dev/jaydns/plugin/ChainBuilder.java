package dev.jaydns.plugin;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Links handlers into a {@link Chain}: the first handler is the outermost. Each link stamps the
 * answers its handler wrote with the plugin's name ({@link Response#writer()}), which the metrics'
 * {@code plugin} label and the logs report.
 */
public final class ChainBuilder {

  private ChainBuilder() {}

  /**
   * The chain of {@code handlers}, each named by the same index of {@code names}. Past the last
   * handler, a query fails with SERVFAIL "plugin/LAST: no next plugin found", as CoreDNS's
   * {@code NextOrFailure}.
   */
  public static Chain of(List<String> names, List<Handler> handlers) {
    if (names.size() != handlers.size()) {
      throw new IllegalArgumentException("one name per handler");
    }
    Chain next = null;
    for (int i = handlers.size() - 1; i >= 0; i--) {
      Chain tail = next != null ? next : new End(names.get(i));
      next = new Link(names.get(i), handlers.get(i), tail);
    }
    return next != null ? next : new End("");
  }

  private static final class Link implements Chain {
    private final String name;
    private final Handler handler;
    private final Chain next;
    private final Function<Response, Response> stamp = this::stamp;

    Link(String name, Handler handler, Chain next) {
      this.name = name;
      this.handler = handler;
      this.next = next;
    }

    @Override
    public CompletionStage<Response> handle(Query query) {
      CompletionStage<Response> stage = handler.handle(query, next);
      // Answers from memory come back already complete: stamp them in place rather than paying
      // for another stage per link on the hot path.
      if (stage instanceof CompletableFuture<Response> f
          && f.isDone()
          && !f.isCompletedExceptionally()) {
        stamp(f.join());
        return stage;
      }
      return stage.thenApply(stamp);
    }

    private Response stamp(Response r) {
      if (r != null && r.writer == null && r.isWritten()) {
        r.writer = name;
      }
      return r;
    }
  }

  private record End(String last) implements Chain {
    @Override
    public CompletionStage<Response> handle(Query query) {
      return Response.failed(
          org.xbill.DNS.Rcode.SERVFAIL,
          new IllegalStateException("plugin/" + last + ": no next plugin found"));
    }
  }
}
