package dev.jaydns.server.nodecache;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders the real Corefile from node-cache's {@code Corefile.base} exactly as node-cache does:
 * plain global replacement of its placeholders, in its order, then one block per stub domain
 * appended at the end. Pure: text in, text out.
 */
final class CorefileTemplate {

  static final String UPSTREAM_SERVERS = "__PILLAR__UPSTREAM__SERVERS__";
  static final String CLUSTER_DNS = "__PILLAR__CLUSTER__DNS__";
  static final String LOCAL_DNS = "__PILLAR__LOCAL__DNS__";
  static final String DNS_SERVER = "__PILLAR__DNS__SERVER__";
  static final String PROMETHEUS_ENDPOINT = "__PROMETHEUS__ENDPOINT__";

  /** The TCP upstream block node-cache rewrites to plain UDP when custom upstreams are set. */
  private static final String TCP_UPSTREAM_BLOCK =
      "\n    forward . " + UPSTREAM_SERVERS + " {\n            force_tcp\n    }\n";

  static final String NO_TCP_BLOCK_WARNING =
      "Did not find TCP upstream block to replace, assuming upstreams already use UDP.";

  /**
   * What a render needs besides the template and the kube-dns ConfigMap.
   *
   * @param clusterDns the {@code <UPSTREAMSVC>_SERVICE_HOST} address, or null (rendered as {@code
   *     <nil>}, as node-cache does)
   * @param localIps the {@code -localip} values as written
   * @param localPort {@code -dns.port}
   * @param prometheusEndpoint {@code -prometheus-listen-address}
   * @param resolvConf the file {@code __PILLAR__UPSTREAM__SERVERS__} means without custom upstreams
   */
  record Inputs(
      InetAddress clusterDns,
      List<String> localIps,
      String localPort,
      String prometheusEndpoint,
      String resolvConf) {}

  /** A rendered Corefile and the warnings node-cache would log while rendering it. */
  record Rendered(String text, List<String> warnings) {}

  private CorefileTemplate() {}

  static Rendered render(String template, KubeDnsConfig kubeDns, Inputs in) {
    List<String> warnings = new ArrayList<>();
    String out = template;
    if (kubeDns.upstreamNameservers().isEmpty()) {
      out = out.replace(UPSTREAM_SERVERS, in.resolvConf());
    } else {
      String servers = String.join(" ", kubeDns.upstreamNameservers());
      // Custom upstreams are contacted over UDP: the default TCP block loses its force_tcp.
      out = out.replace(TCP_UPSTREAM_BLOCK, "\n    forward . " + servers + "\n");
      if (out.contains(UPSTREAM_SERVERS)) {
        warnings.add(NO_TCP_BLOCK_WARNING);
        out = out.replace(UPSTREAM_SERVERS, servers);
      }
    }
    out = out.replace(CLUSTER_DNS, in.clusterDns() == null ? "<nil>" : IpText.format(in.clusterDns()));
    String locals = String.join(" ", in.localIps());
    out = out.replace(LOCAL_DNS, locals);
    out = out.replace(DNS_SERVER, "");
    out = out.replace(PROMETHEUS_ENDPOINT, in.prometheusEndpoint());
    StringBuilder sb = new StringBuilder(out);
    for (Map.Entry<String, List<String>> stub : kubeDns.stubDomains().entrySet()) {
      sb.append('\n')
          .append(stub.getKey())
          .append(':')
          .append(in.localPort())
          .append(" {\n    errors\n    cache 30\n    bind ")
          .append(locals)
          .append("\n    forward . ")
          .append(String.join(" ", stub.getValue()))
          .append("\n}\n");
    }
    return new Rendered(sb.toString(), List.copyOf(warnings));
  }

  /**
   * node-cache's own check before each render: every nameserver must be something forward takes
   * as an upstream (an IP with an optional port, plain or {@code dns://} or {@code tls://});
   * names are refused. Returns the first offending server's message, or null.
   */
  static String checkForwardable(KubeDnsConfig kubeDns) {
    List<String> all = new ArrayList<>(kubeDns.upstreamNameservers());
    kubeDns.stubDomains().values().forEach(all::addAll);
    for (String ns : all) {
      String host = ns;
      int scheme = host.indexOf("://");
      if (scheme >= 0) {
        String transport = host.substring(0, scheme);
        if (!transport.equals("dns") && !transport.equals("tls")) {
          return "unsupported transport in nameserver \"" + ns + "\": only dns:// and tls://";
        }
        host = host.substring(scheme + 3);
      }
      KubeDnsConfigDir.HostPort hp = KubeDnsConfigDir.HostPort.split(host);
      if (hp == null || IpText.parse(hp.host()) == null) {
        return "not an IP address: nameserver \"" + ns + "\"";
      }
    }
    return null;
  }
}
