package dev.jaydns.plugins.forward;

import dev.jaydns.plugin.net.IpLiteral;
import dev.jaydns.corefile.Directive;
import dev.jaydns.corefile.Token;
import dev.jaydns.plugin.Arguments;
import dev.jaydns.plugin.ConfigException;
import dev.jaydns.plugin.PluginConfig;
import dev.jaydns.plugin.PluginInstance;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code forward} directive: proxies queries for a zone to upstream resolvers over UDP, TCP or
 * TLS. Several lines in one block are chained in Corefile order.
 */
public final class ForwardPlugin implements dev.jaydns.plugin.Plugin {

  static final String NAME = "forward";
  private static final Logger LOG = LoggerFactory.getLogger("plugin/forward");
  private static final List<String> OPTIONS =
      List.of(
          "except",
          "force_tcp",
          "prefer_udp",
          "expire",
          "max_fails",
          "max_connect_attempts",
          "tls",
          "tls_servername",
          "policy",
          "health_check",
          "max_concurrent",
          "next",
          "failover",
          "failfast_all_unhealthy_upstreams");
  private static final long UINT32_MAX = 0xffffffffL;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean repeatable() {
    return true;
  }

  @Override
  public PluginInstance setup(PluginConfig config) throws ConfigException {
    return setup(config, ForwardTiming.DEFAULT);
  }

  /** {@link #setup(PluginConfig)} with other timeouts, for tests. */
  ForwardInstance setup(PluginConfig config, ForwardTiming timing) throws ConfigException {
    List<ForwardConfig> lines = new ArrayList<>();
    for (Directive d : config.directives()) {
      lines.add(parse(config, d));
    }
    // CoreDNS routes non-IN classes to blocks that load forward.
    config.settings().anyClass(true);
    return new ForwardInstance(lines, timing);
  }

  /** Parses one {@code forward} line and its block. */
  static ForwardConfig parse(PluginConfig config, Directive d) throws ConfigException {
    Arguments args = config.arguments(d);
    Token fromToken = args.next("FROM");
    String from = normalizeFrom(fromToken.text());
    if (!args.hasNext()) {
      args.next("TO");
    }
    List<Token> toTokens = args.remaining();
    List<ForwardTarget> to = new ArrayList<>();
    int upstreams = 0;
    for (Token t : toTokens) {
      ForwardTarget target = parseTarget(config, t);
      upstreams += target instanceof ForwardTarget.ResolvConf r ? r.nameservers().size() : 1;
      to.add(target);
    }
    if (upstreams > ForwardConfig.MAX_UPSTREAMS) {
      throw config.error(toTokens.get(0), "more than 15 TOs configured: " + upstreams);
    }

    List<String> except = new ArrayList<>();
    boolean forceTcp = false;
    boolean preferUdp = false;
    Duration expire = ForwardConfig.DEFAULT_EXPIRE;
    int maxFails = ForwardConfig.DEFAULT_MAX_FAILS;
    int maxConnectAttempts = 0;
    ForwardConfig.HealthCheck healthCheck =
        new ForwardConfig.HealthCheck(ForwardConfig.DEFAULT_HEALTH_CHECK, false, ".");
    Policy policy = Policy.RANDOM;
    int maxConcurrent = 0;
    Set<Integer> next = new LinkedHashSet<>();
    Set<Integer> failover = new LinkedHashSet<>();
    boolean failfast = false;
    ForwardConfig.Tls tls = null;
    String tlsServername = null;
    Token servernameToken = null;

    for (Directive o : d.block()) {
      Arguments a = config.arguments(o);
      switch (o.name()) {
        case "except" -> {
          a.next("IGNORED_NAMES");
          for (Token t : o.args()) {
            except.add(PluginConfig.normalizeZone(t.text()));
          }
        }
        case "force_tcp" -> {
          a.end();
          forceTcp = true;
        }
        case "prefer_udp" -> {
          a.end();
          preferUdp = true;
        }
        case "expire" -> {
          Token t = a.next("DURATION");
          a.end();
          expire = config.parseDuration(t, "expire", null);
          if (expire.isNegative()) {
            throw config.error(t, "expire can't be negative: " + t.text());
          }
        }
        case "max_fails" -> {
          maxFails = parseUint32(config, a.next("INTEGER"), "max_fails");
          a.end();
        }
        case "max_connect_attempts" -> {
          maxConnectAttempts = parseUint32(config, a.next("INTEGER"), "max_connect_attempts");
          a.end();
        }
        case "health_check" -> healthCheck = parseHealthCheck(config, o, a);
        case "policy" -> {
          Token t = a.next("POLICY");
          a.end();
          policy = Policy.of(t.text());
          if (policy == null) {
            throw config.error(t, "unknown policy '" + t.text() + "'");
          }
        }
        case "max_concurrent" -> {
          Token t = a.next("MAX");
          a.end();
          maxConcurrent = config.parseInt(t, "max_concurrent", Integer.MIN_VALUE, Integer.MAX_VALUE);
          if (maxConcurrent < 0) {
            throw config.error(t, "max_concurrent can't be negative: " + t.text());
          }
        }
        case "next" -> {
          a.next("RCODE");
          next.clear();
          for (Token t : o.args()) {
            next.add(parseRcode(config, t));
          }
        }
        case "failover" -> {
          a.next("RCODE");
          failover.clear();
          for (Token t : o.args()) {
            int rcode = parseRcode(config, t);
            if (rcode == 0) {
              throw config.error(t, "NoError cannot be used in failover");
            }
            failover.add(rcode);
          }
        }
        case "failfast_all_unhealthy_upstreams" -> {
          a.end();
          failfast = true;
        }
        case "tls" -> tls = parseTls(config, o);
        case "tls_servername" -> {
          servernameToken = a.next("NAME");
          a.end();
          tlsServername = servernameToken.text();
        }
        default -> throw config.unknownOption(o, OPTIONS);
      }
      if (!o.block().isEmpty()) {
        throw config.error(o.block().get(0), "'" + o.name() + "' takes no block");
      }
    }
    if (forceTcp && preferUdp) {
      // As CoreDNS: force_tcp wins.
      preferUdp = false;
    }
    if (tlsServername != null) {
      for (ForwardTarget t : to) {
        if (t instanceof ForwardTarget.Address a && a.serverName() != null) {
          throw config.error(
              servernameToken,
              "tls_servername cannot be used together with a per-TO server name: " + a.text());
        }
      }
    }
    return new ForwardConfig(
        from,
        to,
        except,
        forceTcp,
        preferUdp,
        expire,
        maxFails,
        maxConnectAttempts,
        healthCheck,
        policy,
        maxConcurrent,
        next,
        failover,
        failfast,
        tls,
        tlsServername,
        d.position());
  }

  private static ForwardConfig.HealthCheck parseHealthCheck(
      PluginConfig config, Directive o, Arguments a) throws ConfigException {
    Token t = a.next("DURATION");
    Duration interval = config.parseDuration(t, "health_check", null);
    if (interval.isNegative()) {
      throw config.error(t, "health_check can't be negative: " + t.text());
    }
    boolean noRec = false;
    String domain = ".";
    while (a.hasNext()) {
      Token opt = a.next("OPTION");
      switch (opt.text()) {
        case "no_rec" -> noRec = true;
        case "domain" -> {
          Token name = a.next("FQDN");
          if (!validName(name.text())) {
            throw config.error(name, "health_check: invalid domain name " + name.text());
          }
          domain = PluginConfig.normalizeZone(name.text());
        }
        default -> throw config.error(opt, "health_check: unknown option " + opt.text());
      }
    }
    return new ForwardConfig.HealthCheck(interval, noRec, domain);
  }

  private static ForwardConfig.Tls parseTls(PluginConfig config, Directive o)
      throws ConfigException {
    List<Token> args = o.args();
    if (args.size() > 3) {
      throw config.error(args.get(3), "tls takes at most 3 arguments: CERT KEY CA");
    }
    List<Path> files = new ArrayList<>();
    for (Token t : args) {
      Path p = config.directory().resolve(t.text()).normalize();
      if (!Files.isReadable(p)) {
        throw config.error(t, "tls: cannot read file " + t.text());
      }
      files.add(p);
    }
    return switch (files.size()) {
      case 0 -> new ForwardConfig.Tls(null, null, null);
      case 1 -> new ForwardConfig.Tls(null, null, files.get(0));
      case 2 -> new ForwardConfig.Tls(files.get(0), files.get(1), null);
      default -> new ForwardConfig.Tls(files.get(0), files.get(1), files.get(2));
    };
  }

  private static int parseRcode(PluginConfig config, Token t) throws ConfigException {
    int rcode = Rcodes.parse(t.text());
    if (rcode < 0) {
      throw config.error(t, t.text() + " is not a valid rcode");
    }
    return rcode;
  }

  private static int parseUint32(PluginConfig config, Token t, String what)
      throws ConfigException {
    long v;
    try {
      v = Long.parseLong(t.text());
    } catch (NumberFormatException e) {
      throw config.error(t, what + " must be a non-negative integer, not '" + t.text() + "'");
    }
    if (v < 0 || v > UINT32_MAX || t.text().startsWith("+")) {
      throw config.error(t, what + " must be a non-negative integer, not '" + t.text() + "'");
    }
    return (int) Math.min(v, Integer.MAX_VALUE);
  }

  /** Parses one TO: an address with an optional scheme and port, or a resolv.conf file. */
  static ForwardTarget parseTarget(PluginConfig config, Token t) throws ConfigException {
    String text = t.text();
    boolean tls = false;
    String host = text;
    int scheme = text.indexOf("://");
    if (scheme >= 0) {
      String s = text.substring(0, scheme).toLowerCase(Locale.ROOT);
      host = text.substring(scheme + 3);
      switch (s) {
        case "dns" -> tls = false;
        case "tls" -> tls = true;
        default -> throw config.error(
            t, "'" + s + "' is not supported as a destination protocol in forward");
      }
    }
    if (host.isEmpty()) {
      throw config.error(t, "invalid address: \"" + text + "\"");
    }
    String serverName = null;
    if (tls && !host.startsWith("[")) {
      int pct = host.indexOf('%');
      if (pct >= 0) {
        String rest = host.substring(pct + 1);
        int colon = rest.lastIndexOf(':');
        String portPart = "";
        if (colon >= 0) {
          portPart = rest.substring(colon);
          rest = rest.substring(0, colon);
        }
        if (rest.isEmpty()) {
          throw config.error(t, "invalid address: \"" + text + "\"");
        }
        serverName = rest;
        host = host.substring(0, pct) + portPart;
      }
    }
    int defaultPort = tls ? 853 : 53;
    String ipText;
    int port = defaultPort;
    String portText = null;
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      if (close < 0) {
        throw config.error(t, "not an IP address or file: \"" + host + "\"");
      }
      ipText = host.substring(1, close);
      String rest = host.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          throw config.error(t, "not an IP address or file: \"" + host + "\"");
        }
        portText = rest.substring(1);
      }
    } else if (host.indexOf(':') >= 0 && host.indexOf(':') == host.lastIndexOf(':')) {
      int colon = host.indexOf(':');
      ipText = host.substring(0, colon);
      portText = host.substring(colon + 1);
    } else {
      ipText = host;
    }
    InetAddress ip = IpLiteral.toAddress(stripZone(ipText));
    if (ip == null) {
      if (scheme < 0 && serverName == null) {
        ForwardTarget file = tryResolvConf(config, t);
        if (file != null) {
          return file;
        }
      }
      throw config.error(t, "not an IP address or file: \"" + host + "\"");
    }
    if (portText != null) {
      try {
        port = Integer.parseInt(portText);
      } catch (NumberFormatException e) {
        port = -1;
      }
      if (port < 1 || port > 65535) {
        throw config.error(t, "invalid port in address: \"" + text + "\"");
      }
    }
    if (ipText.indexOf('%') >= 0 && ip instanceof Inet6Address) {
      throw config.error(t, "IPv6 zones are not supported in forward addresses: \"" + text + "\"");
    }
    return new ForwardTarget.Address(text, new InetSocketAddress(ip, port), tls, serverName);
  }

  private static ForwardTarget tryResolvConf(PluginConfig config, Token t) throws ConfigException {
    Path file = config.directory().resolve(t.text()).normalize();
    if (!Files.isRegularFile(file)) {
      return null;
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw config.error(t, "cannot read " + t.text() + ": " + e.getMessage());
    }
    List<InetSocketAddress> servers = ResolvConf.nameservers(text);
    if (servers.isEmpty()) {
      throw config.error(t, "no nameservers found in " + t.text());
    }
    return new ForwardTarget.ResolvConf(t.text(), file, servers);
  }

  private static String stripZone(String ip) {
    int pct = ip.indexOf('%');
    return pct >= 0 ? ip.substring(0, pct) : ip;
  }

  /**
   * FROM as a zone: lowercase and fully qualified; a CIDR becomes its first reverse zone (CoreDNS
   * keeps only the first when the CIDR covers several, and warns).
   */
  static String normalizeFrom(String from) {
    int slash = from.indexOf('/');
    if (slash > 0) {
      InetAddress ip = IpLiteral.toAddress(from.substring(0, slash));
      int bits;
      try {
        bits = Integer.parseInt(from.substring(slash + 1));
      } catch (NumberFormatException e) {
        bits = -1;
      }
      if (ip != null && bits >= 0 && bits <= ip.getAddress().length * 8) {
        List<String> zones = ReverseZones.of(ip, bits);
        if (zones.size() > 1) {
          LOG.warn("Unsupported CIDR notation: '{}' expands to multiple zones. Using only '{}'.",
              from, zones.get(0));
        }
        return zones.get(0);
      }
    }
    return PluginConfig.normalizeZone(from);
  }

  private static boolean validName(String name) {
    if (name.isEmpty() || name.length() > 254) {
      return false;
    }
    if (name.equals(".")) {
      return true;
    }
    String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    for (String label : n.split("\\.", -1)) {
      if (label.isEmpty() || label.length() > 63) {
        return false;
      }
    }
    return true;
  }
}
