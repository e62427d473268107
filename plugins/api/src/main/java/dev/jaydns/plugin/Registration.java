package dev.jaydns.plugin;

import java.util.concurrent.CompletionStage;

/**
 * Something a plugin instance registered with the process (an HTTP route, a lameduck period, a
 * metric series), undone by {@link #close()}. A plugin closes what it registered in {@link
 * PluginInstance#stop}; closing twice is harmless.
 */
public interface Registration {

  /** Undoes the registration; completes once what it held is released (a listener closed). */
  CompletionStage<Void> close();
}
