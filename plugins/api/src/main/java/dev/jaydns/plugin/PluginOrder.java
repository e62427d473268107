package dev.jaydns.plugin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The built-in chain order, CoreDNS 1.13.2's plugin.cfg, shipped as {@code plugin-order.txt}. */
public final class PluginOrder {

  private static final List<String> BUILTIN = load();

  private PluginOrder() {}

  /** Directive names in chain order, outermost first. */
  public static List<String> builtin() {
    return BUILTIN;
  }

  private static List<String> load() {
    try (InputStream in = PluginOrder.class.getResourceAsStream("plugin-order.txt")) {
      if (in == null) {
        throw new IllegalStateException("plugin-order.txt missing from the plugin API jar");
      }
      List<String> names = new ArrayList<>();
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        line = line.strip();
        if (!line.isEmpty() && !line.startsWith("#")) {
          names.add(line);
        }
      }
      return List.copyOf(names);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
