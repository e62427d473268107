package dev.jaydns.server;

/**
 * Jay cannot start (or reload) with this configuration or these plugins. The message is what the
 * user reads: for a Corefile problem it begins with {@code FILE:LINE:COL:}.
 */
public class StartupException extends Exception {

  public StartupException(String message) {
    super(message);
  }

  public StartupException(String message, Throwable cause) {
    super(message, cause);
  }
}
