package dev.jaydns.server.nodecache;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository's testdata/ folder. */
final class Testdata {

  private Testdata() {}

  static Path file(String name) {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolve("testdata").resolve(name);
      if (Files.exists(candidate)) {
        return candidate;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("testdata/" + name + " not found above " + Path.of("").toAbsolutePath());
  }

  static String text(String name) throws java.io.IOException {
    return Files.readString(file(name));
  }
}
