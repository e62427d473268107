package dev.jaydns.plugin;

import java.util.concurrent.CompletionStage;

/**
 * One link of a server block's plugin chain. This comment is the whole chaining contract; every
 * other type in this package serves it.
 *
 * <h2>What a handler does with a query</h2>
 *
 * <p>{@link #handle} receives the {@link Query} and the rest of the chain, and returns a stage that
 * completes with the {@link Response} for this query. A handler does exactly one of these:
 *
 * <ul>
 *   <li><b>Answer.</b> Return a stage holding a written response: {@link Response#of(byte[])} or
 *       {@link Response#of(org.xbill.DNS.Message)}. A handler that answers from memory (a cache
 *       hit, {@code whoami}) returns an already completed stage ({@code
 *       CompletableFuture.completedFuture}); no thread hop is involved.
 *   <li><b>Pass.</b> Return {@code next.handle(query)} unchanged: the query is not this handler's
 *       business ({@code forward} for a name outside its FROM zone, {@code hosts} without an
 *       entry and with {@code fallthrough}).
 *   <li><b>Observe or change the answer.</b> Call {@code next.handle(query)} and map the stage it
 *       returns ({@code thenApply}, {@code whenComplete}). This is how {@code cache} stores what
 *       comes back, how {@code log} and {@code prometheus} see the rcode, size and duration, and how
 *       {@code errors} sees failures. The answer flows back through the handlers in the reverse
 *       order of the chain, so an outer handler sees what every inner one made of it.
 *   <li><b>Fail without writing.</b> Return {@link Response#failure(int, Throwable)} with SERVFAIL,
 *       REFUSED, FORMERR or NOTIMP and the reason. This is CoreDNS's "return SERVFAIL, err": nothing
 *       has been written, the {@code errors} plugin logs the reason, the metrics count the rcode
 *       with an empty plugin label, and the server itself writes the error reply (ID, opcode, RD,
 *       CD and question copied from the query, RA=0, AA=0, OPT mirrored for EDNS clients).
 *   <li><b>Drop.</b> Return {@link Response#drop()}: the client gets no reply at all (over TCP the
 *       connection stays open for its other queries). Only for policy, as {@code acl}'s
 *       {@code drop}; an upstream failure is a failure, not a drop.
 * </ul>
 *
 * <p>A stage completed exceptionally, or an exception thrown from {@code handle}, is a bug in the
 * handler: the server answers SERVFAIL, counts it in {@code coredns_panics_total}, logs it, and
 * keeps serving. Throwing is never the way to report "upstream down": use {@link
 * Response#failure}.
 *
 * <h2>Calling {@code next}</h2>
 *
 * <p>{@code next} is the rest of this server block's chain, in CoreDNS's fixed plugin order (never
 * the order written in the Corefile). Calling it runs the next handler; calling it when no handler
 * follows yields {@code failure(SERVFAIL, "plugin/NAME: no next plugin found")}. A handler may call
 * {@code next} at most once per query, with the query it received or with a changed copy ({@link
 * Query#withMessage}), as {@code rewrite} and {@code bufsize} do. A handler that refreshes an entry
 * in the background ({@code cache} prefetch) may call it again later for a fresh query it builds.
 *
 * <h2>Threads</h2>
 *
 * <p>{@code handle} runs on the Vert.x event loop that received the query. It must never block:
 * no file or socket I/O in the calling thread, no {@code join}, {@code get} or {@code sleep}. A
 * handler that waits for something (an upstream answer) returns an incomplete stage and completes
 * it later, from any thread. One handler instance serves every event loop of every listener of its
 * server block at once, so its state must be safe for concurrent use. Handlers that map a stage
 * must not assume the thread it completes on.
 *
 * <h2>Lifecycle</h2>
 *
 * <p>Handlers are created by {@link Plugin#setup} (which opens nothing) and receive queries only
 * after their {@link PluginInstance#start} has completed; after {@link PluginInstance#stop} they
 * receive none. A config reload builds new handlers; the old ones finish the queries they hold.
 */
@FunctionalInterface
public interface Handler {

  /**
   * Handles one query; see the interface comment for the contract.
   *
   * @param query the query, decoded as far as the header, question and OPT record
   * @param next the rest of the chain
   * @return the answer, or a failure meaning "nothing written"
   */
  CompletionStage<Response> handle(Query query, Chain next);
}
