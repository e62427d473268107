package dev.jaydns.server;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository's testdata/ lives, from a test's working directory. */
final class TestData {

  private TestData() {}

  /** The repository root: the first folder up holding testdata/ and the parent pom. */
  static Path root() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("testdata")) && Files.exists(dir.resolve("pom.xml"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no repository root with testdata/ above " + Path.of("").toAbsolutePath());
  }
}
