package dev.jaydns.plugins.pprof;

import dev.jaydns.plugin.ConfigException;
import dev.jaydns.plugin.Plugin;
import dev.jaydns.plugin.PluginConfig;
import dev.jaydns.plugin.PluginInstance;

/**
 * The {@code pprof} directive, known and refused: it serves Go's runtime profiler, which has no
 * JVM counterpart worth imitating. Startup fails with a message naming Java Flight Recorder.
 */
public final class PprofPlugin implements Plugin {

  static final String MESSAGE =
      "pprof is a Go profiler; Jay runs on the JVM: use Java Flight Recorder"
          + " (jcmd <pid> JFR.start) instead";

  @Override
  public String name() {
    return "pprof";
  }

  @Override
  public PluginInstance setup(PluginConfig config) throws ConfigException {
    throw config.error(config.directive(), MESSAGE);
  }
}
