package dev.jaydns.plugin.testkit;

import dev.jaydns.plugin.PluginContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** A {@link PluginContext} for starting one plugin instance in a test, with an in-memory registry. */
public final class TestPluginContext implements PluginContext {

  private final Vertx vertx;
  private final MeterRegistry registry;
  private final List<String> zones;
  private final List<InetSocketAddress> listen;
  private final Map<String, Object> shared;
  private final java.util.List<String> fatals = new java.util.concurrent.CopyOnWriteArrayList<>();

  public TestPluginContext(Vertx vertx, List<String> zones) {
    this(vertx, new SimpleMeterRegistry(), zones, List.of(new InetSocketAddress("127.0.0.1", 1053)));
  }

  public TestPluginContext(
      Vertx vertx, MeterRegistry registry, List<String> zones, List<InetSocketAddress> listen) {
    this(vertx, registry, zones, listen, new ConcurrentHashMap<>());
  }

  /**
   * A context whose {@link #shared} objects live in {@code shared}: give several contexts one map
   * to model the blocks of one generation.
   */
  public TestPluginContext(
      Vertx vertx,
      MeterRegistry registry,
      List<String> zones,
      List<InetSocketAddress> listen,
      Map<String, Object> shared) {
    this.shared = shared;
    this.vertx = vertx;
    this.registry = registry;
    this.zones = List.copyOf(zones);
    this.listen = List.copyOf(listen);
  }

  @Override
  public Vertx vertx() {
    return vertx;
  }

  @Override
  public MeterRegistry meterRegistry() {
    return registry;
  }

  @Override
  public List<String> zones() {
    return zones;
  }

  @Override
  public List<InetSocketAddress> listenAddresses() {
    return listen;
  }

  @Override
  public List<String> servers() {
    return listen.stream()
        .map(a -> "dns://" + a.getAddress().getHostAddress() + ":" + a.getPort())
        .toList();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T shared(String key, Supplier<T> factory) {
    return (T) shared.computeIfAbsent(key, k -> factory.get());
  }

  @Override
  public void fatal(String plugin, String message) {
    fatals.add("plugin/" + plugin + ": " + message);
  }

  /** Fatal errors plugins reported; a test context records them instead of exiting. */
  public java.util.List<String> fatals() {
    return fatals;
  }
}
