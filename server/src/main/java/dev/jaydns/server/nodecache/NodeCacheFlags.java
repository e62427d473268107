package dev.jaydns.server.nodecache;

import dev.jaydns.plugin.GoDuration;
import dev.jaydns.server.GoFlags;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The command line of {@code jay nodecache}: node-cache's own flags and the CoreDNS flags it reads,
 * with Go {@code flag} semantics and node-cache's defaults, so a DaemonSet's {@code args} work
 * unchanged.
 *
 * @param localIps the {@code -localip} addresses in flag order
 * @param localIpTexts the same addresses as written on the command line
 * @param conf where the rendered Corefile is written and read from ({@code -conf})
 * @param syncInterval the network re-check period (node-cache reads nanoseconds as seconds)
 * @param healthPort only used in the two health NOTRACK rules
 */
public record NodeCacheFlags(
    List<InetAddress> localIps,
    List<String> localIpTexts,
    String conf,
    String baseCorefile,
    String upstreamSvc,
    String kubeDnsCm,
    boolean setupInterface,
    String interfaceName,
    boolean setupIptables,
    int healthPort,
    Duration syncInterval,
    boolean skipTeardown,
    String metricsListenAddress,
    String prometheusListenAddress,
    boolean reloadWithSignal,
    int dnsPort,
    String pidfile,
    String pluginsDir,
    boolean quiet,
    boolean version) {

  /** A command line node-cache would refuse, with the exit status it would use. */
  public static final class FlagException extends Exception {
    private final int exitCode;

    FlagException(int exitCode, String message) {
      super(message);
      this.exitCode = exitCode;
    }

    /** 2 for a usage error (unknown flag, malformed value), 1 for a fatal check, 0 for -help. */
    public int exitCode() {
      return exitCode;
    }
  }

  static final String DEFAULT_CONF = "/etc/Corefile";

  private static final Set<String> BOOLEANS =
      Set.of(
          "setupinterface", "setupiptables", "skipteardown", "reloadwithsignal", "quiet",
          "version");
  private static final Set<String> VALUED =
      Set.of(
          "localip", "interfacename", "syncinterval", "metrics-listen-address", "basecorefile",
          "corefile", "kubednscm", "upstreamsvc", "health-port", "prometheus-listen-address",
          "conf", "dns.port", "p", "pidfile", "plugins-dir");

  static final String USAGE =
      "Usage: jay nodecache [-localip IP,...] [-conf FILE] [-basecorefile FILE]"
          + " [-upstreamsvc NAME] [-kubednscm DIR]\n"
          + "  [-setupinterface=BOOL] [-interfacename NAME] [-setupiptables=BOOL]"
          + " [-health-port PORT] [-syncinterval N]\n"
          + "  [-skipteardown=BOOL] [-metrics-listen-address HOST:PORT]"
          + " [-prometheus-listen-address HOST:PORT]\n"
          + "  [-reloadwithsignal] [-dns.port PORT | -p PORT] [-pidfile FILE]"
          + " [-plugins-dir DIR] [-quiet] [-version]";

  /** Reads the command line; every node-cache fatal check happens here, before anything starts. */
  public static NodeCacheFlags parse(String[] args) throws FlagException {
    GoFlags f;
    try {
      f = GoFlags.parse(args, BOOLEANS, VALUED);
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      if (m.endsWith("not defined: -h") || m.endsWith("not defined: -help")) {
        throw new FlagException(0, USAGE);
      }
      throw new FlagException(2, m + "\n" + USAGE);
    }
    Duration sync = syncInterval(f.get("syncinterval"));
    int dnsPort = port(f.get("dns.port", f.get("p", "53")), "dns.port", 1);
    int healthPort = port(f.get("health-port", "8080"), "health-port", 1);
    if (!f.rest().isEmpty()) {
      throw new FlagException(1, "extra command line arguments: " + f.rest());
    }
    boolean version = f.bool("version");
    List<String> texts = new ArrayList<>();
    List<InetAddress> ips = new ArrayList<>();
    if (!version) {
      for (String part : f.get("localip", "").split(",", -1)) {
        InetAddress ip = IpText.parse(part);
        if (ip == null) {
          throw new FlagException(1, "invalid localip specified - \"" + part + "\"");
        }
        if (!ips.isEmpty() && IpText.isIpv6(ip) != IpText.isIpv6(ips.get(0))) {
          throw new FlagException(1, "unexpected IP Family for localIP - \"" + part + "\"");
        }
        ips.add(ip);
        texts.add(part);
      }
    }
    // node-cache always writes where -conf points; when -conf is absent it writes nowhere useful
    // (an empty path), so Jay falls back to -corefile's value for both writing and reading.
    String conf = f.get("conf", f.get("corefile", DEFAULT_CONF));
    return new NodeCacheFlags(
        List.copyOf(ips),
        List.copyOf(texts),
        conf,
        f.get("basecorefile", "/etc/coredns/Corefile.base"),
        f.get("upstreamsvc", "kube-dns"),
        f.get("kubednscm", ""),
        !"false".equals(f.get("setupinterface", "true")),
        f.get("interfacename", "nodelocaldns"),
        !"false".equals(f.get("setupiptables", "true")),
        healthPort,
        sync,
        f.bool("skipteardown"),
        f.get("metrics-listen-address", "0.0.0.0:9353"),
        f.get("prometheus-listen-address", ":9253"),
        f.bool("reloadwithsignal"),
        dnsPort,
        f.get("pidfile", ""),
        f.get("plugins-dir"),
        f.bool("quiet"),
        version);
  }

  /**
   * node-cache multiplies the parsed Go duration by one second, so its default, the bare integer
   * 60 (60 ns), means 60 s and a user's {@code 30ns} means 30 s. A value whose product overflows
   * (any ordinary {@code 30s}) gives Go an absurd period; Jay refuses it with the reason instead.
   */
  static Duration syncInterval(String text) throws FlagException {
    if (text == null) {
      return Duration.ofSeconds(60);
    }
    Duration d;
    try {
      d = GoDuration.parse(text);
    } catch (IllegalArgumentException e) {
      throw new FlagException(
          2, "invalid value \"" + text + "\" for flag -syncinterval: " + e.getMessage());
    }
    long nanos;
    try {
      nanos = d.toNanos();
    } catch (ArithmeticException e) {
      nanos = Long.MAX_VALUE;
    }
    if (nanos <= 0) {
      throw new FlagException(1, "invalid -syncinterval " + text + ": the period must be positive");
    }
    if (nanos > Long.MAX_VALUE / 1_000_000_000L) {
      throw new FlagException(
          1,
          "invalid -syncinterval "
              + text
              + ": node-cache reads this value as nanoseconds meaning seconds (the default 60 is"
              + " 60 s); write "
              + Math.max(1, d.toSeconds())
              + "ns for "
              + Math.max(1, d.toSeconds())
              + " s");
    }
    return Duration.ofSeconds(nanos);
  }

  private static int port(String text, String flag, int exitCode) throws FlagException {
    try {
      int p = Integer.parseInt(text);
      if (p < 0 || p > 65535) {
        throw new NumberFormatException();
      }
      return p;
    } catch (NumberFormatException e) {
      throw new FlagException(exitCode, "invalid value \"" + text + "\" for flag -" + flag);
    }
  }

  /** The DNS port as the rules and stub blocks write it. */
  String localPort() {
    return Integer.toString(dnsPort);
  }

  boolean ipv6() {
    return !localIps.isEmpty() && IpText.isIpv6(localIps.get(0));
  }
}
