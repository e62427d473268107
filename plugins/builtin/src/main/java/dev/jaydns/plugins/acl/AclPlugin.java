package dev.jaydns.plugins.acl;

import dev.jaydns.corefile.Directive;
import dev.jaydns.corefile.Token;
import dev.jaydns.plugin.ConfigException;
import dev.jaydns.plugin.Plugin;
import dev.jaydns.plugin.PluginConfig;
import dev.jaydns.plugin.PluginInstance;
import dev.jaydns.plugins.hosts.ZoneList;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.xbill.DNS.Type;

/** The {@code acl [ZONES...] { ACTION [type QTYPE...] [net SOURCE...] }} directive. */
public final class AclPlugin implements Plugin {

  static final List<String> ACTIONS = List.of("allow", "block", "filter", "drop");

  @Override
  public String name() {
    return "acl";
  }

  @Override
  public boolean repeatable() {
    return true;
  }

  @Override
  public PluginInstance setup(PluginConfig config) throws ConfigException {
    AclHandler handler = new AclHandler(parse(config));
    return PluginInstance.of(
        handler,
        context ->
            handler.metrics(
                context.shared("acl/metrics", () -> new AclMetrics(context.meterRegistry()))));
  }

  public static AclConfig parse(PluginConfig config) throws ConfigException {
    List<AclPolicy> policies = new ArrayList<>();
    for (Directive d : config.directives()) {
      List<String> zones = new ArrayList<>();
      for (Token t : d.args()) {
        zones.add(t.text());
      }
      List<AclRule> rules = new ArrayList<>();
      for (Directive line : d.block()) {
        config.noBlock(line);
        rules.add(rule(config, line));
      }
      policies.add(new AclPolicy(ZoneList.of(zones, config.zones()), rules));
    }
    return new AclConfig(policies);
  }

  private static AclRule rule(PluginConfig config, Directive line) throws ConfigException {
    AclRule.Action action;
    try {
      action = AclRule.Action.valueOf(line.name().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw config.unknownOption(line, ACTIONS);
    }
    Set<Integer> types = new HashSet<>();
    List<Cidr> nets = new ArrayList<>();
    boolean anyType = false;
    boolean anyNet = false;
    String section = null;
    for (Token t : line.args()) {
      String s = t.text();
      if (s.equals("type") || s.equals("net")) {
        section = s;
        continue;
      }
      if (section == null) {
        throw config.error(t, "unexpected token '" + s + "'; expected 'type' or 'net'");
      }
      if (section.equals("type")) {
        if (s.equals("*")) {
          anyType = true;
          continue;
        }
        int type = Type.value(s.toUpperCase(Locale.ROOT));
        if (type < 0) {
          throw config.error(t, "invalid query type " + s);
        }
        types.add(type);
      } else {
        if (s.equals("*")) {
          anyNet = true;
          continue;
        }
        Cidr c = Cidr.parse(s);
        if (c == null) {
          throw config.error(t, "invalid network " + s);
        }
        nets.add(c);
      }
    }
    return new AclRule(action, anyType ? Set.of() : types, anyNet ? List.of() : nets);
  }
}
