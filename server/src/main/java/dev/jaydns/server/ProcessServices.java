package dev.jaydns.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * What the process lends every generation's plugins: Vert.x, the metrics registry and the
 * server's own metric families, the shared HTTP listeners, the stop sequence, and the ports the
 * DNS listeners actually bound, and what to do when a plugin reports a fatal condition.
 */
record ProcessServices(
    Vertx vertx,
    MeterRegistry registry,
    RequestMetrics requestMetrics,
    HttpEndpointRegistry http,
    ProcessLifecycle lifecycle,
    ToIntFunction<ListenerKey> boundPort,
    Consumer<String> fatal) {}
