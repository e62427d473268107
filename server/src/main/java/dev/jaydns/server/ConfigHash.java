package dev.jaydns.server;

import dev.jaydns.corefile.Corefile;
import dev.jaydns.corefile.Directive;
import dev.jaydns.corefile.ServerBlock;
import dev.jaydns.corefile.ServerKey;
import dev.jaydns.corefile.Token;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-512 of a parsed Corefile, over its keys and tokens with their files and lines (not
 * their columns): like CoreDNS's, edits that change no token (spacing, trailing comments) keep
 * the hash, and moving a token to another line changes it.
 */
final class ConfigHash {

  private ConfigHash() {}

  static String of(Corefile corefile) {
    StringBuilder sb = new StringBuilder();
    for (ServerBlock b : corefile.blocks()) {
      sb.append("block");
      for (ServerKey k : b.keys()) {
        sb.append(' ').append(k.raw()).append('@').append(k.position().line());
      }
      sb.append('\n');
      for (Directive d : b.directives()) {
        append(sb, d, 1);
      }
    }
    return sha512(sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static void append(StringBuilder sb, Directive d, int depth) {
    sb.append("  ".repeat(depth))
        .append(d.position().file())
        .append(':')
        .append(d.position().line())
        .append(' ')
        .append(d.name());
    for (Token t : d.args()) {
      sb.append(' ').append(t.position().line()).append(':').append(t.text().length()).append(':').append(t.text());
    }
    sb.append('\n');
    for (Directive child : d.block()) {
      append(sb, child, depth + 1);
    }
  }

  static String sha512(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-512 is required of every JVM", e);
    }
  }
}
