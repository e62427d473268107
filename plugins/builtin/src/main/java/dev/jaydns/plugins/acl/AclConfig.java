package dev.jaydns.plugins.acl;

import java.util.List;

/** The {@code acl} directives of a block, in Corefile order. */
public record AclConfig(List<AclPolicy> policies) {

  public AclConfig {
    policies = List.copyOf(policies);
  }
}
