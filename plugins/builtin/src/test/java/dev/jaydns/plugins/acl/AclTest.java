package dev.jaydns.plugins.acl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jaydns.plugin.Response;
import dev.jaydns.plugin.testkit.RecordingChain;
import dev.jaydns.plugin.testkit.TestQuery;
import dev.jaydns.plugins.testing.Snippets;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class AclTest {

  private final RecordingChain next = RecordingChain.answering(Rcode.NOERROR, q -> List.of());
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private AclHandler handler(String corefile) throws Exception {
    AclHandler h = new AclHandler(AclPlugin.parse(Snippets.config("acl", corefile)));
    h.metrics(new AclMetrics(registry));
    return h;
  }

  private Response ask(AclHandler h, String name, int type, String from) {
    return Snippets.run(
        h, TestQuery.of(name, type).from(new InetSocketAddress(from, 5353)).build(), next);
  }

  @Test
  void blockFilterDropAndAllow() throws Exception {
    AclHandler h =
        handler(
            ". {\n acl {\n  allow net 192.168.1.0/24\n  block type A net 192.168.0.0/16\n"
                + "  filter type AAAA MX net 192.168.0.0/16\n  drop net 192.0.2.0/24 2001:db8::/32\n }\n}\n");
    Response blocked = ask(h, "example.org.", Type.A, "192.168.7.1");
    assertThat(blocked.isWritten()).isTrue();
    assertThat(blocked.rcode()).isEqualTo(Rcode.REFUSED);
    Response filtered = ask(h, "example.org.", Type.MX, "192.168.7.1");
    assertThat(filtered.rcode()).isEqualTo(Rcode.NOERROR);
    assertThat(filtered.message().getSection(Section.ANSWER)).isEmpty();
    assertThat(ask(h, "example.org.", Type.A, "192.0.2.9").isDropped()).isTrue();
    assertThat(ask(h, "example.org.", Type.A, "2001:db8::5").isDropped()).isTrue();
    assertThat(next.count()).isZero();
    ask(h, "example.org.", Type.A, "192.168.1.20");
    ask(h, "example.org.", Type.TXT, "192.168.7.1");
    ask(h, "example.org.", Type.A, "10.0.0.1");
    assertThat(next.count()).isEqualTo(3);
    assertThat(registry.get("coredns.acl.blocked.requests").tag("zone", ".").counter().count()).isEqualTo(1);
    assertThat(registry.get("coredns.acl.filtered.requests").counter().count()).isEqualTo(1);
    assertThat(registry.get("coredns.acl.dropped.requests").counter().count()).isEqualTo(2);
    assertThat(registry.get("coredns.acl.allowed.requests").counter().count()).isEqualTo(3);
  }

  @Test
  void allowListThenBlockEverythingElse() throws Exception {
    AclHandler h = handler(". {\n acl {\n  allow net 192.168.0.0/24 192.168.1.0/24\n  block\n }\n}\n");
    assertThat(ask(h, "a.", Type.A, "192.168.1.1").isWritten()).isTrue();
    assertThat(next.count()).isEqualTo(1);
    assertThat(ask(h, "a.", Type.A, "192.168.2.1").rcode()).isEqualTo(Rcode.REFUSED);
  }

  @Test
  void onlyNamesInThePolicyZones() throws Exception {
    AclHandler h = handler("example.org {\n acl a.example.org {\n  block net *\n }\n}\n");
    assertThat(ask(h, "x.a.example.org.", Type.A, "10.0.0.1").rcode()).isEqualTo(Rcode.REFUSED);
    ask(h, "b.example.org.", Type.A, "10.0.0.1");
    assertThat(next.count()).isEqualTo(1);
  }

  @Test
  void setupErrors() {
    AclPlugin p = new AclPlugin();
    assertThat(Snippets.error(p, ". {\n acl {\n  deny net 10.0.0.0/8\n }\n}\n"))
        .isEqualTo(
            "plugin/acl: Corefile:3:3: unknown property 'deny' (known: allow, block, filter, drop)");
    assertThat(Snippets.error(p, ". {\n acl {\n  block type BOGUS\n }\n}\n")).contains("invalid query type BOGUS");
    assertThat(Snippets.error(p, ". {\n acl {\n  block net 10.0.0.0/33\n }\n}\n")).contains("Corefile:3:13: invalid network");
    assertThat(Snippets.error(p, ". {\n acl {\n  block 10.0.0.0/8\n }\n}\n")).contains("expected 'type' or 'net'");
  }
}
