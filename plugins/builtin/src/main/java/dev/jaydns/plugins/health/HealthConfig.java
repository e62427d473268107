package dev.jaydns.plugins.health;

import java.time.Duration;

/**
 * A parsed {@code health} directive (the last occurrence's values win, as in CoreDNS).
 *
 * @param address where {@code /health} is served, CoreDNS's {@code HOST:PORT}
 * @param lameduck how long DNS keeps being answered after SIGTERM; zero for none
 * @param selfQuery the name {@code /health} resolves through the block's own DNS listener before
 *     answering 200 (Jay's {@code self_query}), or null when off
 * @param selfQueryTimeout how long that query may take before {@code /health} answers 503
 */
public record HealthConfig(
    String address, Duration lameduck, String selfQuery, Duration selfQueryTimeout) {}
