package dev.jaydns.plugins.forward;

import dev.jaydns.plugin.net.IpLiteral;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@code nameserver} lines of a resolv.conf-format text, as CoreDNS's forward does: every
 * other line ({@code search}, {@code options}, comments) is ignored, an address that is not an IP
 * literal is skipped, an IPv6 zone suffix is stripped, and the port is always 53.
 */
public final class ResolvConf {

  /** The port of every resolv.conf nameserver. */
  public static final int PORT = 53;

  private ResolvConf() {}

  /** The nameservers of {@code text}, in file order. */
  public static List<InetSocketAddress> nameservers(String text) {
    List<InetSocketAddress> out = new ArrayList<>();
    for (String raw : text.split("\n", -1)) {
      String line = raw.strip();
      if (line.isEmpty() || line.charAt(0) == '#' || line.charAt(0) == ';') {
        continue;
      }
      String[] fields = line.split("[ \t]+");
      if (fields.length < 2 || !fields[0].equals("nameserver")) {
        continue;
      }
      String host = fields[1];
      int zone = host.indexOf('%');
      if (zone >= 0) {
        host = host.substring(0, zone);
      }
      InetAddress ip = IpLiteral.toAddress(host);
      if (ip != null) {
        out.add(new InetSocketAddress(ip, PORT));
      }
    }
    return out;
  }
}
