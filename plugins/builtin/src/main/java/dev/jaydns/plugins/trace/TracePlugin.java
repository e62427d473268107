package dev.jaydns.plugins.trace;

import dev.jaydns.plugin.ConfigException;
import dev.jaydns.plugin.Plugin;
import dev.jaydns.plugin.PluginConfig;
import dev.jaydns.plugin.PluginInstance;

/**
 * The {@code trace} directive, known and refused: CoreDNS sends per-query spans from its Go
 * runtime to Zipkin or Datadog, which Jay does not imitate. Startup fails with a message naming
 * Java Flight Recorder.
 */
public final class TracePlugin implements Plugin {

  static final String MESSAGE =
      "trace sends Go tracing spans to Zipkin or Datadog; Jay runs on the JVM: use Java Flight"
          + " Recorder (jcmd <pid> JFR.start) instead";

  @Override
  public String name() {
    return "trace";
  }

  @Override
  public PluginInstance setup(PluginConfig config) throws ConfigException {
    throw config.error(config.directive(), MESSAGE);
  }
}
