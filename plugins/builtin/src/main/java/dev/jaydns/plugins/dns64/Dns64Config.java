package dev.jaydns.plugins.dns64;

/**
 * The {@code dns64} directive: the prefix synthesized addresses live in, whether answers that
 * already hold AAAA records are translated too ({@code translate_all}), and whether IPv4 clients
 * get translated answers ({@code allow_ipv4}).
 */
public record Dns64Config(Pref64 prefix, boolean translateAll, boolean allowIpv4) {}
