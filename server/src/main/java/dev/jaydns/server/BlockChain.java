package dev.jaydns.server;

import dev.jaydns.plugin.Chain;
import java.util.List;

/**
 * One server block as the router sees it: its chain (null when the block has no handler, and its
 * queries are REFUSED as CoreDNS does), its zones, whether it takes classes other than IN, and
 * whether a handler's exception is logged with its stack trace ({@code errors { stacktrace }} or
 * {@code debug}).
 */
record BlockChain(
    Chain chain, List<String> zones, List<String> plugins, boolean anyClass, boolean stacktrace) {}
