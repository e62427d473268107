package dev.jaydns.server;

import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * CoreDNS's log line shape on java.util.logging (the SLF4J backend): no timestamp, the level in
 * brackets, and {@code plugin/NAME: } for loggers named after a plugin: {@code [INFO]
 * plugin/reload: Running configuration SHA512 = ...}. Lines go to standard output, as CoreDNS's.
 */
final class LogFormat extends Formatter {

  // java.util.logging holds loggers weakly: a level or filter set on one nothing else references
  // would be lost when it is collected.
  private static final Logger NETTY = Logger.getLogger("io.netty");
  private static final Logger VERTX = Logger.getLogger("io.vertx");
  private static final Logger METER_REGISTRY =
      Logger.getLogger("io.micrometer.core.instrument.MeterRegistry");

  private LogFormat() {}

  /** Routes every log record of the process through this format to standard output. */
  static void install(boolean debug) {
    LogManager.getLogManager().reset();
    Logger root = Logger.getLogger("");
    // A StreamHandler on System.out, flushed per record. (ConsoleHandler cannot be pointed at
    // stdout: setOutputStream closes the stream it replaces, which is System.err.)
    Handler out =
        new StreamHandler(System.out, new LogFormat()) {
          @Override
          public synchronized void publish(LogRecord record) {
            super.publish(record);
            flush();
          }

          @Override
          public synchronized void close() {
            flush();
          }
        };
    out.setLevel(Level.ALL);
    root.addHandler(out);
    root.setLevel(debug ? Level.FINE : Level.INFO);
    // Library chatter below WARNING is not what a DNS operator reads.
    NETTY.setLevel(Level.WARNING);
    VERTX.setLevel(Level.WARNING);
    // Vert.x registers its gauges again whenever it needs one (a connection, a request) to get
    // the counter behind it, by design; Micrometer since 1.13.9 warns once per process that the
    // registration was ignored, which reads like a fault and is not one
    // (vert-x3/vertx-micrometer-metrics#259, micrometer-metrics/micrometer#6931).
    METER_REGISTRY.setFilter(
        r -> r.getMessage() == null || !r.getMessage().startsWith("This Gauge has been already"));
  }

  @Override
  public String format(LogRecord r) {
    StringBuilder sb = new StringBuilder(128);
    sb.append('[').append(level(r.getLevel())).append("] ");
    String name = r.getLoggerName();
    if (name != null && name.startsWith("plugin/")) {
      sb.append(name).append(": ");
    }
    // Stack traces are printed only where a plugin asks for them (errors' stacktrace, debug),
    // by putting them in the message, as CoreDNS prints none otherwise.
    return sb.append(formatMessage(r)).append('\n').toString();
  }

  private static String level(Level l) {
    int v = l.intValue();
    if (v >= Level.SEVERE.intValue()) {
      return "ERROR";
    }
    if (v >= Level.WARNING.intValue()) {
      return "WARNING";
    }
    if (v >= Level.INFO.intValue()) {
      return "INFO";
    }
    return "DEBUG";
  }
}
