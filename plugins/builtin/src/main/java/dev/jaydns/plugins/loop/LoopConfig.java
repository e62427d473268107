package dev.jaydns.plugins.loop;

/**
 * {@code loop}: no options. The probe goes to the block's first zone.
 *
 * @param zone the block's first zone, under which the probe name is made
 */
public record LoopConfig(String zone) {}
