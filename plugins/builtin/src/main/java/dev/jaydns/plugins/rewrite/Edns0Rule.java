package dev.jaydns.plugins.rewrite;

import dev.jaydns.plugin.Query;
import dev.jaydns.plugin.net.IpLiteral;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.GenericEDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * {@code edns0 local|nsid|subnet set|append|replace|unset ... [revert]}: changes an EDNS0 option
 * of the query. {@code set} replaces a matching option or adds one, {@code append} adds one only
 * if none matches, {@code replace} only changes a matching one, {@code unset} removes matching
 * ones. With {@code revert}, the option is removed from the answer.
 */
record Edns0Rule(boolean stop, Action action, int code, LocalData data, int v4Bits, int v6Bits, boolean revert)
    implements Rule {

  static final int NSID = 3;
  static final int SUBNET = 8;

  enum Action {
    SET,
    APPEND,
    REPLACE,
    UNSET
  }

  /** The data of a local option: fixed bytes, or a variable read from the query. */
  record LocalData(byte[] bytes, String variable) {}

  @Override
  public boolean apply(Rewriting rw) {
    List<EDNSOption> options = rw.options();
    int found = -1;
    for (int i = 0; i < options.size(); i++) {
      if (options.get(i).getCode() == code) {
        found = i;
        break;
      }
    }
    switch (action) {
      case UNSET -> options.removeIf(o -> o.getCode() == code);
      case APPEND -> {
        if (found < 0) {
          options.add(option(rw.query));
        }
      }
      case REPLACE -> {
        if (found >= 0) {
          options.set(found, option(rw.query));
        }
      }
      case SET -> {
        if (found >= 0) {
          options.set(found, option(rw.query));
        } else {
          options.add(option(rw.query));
        }
      }
    }
    if (revert) {
      rw.addResponseRule(this::removeFromAnswer);
    }
    return true;
  }

  private void removeFromAnswer(Message m, Rewriting rw) {
    OPTRecord opt = m.getOPT();
    if (opt == null || opt.getOptions(code).isEmpty()) {
      return;
    }
    List<EDNSOption> kept = new ArrayList<>(opt.getOptions());
    kept.removeIf(o -> o.getCode() == code);
    m.removeRecord(opt, Section.ADDITIONAL);
    m.addRecord(
        new OPTRecord(
            opt.getPayloadSize(), opt.getExtendedRcode(), opt.getVersion(), opt.getFlags(), kept),
        Section.ADDITIONAL);
  }

  private EDNSOption option(Query q) {
    return switch (code) {
      case NSID -> new GenericEDNSOption(NSID, new byte[0]);
      case SUBNET -> subnet(q);
      default -> new GenericEDNSOption(code, data.variable() == null ? data.bytes() : variable(q));
    };
  }

  private EDNSOption subnet(Query q) {
    InetAddress client = q.remote().getAddress();
    int bits = client instanceof Inet4Address ? v4Bits : v6Bits;
    byte[] b = client.getAddress();
    for (int i = 0; i < b.length; i++) {
      int keep = Math.max(0, Math.min(8, bits - 8 * i));
      b[i] &= (byte) (0xff << (8 - keep));
    }
    try {
      return new ClientSubnetOption(bits, InetAddress.getByAddress(b));
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private byte[] variable(Query q) {
    return switch (data.variable()) {
      case "qname" -> q.originalName().getBytes(StandardCharsets.US_ASCII);
      case "qtype" -> Type.string(q.qtype()).getBytes(StandardCharsets.US_ASCII);
      case "client_ip" -> q.remote().getAddress().getAddress();
      case "client_port" -> port(q.remote().getPort());
      case "protocol" -> q.transport().label().getBytes(StandardCharsets.US_ASCII);
      case "server_ip" -> serverIp(q.server());
      case "server_port" -> port(serverPort(q.server()));
      default -> new byte[0];
    };
  }

  private static byte[] port(int p) {
    return new byte[] {(byte) (p >> 8), (byte) p};
  }

  /** The listener's address from its label ({@code dns://10.0.0.1:53}); empty for the wildcard. */
  private static byte[] serverIp(String label) {
    int start = label.indexOf("://");
    int end = label.lastIndexOf(':');
    if (start < 0 || end <= start + 3) {
      return new byte[0];
    }
    String host = label.substring(start + 3, end);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    InetAddress a = IpLiteral.toAddress(host);
    return a == null ? new byte[0] : a.getAddress();
  }

  private static int serverPort(String label) {
    int colon = label.lastIndexOf(':');
    try {
      return Integer.parseInt(label.substring(colon + 1));
    } catch (RuntimeException e) {
      return 0;
    }
  }
}
