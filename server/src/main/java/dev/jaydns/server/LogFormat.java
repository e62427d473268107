package dev.jaydns.server;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * CoreDNS's log line shape on java.util.logging (the SLF4J backend): no timestamp, the level in
 * brackets, and {@code plugin/NAME: } for loggers named after a plugin: {@code [INFO]
 * plugin/reload: Running configuration SHA512 = ...}. Lines go to standard output, as CoreDNS's.
 */
final class LogFormat extends Formatter {

  private LogFormat() {}

  /** Routes every log record of the process through this format to standard output. */
  static void install(boolean debug) {
    LogManager.getLogManager().reset();
    Logger root = Logger.getLogger("");
    Handler out =
        new ConsoleHandler() {
          {
            setOutputStream(System.out);
          }
        };
    out.setFormatter(new LogFormat());
    out.setLevel(Level.ALL);
    root.addHandler(out);
    root.setLevel(debug ? Level.FINE : Level.INFO);
    // Library chatter below WARNING is not what a DNS operator reads.
    Logger.getLogger("io.netty").setLevel(Level.WARNING);
    Logger.getLogger("io.vertx").setLevel(Level.WARNING);
  }

  @Override
  public String format(LogRecord r) {
    StringBuilder sb = new StringBuilder(128);
    sb.append('[').append(level(r.getLevel())).append("] ");
    String name = r.getLoggerName();
    if (name != null && name.startsWith("plugin/")) {
      sb.append(name).append(": ");
    }
    sb.append(formatMessage(r)).append('\n');
    if (r.getThrown() != null && r.getLevel().intValue() >= Level.SEVERE.intValue()
        && Logger.getLogger("").isLoggable(Level.FINE)) {
      StringWriter w = new StringWriter();
      r.getThrown().printStackTrace(new PrintWriter(w));
      sb.append(w);
    }
    return sb.toString();
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
