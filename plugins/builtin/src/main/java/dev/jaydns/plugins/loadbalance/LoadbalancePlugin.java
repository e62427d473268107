package dev.jaydns.plugins.loadbalance;

import dev.jaydns.corefile.Directive;
import dev.jaydns.corefile.Token;
import dev.jaydns.plugin.Arguments;
import dev.jaydns.plugin.ConfigException;
import dev.jaydns.plugin.Plugin;
import dev.jaydns.plugin.PluginConfig;
import dev.jaydns.plugin.PluginInstance;
import dev.jaydns.plugins.acl.Cidr;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code loadbalance [round_robin | weighted WEIGHTFILE] { reload DURATION; prefer CIDR... }}
 * directive: reorders address records in answers.
 */
public final class LoadbalancePlugin implements Plugin {

  @Override
  public String name() {
    return "loadbalance";
  }

  @Override
  public PluginInstance setup(PluginConfig config) throws ConfigException {
    return new LoadbalanceInstance(parse(config));
  }

  /** Reads the directive; opens nothing. */
  static LoadbalanceConfig parse(PluginConfig config) throws ConfigException {
    Directive d = config.directive();
    Arguments a = config.arguments(d);
    Path weighted = null;
    if (a.hasNext()) {
      Token policy = a.next("POLICY");
      switch (policy.text()) {
        case "round_robin" -> {}
        case "weighted" -> weighted = config.directory().resolve(a.nextText("WEIGHTFILE"));
        default -> throw config.error(policy, "unknown policy: " + policy.text());
      }
    }
    a.end();
    Duration reload = LoadbalanceConfig.DEFAULT_RELOAD;
    List<Cidr> prefer = new ArrayList<>();
    for (Directive option : d.block()) {
      Arguments oa = config.arguments(option);
      switch (option.name()) {
        case "reload" -> {
          if (weighted == null) {
            throw config.error(option, "'reload' applies to the 'weighted' policy only");
          }
          reload = oa.nextDuration("reload duration", Duration.ZERO);
          oa.end();
        }
        case "prefer" -> {
          if (weighted != null) {
            // CoreDNS 1.13 reads a weighted block for 'reload' only and stops at anything else.
            throw config.error(
                option, "'prefer' cannot be combined with the 'weighted' policy (as in CoreDNS)");
          }
          List<Token> cidrs = oa.remaining();
          if (cidrs.isEmpty()) {
            throw config.error(option, "'prefer' needs at least one CIDR");
          }
          for (Token t : cidrs) {
            Cidr c = t.text().indexOf('/') < 0 ? null : Cidr.parse(t.text());
            if (c == null) {
              throw config.error(
                  t, "invalid CIDR \"" + t.text() + "\": invalid CIDR address: " + t.text());
            }
            prefer.add(c);
          }
        }
        default ->
            throw config.unknownOption(
                option, weighted == null ? List.of("prefer") : List.of("reload"));
      }
      config.noBlock(option);
    }
    return new LoadbalanceConfig(weighted, reload, prefer);
  }
}
