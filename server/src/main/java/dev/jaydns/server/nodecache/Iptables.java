package dev.jaydns.server.nodecache;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The iptables runner node-cache uses (Kubernetes' {@code pkg/util/iptables}): every call waits
 * up to 5 s for the xtables lock ({@code -w 5}); a rule is ensured by checking ({@code -C}) and
 * inserting at the top of its chain ({@code -I}) when absent; it is removed by deleting until the
 * check no longer finds it. Calls are serialised.
 */
final class Iptables {

  private static final Logger LOG = LoggerFactory.getLogger("nodecache");
  /** Bounds the delete loop, in case a delete reports success but leaves the rule. */
  private static final int MAX_DELETES = 100;

  private final Commands commands;
  private final String binary;
  private final SetupErrors errors;

  /**
   * @param ipv6 ip6tables instead of iptables, by the family of the first local IP
   */
  Iptables(Commands commands, boolean ipv6, SetupErrors errors) {
    this.commands = commands;
    this.binary = ipv6 ? "ip6tables" : "iptables";
    this.errors = errors;
  }

  /** Checks, and inserts when absent. Errors are logged and counted, never thrown. */
  synchronized void ensure(IptablesRule rule) {
    Commands.Result check = run("-C", rule);
    if (check.ok()) {
      LOG.debug("iptables rule {} already exists", rule);
      return;
    }
    if (check.exitCode() != 1) {
      failed(rule, check);
      return;
    }
    Commands.Result insert = run("-I", rule);
    if (insert.ok()) {
      LOG.info("Added back nodelocaldns rule - {}", rule);
    } else {
      failed(rule, insert);
    }
  }

  /** Deletes every copy of the rule: delete while the check still finds one. */
  synchronized void deleteAll(IptablesRule rule) {
    for (int i = 0; i < MAX_DELETES; i++) {
      Commands.Result check = run("-C", rule);
      if (check.exitCode() == 1) {
        return;
      }
      if (!check.ok()) {
        failed(rule, check);
        return;
      }
      Commands.Result delete = run("-D", rule);
      if (!delete.ok()) {
        failed(rule, delete);
        return;
      }
    }
    LOG.error("Error removing iptables rule {}: still present after {} deletes", rule, MAX_DELETES);
    errors.increment(SetupErrors.Type.IPTABLES);
  }

  private Commands.Result run(String op, IptablesRule rule) {
    List<String> argv = new ArrayList<>(List.of(binary, "-w", "5", op, rule.chain(), "-t", rule.table()));
    argv.addAll(rule.args());
    return commands.run(argv);
  }

  private void failed(IptablesRule rule, Commands.Result r) {
    LOG.error("Error checking/adding iptables rule {}, due to error - exit status {}: {}", rule, r.exitCode(), r.output());
    errors.increment(
        r.output().contains("holding the xtables lock")
            ? SetupErrors.Type.IPTABLES_LOCK
            : SetupErrors.Type.IPTABLES);
  }
}
