package dev.jaydns.corefile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a Corefile into the model: server blocks with normalised keys and directive trees, after
 * environment substitution, imports and snippets. Accepts any directive name; which names mean
 * something is the server's business. An instance holds no parse state and may be shared.
 */
public final class CorefileParser {

  static final int MAX_FILE_IMPORTS = 100_000;

  /** A bound on the tokens one parse may produce, so imports and snippets cannot explode. */
  static final int MAX_TOKENS = 2_000_000;

  private final Map<String, String> environment;
  private final int defaultDnsPort;

  /** Reads environment variables from the process and serves plain DNS keys on port 53. */
  public CorefileParser() {
    this(System.getenv(), 53);
  }

  /**
   * @param environment what {@code {$NAME}} and {@code {%NAME%}} read
   * @param defaultDnsPort the port of a {@code dns} key written without one ({@code -dns.port})
   */
  public CorefileParser(Map<String, String> environment, int defaultDnsPort) {
    if (defaultDnsPort < 0 || defaultDnsPort > 65535) {
      throw new IllegalArgumentException("default DNS port out of range: " + defaultDnsPort);
    }
    this.environment = Map.copyOf(environment);
    this.defaultDnsPort = defaultDnsPort;
  }

  /**
   * CoreDNS's configuration for a Corefile without server blocks: answer everything with
   * {@code whoami} and log each query.
   */
  public static String defaultCorefileText(int port) {
    return ".:" + port + " {\n  whoami\n  log\n}\n";
  }

  /**
   * Parses a file. Positions in errors name it as given ({@code file.toString()}); relative imports
   * are resolved against its folder.
   */
  public Corefile parse(Path file) throws CorefileException {
    Objects.requireNonNull(file, "file");
    if (Files.isDirectory(file)) {
      throw new CorefileException(null, "read " + file + ": is a directory");
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new CorefileException(null, "open " + file + ": no such file or directory", e);
    } catch (IOException e) {
      throw new CorefileException(null, "open " + file + ": " + e.getMessage(), e);
    }
    // Malformed UTF-8 becomes U+FFFD, as Go's reader does, rather than failing.
    String text = new String(bytes, StandardCharsets.UTF_8);
    Path absolute = file.toAbsolutePath().normalize();
    Source source = new Source(file.toString(), absolute.getParent(), absolute);
    return parse(source, text, file);
  }

  /**
   * Parses text that has no file of its own (standard input, tests).
   *
   * @param fileName how error positions name the text
   * @param directory where relative imports are resolved
   */
  public Corefile parse(String fileName, String text, Path directory) throws CorefileException {
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(directory, "directory");
    Path folder = directory.toAbsolutePath().normalize();
    return parse(new Source(fileName, folder, identity(folder, fileName)), text, null);
  }

  private Corefile parse(Source source, String text, Path mainFile) throws CorefileException {
    ScannedText scanned = LexemeScanner.scan(text, source);
    var stream =
        new LexemeStream(Origin.file(source.identity(), source.name()), scanned, source, MAX_TOKENS);
    var files = new ImportResolver(MAX_FILE_IMPORTS);
    var parser =
        new BlockParser(
            stream, files, new EnvSubstitution(environment), new ServerKeyParser(defaultDnsPort));
    List<ServerBlock> blocks = parser.parseFile();
    DuplicateKeys.check(blocks);
    List<Path> sources = new ArrayList<>();
    if (mainFile != null) {
      sources.add(mainFile);
    }
    sources.addAll(files.sources());
    return new Corefile(blocks, sources);
  }

  /** The path the text would have, so that importing it again is seen as a cycle. */
  private static Path identity(Path folder, String fileName) {
    try {
      return folder.resolve(fileName).normalize();
    } catch (InvalidPathException e) {
      return null;
    }
  }
}
