package dev.example.jay;

/**
 * The {@code jayversion [VERSION] { hostname NAME }} directive, read.
 *
 * @param version what {@code version.bind} and {@code version.server} answer
 * @param hostname what {@code hostname.bind} and {@code id.server} answer
 */
public record JayVersionConfig(String version, String hostname) {}
