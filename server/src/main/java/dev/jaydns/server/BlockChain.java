package dev.jaydns.server;

import dev.jaydns.plugin.Chain;
import java.util.List;

/**
 * One server block as the router sees it: its chain (null when the block has no handler, and its
 * queries are REFUSED as CoreDNS does), its zones, and whether it takes classes other than IN.
 */
record BlockChain(Chain chain, List<String> zones, List<String> plugins, boolean anyClass) {}
