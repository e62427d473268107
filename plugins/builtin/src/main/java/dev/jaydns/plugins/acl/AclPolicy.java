package dev.jaydns.plugins.acl;

import dev.jaydns.plugins.hosts.ZoneList;
import java.util.List;

/** One {@code acl [ZONES...]} directive: its zones and its rules in order. */
public record AclPolicy(ZoneList zones, List<AclRule> rules) {

  public AclPolicy {
    rules = List.copyOf(rules);
  }
}
