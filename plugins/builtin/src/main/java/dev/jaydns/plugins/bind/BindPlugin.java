package dev.jaydns.plugins.bind;

import dev.jaydns.corefile.Directive;
import dev.jaydns.corefile.Token;
import dev.jaydns.plugin.ConfigException;
import dev.jaydns.plugin.Plugin;
import dev.jaydns.plugin.PluginConfig;
import dev.jaydns.plugin.PluginInstance;
import dev.jaydns.plugin.net.IpLiteral;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code bind ADDRESS|IFACE ... { except ADDRESS|IFACE ... }} directive: the addresses the
 * block listens on instead of the wildcard. Interface names expand to the interface's addresses
 * when the configuration is loaded. Adds no chain handler.
 */
public final class BindPlugin implements Plugin {

  private final Interfaces interfaces;

  public BindPlugin() {
    this(Interfaces.system());
  }

  BindPlugin(Interfaces interfaces) {
    this.interfaces = interfaces;
  }

  @Override
  public String name() {
    return "bind";
  }

  /** Every {@code bind} line of a block adds addresses. */
  @Override
  public boolean repeatable() {
    return true;
  }

  @Override
  public PluginInstance setup(PluginConfig config) throws ConfigException {
    List<BindConfig> lines = new ArrayList<>();
    for (Directive d : config.directives()) {
      lines.add(parse(config, d));
    }
    Map<String, List<InetAddress>> nics = interfaces.read();
    List<String> listen = new ArrayList<>();
    for (BindConfig line : lines) {
      List<String> except = expand(config, line.except(), nics);
      for (String address : expand(config, line.addresses(), nics)) {
        if (!except.contains(address)) {
          listen.add(address);
        }
      }
    }
    if (listen.isEmpty()) {
      // CoreDNS would quietly serve this block on no address at all; an empty list means the
      // wildcard to Jay, so say it instead of listening everywhere.
      throw config.error(
          config.directive(),
          "no address left to listen on: the named interfaces have no address, or except removed"
              + " them all");
    }
    config.settings().listenAddresses().addAll(listen);
    return new PluginInstance() {};
  }

  private static BindConfig parse(PluginConfig config, Directive d) throws ConfigException {
    if (d.args().isEmpty()) {
      throw config.error(d, "at least one address or interface name is expected");
    }
    List<Token> except = new ArrayList<>();
    for (Directive option : d.block()) {
      if (!option.name().equals("except")) {
        throw config.error(option, "invalid option " + quote(option.name()));
      }
      if (option.args().isEmpty()) {
        throw config.error(
            option, "at least one address or interface must be given to except subdirective");
      }
      except.addAll(option.args());
    }
    return new BindConfig(d.args(), except);
  }

  /**
   * Interface names become their addresses (IPv6 link-local ones with {@code %IFACE}); anything
   * else must be a literal IP and stays as written.
   */
  private static List<String> expand(
      PluginConfig config, List<Token> tokens, Map<String, List<InetAddress>> nics)
      throws ConfigException {
    List<String> out = new ArrayList<>();
    for (Token t : tokens) {
      List<InetAddress> addresses = nics.get(t.text());
      if (addresses != null) {
        for (InetAddress a : addresses) {
          String text = IpLiteral.format(a);
          out.add(IpLiteral.isIpv6LinkLocal(a) ? text + "%" + t.text() : text);
        }
      } else if (IpLiteral.parse(t.text()) != null) {
        out.add(t.text());
      } else {
        throw config.error(t, "not a valid IP address or interface name: " + quote(t.text()));
      }
    }
    return out;
  }

  /** Go's {@code %q} for the plain text Corefile tokens hold. */
  private static String quote(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
