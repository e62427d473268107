package dev.jaydns.plugins.loadbalance;

import dev.jaydns.plugins.acl.Cidr;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The {@code loadbalance} directive: the policy ({@code round_robin}, or {@code weighted} with its
 * weight file and reload period) and the {@code prefer} subnets whose addresses go first.
 *
 * @param weighted the file of the {@code weighted} policy, or null for {@code round_robin}
 * @param reload how often the weight file is checked; zero never
 */
public record LoadbalanceConfig(Path weighted, Duration reload, List<Cidr> prefer) {

  /** CoreDNS's default weight file check period. */
  public static final Duration DEFAULT_RELOAD = Duration.ofSeconds(30);

  public LoadbalanceConfig {
    prefer = List.copyOf(prefer);
  }

  public boolean isWeighted() {
    return weighted != null;
  }
}
