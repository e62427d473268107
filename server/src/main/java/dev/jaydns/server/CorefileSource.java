package dev.jaydns.server;

import dev.jaydns.corefile.Corefile;
import dev.jaydns.corefile.CorefileException;
import dev.jaydns.corefile.CorefileParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the Corefile comes from and how to read it again: {@code -conf FILE}, {@code ./Corefile},
 * standard input, or the built-in default when there is no file or it holds no server block.
 * A reload reads it again through the same source.
 */
final class CorefileSource {

  private final Path file;
  private final String stdinText;
  private final Map<String, String> environment;
  private final int port;

  private CorefileSource(Path file, String stdinText, Map<String, String> environment, int port) {
    this.file = file;
    this.stdinText = stdinText;
    this.environment = environment;
    this.port = port;
  }

  /** A Corefile on disk. */
  static CorefileSource file(Path file, Map<String, String> environment, int port) {
    return new CorefileSource(file, null, environment, port);
  }

  /** A Corefile read once from standard input (a reload reads the same text again). */
  static CorefileSource text(String text, Map<String, String> environment, int port) {
    return new CorefileSource(null, text, environment, port);
  }

  /** The file, or null for standard input and the built-in default. */
  Path file() {
    return file;
  }

  /** The folder relative paths in the Corefile are resolved against. */
  Path directory() {
    Path cwd = Path.of("").toAbsolutePath();
    if (file == null) {
      return cwd;
    }
    Path parent = file.toAbsolutePath().getParent();
    return parent != null ? parent : cwd;
  }

  /** Reads and parses the Corefile; an empty one (or none) gives the default configuration. */
  Corefile load() throws CorefileException, IOException {
    CorefileParser parser = new CorefileParser(environment, port);
    Corefile parsed = null;
    if (file != null) {
      if (!Files.exists(file)) {
        throw new IOException("open " + file + ": no such file or directory");
      }
      parsed = parser.parse(file);
    } else if (stdinText != null) {
      parsed = parser.parse("stdin", stdinText, directory());
    }
    if (parsed == null || parsed.isEmpty()) {
      parsed = parser.parse("Corefile", CorefileParser.defaultCorefileText(port), directory());
    }
    return parsed;
  }

  /** The raw bytes of the main file, for noticing a change in a file that does not parse. */
  byte[] rawBytes() throws IOException {
    if (file != null) {
      return Files.readAllBytes(file);
    }
    return stdinText == null ? new byte[0] : stdinText.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
