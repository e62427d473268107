package dev.jaydns.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Setup without binding: listener grouping and the overlap rules of spec §1.7 (vector 10). */
class GenerationBuilderTest {

  private static Jay jay;

  @BeforeAll
  static void create() throws Exception {
    jay = Jay.create(JayOptions.defaults());
  }

  private static Generation build(String corefile) throws Exception {
    return jay.build(RunningJay.parse(corefile));
  }

  @Test
  void theSameZoneAndPortInTwoBlocksIsAlreadyDefined() {
    assertThatThrownBy(() -> build(".:53 {\n  whoami\n}\n.:53 {\n  whoami\n}\n"))
        .hasMessage("Corefile:4:1: cannot serve dns://.:53 - it is already defined at Corefile:1:1");
  }

  @Test
  void boundAndUnboundOnOnePortOverlap() {
    assertThatThrownBy(
            () -> build(".:53 {\n  whoami\n}\n.:53 {\n  bind 127.0.0.1\n  whoami\n}\n"))
        .hasMessage(
            "Corefile:4:1: cannot serve dns://.:53 on 127.0.0.1 - zone overlap listener capacity"
                + " with dns://.:53 at Corefile:1:1");
  }

  @Test
  void theSameZoneOnDifferentBindAddressesIsFine() throws Exception {
    Generation g =
        build(
            ".:53 {\n  bind 127.0.0.1\n  whoami\n}\n.:53 {\n  bind 127.0.0.2\n  whoami\n}\n");
    assertThat(g.routers().keySet())
        .containsExactlyInAnyOrder(new ListenerKey("127.0.0.1", 53), new ListenerKey("127.0.0.2", 53));
  }

  @Test
  void theNodeLocalCorefileGroupsFourZonesOnTwoListeners() throws Exception {
    Generation g =
        build(
            """
            cluster.local:53 {
                errors
                cache {
                        success 9984 30
                        denial 9984 5
                }
                reload
                loop
                bind 169.254.20.10 10.96.0.10
                forward . 10.96.0.11 {
                        force_tcp
                }
            }
            in-addr.arpa:53 {
                errors
                cache 30
                loop
                bind 169.254.20.10 10.96.0.10
                forward . 10.96.0.11 {
                        force_tcp
                }
            }
            .:53 {
                errors
                cache 30
                loop
                bind 169.254.20.10 10.96.0.10
                forward . 127.0.0.53
            }
            """);
    assertThat(g.routers()).hasSize(2);
    ZoneRouter r = g.routers().get(new ListenerKey("169.254.20.10", 53));
    assertThat(r.zones().keySet()).containsExactlyInAnyOrder("cluster.local.", "in-addr.arpa.", ".");
    assertThat(g.blocks().get(0).chain().plugins()).containsExactly("errors", "cache", "loop", "forward");
    assertThat(r.anyClass()).isTrue();
  }

  @Test
  void blocksWithoutHandlersStillRegisterTheirZones() throws Exception {
    Generation g = build("example.org:53 {\n  bind 127.0.0.1\n}\n");
    assertThat(g.blocks().get(0).chain().chain()).isNull();
    assertThat(g.routers().get(new ListenerKey("127.0.0.1", 53)).zones()).containsKey("example.org.");
  }
}
