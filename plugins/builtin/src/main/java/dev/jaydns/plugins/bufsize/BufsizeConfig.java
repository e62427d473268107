package dev.jaydns.plugins.bufsize;

/**
 * A parsed {@code bufsize} directive.
 *
 * @param size the largest EDNS UDP size passed on, 512 to 4096
 */
public record BufsizeConfig(int size) {

  public static final int DEFAULT_SIZE = 1232;
  public static final int MIN_SIZE = 512;
  public static final int MAX_SIZE = 4096;
}
