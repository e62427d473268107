package dev.jaydns.server;

/**
 * What one listener routes to right now: the router of the serving generation. Swapped in one
 * volatile write when a reload has built and started a new generation, so every query sees
 * either the old configuration or the new one, never a mix.
 */
final class RouterHolder {

  /** A router and the generation it belongs to, read together. */
  record Route(ZoneRouter router, Generation generation) {}

  private volatile Route current;

  RouterHolder(ZoneRouter router, Generation generation) {
    this.current = new Route(router, generation);
  }

  Route current() {
    return current;
  }

  void set(ZoneRouter router, Generation generation) {
    current = new Route(router, generation);
  }
}
