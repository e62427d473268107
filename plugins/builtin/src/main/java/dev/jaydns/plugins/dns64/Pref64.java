package dev.jaydns.plugins.dns64;

import dev.jaydns.plugin.net.IpLiteral;
import java.util.Arrays;

/**
 * An RFC 6052 IPv4-embedding prefix ({@code 64:ff9b::/96}) and the embedding itself: the IPv4
 * address follows the prefix bits, skipping bits 64 to 71 (the "u" octet, always zero); the
 * suffix after the address is zero.
 */
public record Pref64(byte[] network, int length) {

  /** The prefix lengths RFC 6052 section 2.2 defines. */
  private static final int[] LENGTHS = {32, 40, 48, 56, 64, 96};

  /** The well-known prefix of RFC 6052 section 2.1. */
  public static final Pref64 WELL_KNOWN = parse("64:ff9b::/96");

  public Pref64 {
    network = network.clone();
  }

  /**
   * Reads {@code IPV6/LENGTH}; host bits are cleared as Go's {@code net.ParseCIDR} does.
   *
   * @throws IllegalArgumentException with the reason, for text that is not such a prefix
   */
  public static Pref64 parse(String text) {
    int slash = text.indexOf('/');
    byte[] ip = slash < 0 ? null : IpLiteral.parse(text.substring(0, slash));
    String bits = slash < 0 ? "" : text.substring(slash + 1);
    if (ip == null || bits.isEmpty() || bits.length() > 3 || !bits.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException("invalid CIDR address: " + text);
    }
    int length = Integer.parseInt(bits);
    if (length > ip.length * 8) {
      throw new IllegalArgumentException("invalid CIDR address: " + text);
    }
    if (ip.length != 16) {
      throw new IllegalArgumentException("'" + text + "' is not an IPv6 prefix");
    }
    if (Arrays.stream(LENGTHS).noneMatch(l -> l == length)) {
      throw new IllegalArgumentException(
          "invalid prefix length " + length + " in '" + text + "': RFC 6052 allows /32, /40,"
              + " /48, /56, /64 and /96");
    }
    for (int i = 0; i < 16; i++) {
      int keep = Math.max(0, Math.min(8, length - 8 * i));
      ip[i] &= (byte) (0xff << (8 - keep));
    }
    return new Pref64(ip, length);
  }

  /** The IPv6 address (16 bytes) embedding the IPv4 address {@code v4} (4 bytes). */
  public byte[] embed(byte[] v4) {
    byte[] out = new byte[16];
    int at = length / 8;
    System.arraycopy(network, 0, out, 0, at);
    for (byte b : v4) {
      if (at == 8) {
        at++;
      }
      out[at++] = b;
    }
    return out;
  }

  @Override
  public byte[] network() {
    return network.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Pref64 p && p.length == length && Arrays.equals(p.network, network);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(network) + length;
  }

  @Override
  public String toString() {
    try {
      return IpLiteral.format(java.net.InetAddress.getByAddress(network)) + "/" + length;
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException("16 bytes are always an address", e);
    }
  }
}
