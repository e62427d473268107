package dev.jaydns.server;

import dev.jaydns.plugin.ConfigException;
import dev.jaydns.plugin.Placement;
import dev.jaydns.plugin.Plugin;
import dev.jaydns.plugin.PluginConfig;
import dev.jaydns.plugin.PluginInstance;
import dev.jaydns.plugin.Readiness;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code testready}: a test-only plugin that reports readiness through {@link Readiness}, as
 * CoreDNS's kubernetes plugin does, ready when {@link #READY} says so.
 */
public final class TestReadyPlugin implements Plugin {

  /** What every testready instance reports. */
  static final AtomicBoolean READY = new AtomicBoolean(true);

  @Override
  public String name() {
    return "testready";
  }

  @Override
  public Placement placement() {
    return Placement.before("testanswer");
  }

  @Override
  public PluginInstance setup(PluginConfig config) throws ConfigException {
    config.arguments(config.directive()).end();
    return new Instance();
  }

  private static final class Instance implements PluginInstance, Readiness {
    @Override
    public boolean ready() {
      return READY.get();
    }
  }
}
