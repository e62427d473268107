package dev.jaydns.server;

import java.io.PrintStream;

/** Startup output (listeners, version), which {@code -quiet} silences, as CoreDNS's. */
final class Startup {

  private static volatile PrintStream out = System.out;

  private Startup() {}

  static void quiet(boolean quiet) {
    out = quiet ? null : System.out;
  }

  static void print(String line) {
    PrintStream o = out;
    if (o != null) {
      o.println(line);
    }
  }
}
