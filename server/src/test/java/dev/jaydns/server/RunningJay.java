package dev.jaydns.server;

import dev.jaydns.corefile.Corefile;
import dev.jaydns.corefile.CorefileParser;
import java.nio.file.Path;
import java.util.Map;

/**
 * Jay started in-process from Corefile text, for integration tests. Corefiles use port 0; {@link
 * #port(String)} tells which port a listener got.
 */
final class RunningJay implements AutoCloseable {

  final Jay jay;
  /** Fatal errors plugins reported: recorded here, since a test JVM must not exit. */
  final java.util.List<String> fatals;

  private RunningJay(Jay jay, java.util.List<String> fatals) {
    this.jay = jay;
    this.fatals = fatals;
  }

  static RunningJay start(String corefileText) throws Exception {
    return start(corefileText, JayOptions.defaults().withEventLoops(2));
  }

  static RunningJay start(String corefileText, JayOptions options) throws Exception {
    Corefile corefile = parse(corefileText);
    Jay jay = Jay.create(options);
    java.util.List<String> fatals = new java.util.concurrent.CopyOnWriteArrayList<>();
    jay.onFatal(fatals::add);
    try {
      Jay.await(jay.start(corefile));
    } catch (Exception e) {
      Jay.await(jay.stop());
      throw e;
    }
    return new RunningJay(jay, fatals);
  }

  static Corefile parse(String text) throws Exception {
    return new CorefileParser(Map.of(), 53).parse("Corefile", text, Path.of("."));
  }

  /** The port of the listener on {@code host} ("" for the wildcard) configured with port 0. */
  int port(String host) {
    return jay.boundPort(host, 0);
  }

  int port() {
    return port("");
  }

  @Override
  public void close() throws Exception {
    Jay.await(jay.stop());
  }
}
