package dev.jaydns.plugins.acl;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;

/**
 * One line of an {@code acl} block: {@code ACTION [type QTYPE...] [net SOURCE...]}. Empty types or
 * nets (or {@code *}) match everything.
 */
public record AclRule(Action action, Set<Integer> types, List<Cidr> nets) {

  /** What happens to a matching query. */
  public enum Action {
    /** Passed to the next plugin. */
    ALLOW,
    /** Answered REFUSED. */
    BLOCK,
    /** Answered NOERROR with no records. */
    FILTER,
    /** Not answered at all. */
    DROP
  }

  public AclRule {
    types = Set.copyOf(types);
    nets = List.copyOf(nets);
  }

  boolean matches(int qtype, InetAddress source) {
    if (!types.isEmpty() && !types.contains(qtype)) {
      return false;
    }
    if (nets.isEmpty()) {
      return true;
    }
    for (Cidr c : nets) {
      if (c.contains(source)) {
        return true;
      }
    }
    return false;
  }
}
