package dev.jaydns.corefile;

/**
 * One server-block key, normalised: {@code cluster.local:53} becomes transport {@code dns}, zone
 * {@code cluster.local.} and port 53. A reverse CIDR key yields one {@code ServerKey} per reverse
 * zone it covers, all with the position of the key as written.
 *
 * @param transport the scheme: {@code dns} (the default), {@code tls}, {@code quic}, {@code grpc},
 *     {@code https} or {@code https3}
 * @param zone the zone as a lowercase fully qualified name ({@code .} for the root)
 * @param port the port: the one written, else the scheme's default (for {@code dns}, the default
 *     port the parser was given, 53 unless {@code -dns.port} says otherwise)
 * @param raw the key as written (after environment substitution), kept for messages and hashing
 * @param position where the key starts
 */
public record ServerKey(String transport, String zone, int port, String raw, Position position) {

  /** CoreDNS's canonical form, {@code dns://cluster.local.:53}, used in messages. */
  public String canonical() {
    return transport + "://" + zone + ":" + port;
  }

  @Override
  public String toString() {
    return canonical();
  }
}
