package dev.jaydns.plugin;

/**
 * A plugin that can tell whether it is ready to serve (CoreDNS's {@code ready.Readiness}): a
 * {@link PluginInstance} or its {@link Handler} implements it, and the {@code ready} plugin
 * reports 503 on {@code /ready} until every such plugin of its server block says yes.
 */
@FunctionalInterface
public interface Readiness {

  /** True once the plugin can answer queries; called on an event loop, so it must be cheap. */
  boolean ready();
}
