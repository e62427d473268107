package dev.jaydns.corefile;

/**
 * One argument as written in the Corefile, after quote removal and environment substitution, with
 * the position where it started, so a plugin can point at the exact argument it rejects.
 */
public record Token(String text, Position position) {

  @Override
  public String toString() {
    return text;
  }
}
