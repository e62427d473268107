package dev.jaydns.server.nodecache;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** iptables failures are counted by kind and never stop the setup. */
class IptablesErrorsTest {

  private final SetupErrors errors = new SetupErrors(new SimpleMeterRegistry());

  @Test
  void lockErrorsAndOtherErrorsAreCountedApart() throws Exception {
    // An iptables stand-in that fails the way a held xtables lock does, then one that just fails.
    Commands locked = new Commands(List.of("sh", "-c",
        "echo 'Another app is currently holding the xtables lock. Stopped waiting after 5s.' >&2; exit 4", "sh"), 10);
    List<IptablesRule> list = IptablesRule.nodeLocal(List.of(InetAddress.getByName("169.254.20.10")), 53, 8080);
    new NetworkSetup(null, new Iptables(locked, false, errors), list).setupAll();
    assertThat(errors.count(SetupErrors.Type.IPTABLES_LOCK)).isEqualTo(12);
    assertThat(errors.count(SetupErrors.Type.IPTABLES)).isZero();
    Commands broken = new Commands(List.of("sh", "-c", "echo 'iptables: No chain/target/match by that name.' >&2; exit 2", "sh"), 10);
    new NetworkSetup(null, new Iptables(broken, false, errors), list).setupAll();
    assertThat(errors.count(SetupErrors.Type.IPTABLES)).isEqualTo(12);
  }
}
