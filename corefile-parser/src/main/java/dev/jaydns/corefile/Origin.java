package dev.jaydns.corefile;

import java.nio.file.Path;

/**
 * Where a run of spliced lexemes comes from: a file or a snippet. Two origins with the same key are
 * the same thing, which is how an import cycle is recognised.
 *
 * @param key identity, e.g. {@code file:/etc/coredns/a.conf} or {@code snippet:common}
 * @param label how the origin reads in an import chain
 */
record Origin(String key, String label) {

  static Origin file(Path identity, String label) {
    return new Origin(identity == null ? "text:" + label : "file:" + identity, label);
  }

  static Origin snippet(String name) {
    return new Origin("snippet:" + name, "snippet (" + name + ")");
  }
}
