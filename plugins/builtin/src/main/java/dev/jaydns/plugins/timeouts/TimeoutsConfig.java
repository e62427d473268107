package dev.jaydns.plugins.timeouts;

import java.time.Duration;

/**
 * A parsed {@code timeouts} block; a null field keeps the server's default.
 *
 * @param read how long the first query on a TCP connection may take to arrive
 * @param write how long writing a reply may take
 * @param idle how long a TCP connection may wait between queries
 */
public record TimeoutsConfig(Duration read, Duration write, Duration idle) {}
