package dev.jaydns.plugins.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what one logger prints (SLF4J goes to JUL in tests through slf4j-jdk14), rendered as
 * the server prints it: {@code [INFO] message}, {@code [ERROR] message}.
 */
public final class LogCapture extends Handler implements AutoCloseable {

  private final Logger logger;
  private final Level previous;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();

  private LogCapture(String name) {
    logger = Logger.getLogger(name);
    previous = logger.getLevel();
    logger.setLevel(Level.ALL);
    setLevel(Level.ALL);
    logger.addHandler(this);
  }

  /** Starts capturing the logger {@code name}; close to stop. */
  public static LogCapture of(String name) {
    return new LogCapture(name);
  }

  @Override
  public void publish(LogRecord record) {
    records.add(record);
    lines.add("[" + label(record.getLevel()) + "] " + record.getMessage());
  }

  private static String label(Level level) {
    if (level.intValue() >= Level.SEVERE.intValue()) {
      return "ERROR";
    }
    if (level.intValue() >= Level.WARNING.intValue()) {
      return "WARNING";
    }
    if (level.intValue() >= Level.INFO.intValue()) {
      return "INFO";
    }
    return "DEBUG";
  }

  /** Every line so far, {@code [LEVEL] message}. */
  public List<String> lines() {
    return List.copyOf(lines);
  }

  public List<LogRecord> records() {
    return List.copyOf(records);
  }

  public void clear() {
    lines.clear();
    records.clear();
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
    logger.setLevel(previous);
  }
}
