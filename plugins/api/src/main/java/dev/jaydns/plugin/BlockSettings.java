package dev.jaydns.plugin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings of one server block that plugins change during setup and the server reads afterwards
 * to open listeners: CoreDNS's per-block {@code dnsserver.Config}. Plain data; setting a value
 * opens nothing.
 */
public final class BlockSettings {

  /** CoreDNS's TCP defaults: 3 s for the first read, 10 s idle between queries, 5 s per write. */
  public static final Duration DEFAULT_TCP_READ = Duration.ofSeconds(3);

  public static final Duration DEFAULT_TCP_IDLE = Duration.ofSeconds(10);
  public static final Duration DEFAULT_TCP_WRITE = Duration.ofSeconds(5);

  private final List<String> listenAddresses = new ArrayList<>();
  private Duration tcpReadTimeout = DEFAULT_TCP_READ;
  private Duration tcpIdleTimeout = DEFAULT_TCP_IDLE;
  private Duration tcpWriteTimeout = DEFAULT_TCP_WRITE;
  private boolean debug;
  private boolean anyClass;
  private Duration reloadInterval;
  private Duration reloadJitter;
  private boolean stacktrace;

  /**
   * IP addresses to listen on (literal, IPv6 possibly with a {@code %zone}); empty means the
   * wildcard, as a block without {@code bind}.
   */
  public List<String> listenAddresses() {
    return listenAddresses;
  }

  public Duration tcpReadTimeout() {
    return tcpReadTimeout;
  }

  public void tcpReadTimeout(Duration d) {
    tcpReadTimeout = d;
  }

  public Duration tcpIdleTimeout() {
    return tcpIdleTimeout;
  }

  public void tcpIdleTimeout(Duration d) {
    tcpIdleTimeout = d;
  }

  public Duration tcpWriteTimeout() {
    return tcpWriteTimeout;
  }

  public void tcpWriteTimeout(Duration d) {
    tcpWriteTimeout = d;
  }

  /** The {@code debug} plugin: exceptions in handlers are logged with their stack traces. */
  public boolean debug() {
    return debug;
  }

  public void debug(boolean on) {
    debug = on;
  }

  /**
   * The {@code errors} plugin's {@code stacktrace} option: when a handler fails with an exception
   * (CoreDNS's recovered panic), the server logs its stack trace, not only its message.
   */
  public boolean stacktrace() {
    return stacktrace;
  }

  public void stacktrace(boolean on) {
    stacktrace = on;
  }

  /**
   * Whether queries of classes other than IN reach this block's chain. CoreDNS routes them only
   * when a block on the listener loads {@code chaos}, {@code forward} or {@code proxy}; such
   * plugins set this in setup.
   */
  public boolean anyClass() {
    return anyClass;
  }

  public void anyClass(boolean on) {
    anyClass = on;
  }

  /**
   * The {@code reload} plugin's check interval, or null when the block has no {@code reload}. The
   * setting is process-wide: the server applies the last block's (CoreDNS's "last one wins").
   */
  public Duration reloadInterval() {
    return reloadInterval;
  }

  /** The {@code reload} plugin's jitter, or null. */
  public Duration reloadJitter() {
    return reloadJitter;
  }

  public void reload(Duration interval, Duration jitter) {
    reloadInterval = interval;
    reloadJitter = jitter;
  }
}
