package dev.jaydns.plugins.forward.upstream;

/**
 * What the upstream layer reports about one upstream. The forward plugin implements it with
 * CoreDNS's {@code coredns_proxy_*} meters; tests may count by hand.
 */
public interface UpstreamMetrics {

  /** A pooled connection (or UDP socket) was reused for an exchange. */
  void connCacheHit(Proto proto);

  /** A new connection (or UDP socket) was opened for an exchange. */
  void connCacheMiss(Proto proto);

  /** A health check failed. */
  void healthcheckFailure();

  /** A packet from (or claiming to be from) the upstream was dropped; {@code reason} says why. */
  void replyDropped(String reason);

  /** Does nothing. */
  UpstreamMetrics NONE =
      new UpstreamMetrics() {
        @Override
        public void connCacheHit(Proto proto) {}

        @Override
        public void connCacheMiss(Proto proto) {}

        @Override
        public void healthcheckFailure() {}

        @Override
        public void replyDropped(String reason) {}
      };
}
