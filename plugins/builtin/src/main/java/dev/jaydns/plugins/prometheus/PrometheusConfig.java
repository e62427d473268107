package dev.jaydns.plugins.prometheus;

import java.util.List;

/**
 * A parsed {@code prometheus} directive.
 *
 * @param address where {@code /metrics} is served, CoreDNS's {@code HOST:PORT}
 * @param zones the block's zones, longest first: the candidates for a query's {@code zone} label
 */
public record PrometheusConfig(String address, List<String> zones) {}
