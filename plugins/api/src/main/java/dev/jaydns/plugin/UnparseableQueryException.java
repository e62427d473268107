package dev.jaydns.plugin;

/**
 * Thrown by {@link Query#message()} when the query passed the server's wire checks but dnsjava
 * cannot read one of its records (an EDNS option that runs past its record, say). The server
 * answers FORMERR, as for any malformed query; it is not a plugin bug.
 */
public class UnparseableQueryException extends RuntimeException {

  public UnparseableQueryException(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
