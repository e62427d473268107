package dev.jaydns.plugins.forward.upstream;

/**
 * Receives the outcome of one exchange with one upstream, on the event loop that started it.
 * Exactly one method is called, once.
 */
public interface ExchangeCallback {

  /**
   * A reply that passed validation: from the upstream's address, with the query's ID and question.
   * The array is the caller's to keep; its ID is still the one Jay used upstream.
   */
  void onReply(byte[] reply);

  /** No valid reply: timeout, connection refused or closed, TLS failure. */
  void onError(Throwable error);
}
