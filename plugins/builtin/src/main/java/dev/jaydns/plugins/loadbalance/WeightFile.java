package dev.jaydns.plugins.loadbalance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The weights of a {@code weighted} policy: read from the file at start, then re-read when its
 * contents change. Lookups read a volatile reference and never lock.
 */
final class WeightFile {

  private static final Logger LOG = LoggerFactory.getLogger("plugin/loadbalance");

  /** The file could not be opened (missing, unreadable, a directory). */
  static final class OpenException extends IOException {
    OpenException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final Path path;
  private volatile Weights weights = Weights.NONE;
  // Only the reload task (one at a time) touches this.
  private byte[] digest;

  WeightFile(Path path) {
    this.path = path;
  }

  Weights weights() {
    return weights;
  }

  Path path() {
    return path;
  }

  /**
   * Reads the file and, when its contents differ from the last read, replaces the weights.
   * Blocking file I/O: run it off the event loop.
   *
   * @return true when the weights were replaced
   * @throws OpenException when the file cannot be read
   * @throws IllegalArgumentException when it does not parse (the old weights stay)
   */
  boolean refresh() throws OpenException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (IOException e) {
      throw new OpenException("weight file open error: " + path + ": " + e.getMessage(), e);
    }
    byte[] sum = sha256(bytes);
    if (Arrays.equals(sum, digest)) {
      return false;
    }
    // As CoreDNS: a file that fails to parse is not retried until its contents change again.
    digest = sum;
    weights = Weights.parse(new String(bytes, java.nio.charset.StandardCharsets.UTF_8), path.toString());
    LOG.info("Successfully reloaded weight file {}", path);
    return true;
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
