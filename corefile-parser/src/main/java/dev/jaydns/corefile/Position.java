package dev.jaydns.corefile;

/**
 * Where something stands in a Corefile: the file as the user named it (or the absolute path of an
 * imported file), the 1-based line, and the 1-based column of its first character.
 */
public record Position(String file, int line, int column) {

  /** Renders as {@code file:line:column}, the prefix of every Corefile error message. */
  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
