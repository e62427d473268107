package dev.jaydns.corefile;

import java.nio.file.Path;
import java.util.List;

/**
 * A parsed Corefile: its server blocks in file order, and every file that was read to build it (the
 * main file first, then each imported file), so a watcher knows what to watch.
 */
public record Corefile(List<ServerBlock> blocks, List<Path> sources) {

  public Corefile {
    blocks = List.copyOf(blocks);
    sources = List.copyOf(sources);
  }

  /** True when the file held no server block (empty, only comments, or only snippets). */
  public boolean isEmpty() {
    return blocks.isEmpty();
  }
}
