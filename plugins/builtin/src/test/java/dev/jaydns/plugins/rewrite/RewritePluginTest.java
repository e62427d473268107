package dev.jaydns.plugins.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jaydns.plugins.testing.Snippets;
import org.junit.jupiter.api.Test;

class RewritePluginTest {

  private static String error(String rule) {
    return Snippets.error(new RewritePlugin(), ". {\n " + rule + "\n}\n");
  }

  private static int rules(String corefile) throws Exception {
    return RewritePlugin.parse(Snippets.config("rewrite", corefile)).rules().size();
  }

  @Test
  void acceptsEveryForm() throws Exception {
    assertThat(
            rules(
                ". {\n rewrite name a b\n rewrite stop name exact a b\n rewrite continue name"
                    + " prefix a b answer auto\n rewrite name regex (.*)\\.a {1}.b answer name"
                    + " (.*)\\.b {1}.a answer value (.*)\\.b {1}.a\n rewrite type ANY HINFO\n"
                    + " rewrite class CH IN\n rewrite ttl a 10\n rewrite ttl regex .* 10-20\n"
                    + " rewrite ttl suffix .org -20\n rewrite rcode a SERVFAIL 0\n rewrite edns0"
                    + " local set 0xffee {client_ip}\n rewrite edns0 local unset 65000 revert\n"
                    + " rewrite edns0 nsid replace\n rewrite edns0 subnet append 24 56\n"
                    + " rewrite edns0 subnet unset\n rewrite stop {\n  name regex (.*)\\.a {1}.b\n"
                    + "  answer name (.*)\\.b {1}.a\n }\n}\n"))
        .isEqualTo(16);
    assertThat(new RewritePlugin().repeatable()).isTrue();
  }

  @Test
  void rejectsWithPositions() {
    assertThat(error("rewrite")).isEqualTo("plugin/rewrite: Corefile:2:2: no rule type specified for rewrite");
    assertThat(error("rewrite foo a b")).isEqualTo("plugin/rewrite: Corefile:2:10: invalid rule type 'foo'");
    assertThat(error("rewrite answer name a b")).contains("Corefile:2:10: response rewrites must begin with a name rule");
    assertThat(error("rewrite type ANY")).contains("type rules must have exactly two arguments");
    assertThat(error("rewrite type ANY BOGUS")).contains("Corefile:2:19: invalid type 'BOGUS'");
    assertThat(error("rewrite class XX IN")).contains("invalid class 'XX'");
    assertThat(error("rewrite name fuzzy a b")).contains("received: fuzzy");
    assertThat(error("rewrite name regex ( b")).contains("invalid regex matching pattern: (");
    assertThat(error("rewrite name regex (a) {1}{2}")).contains("uses more subexpressions");
    assertThat(error("rewrite name prefix a b answer name x y")).contains("only for name regex rule");
    assertThat(error("rewrite name regex (a) b answer auto")).contains("cannot reverse a regex");
    assertThat(error("rewrite ttl a b")).contains("invalid TTL 'b'");
    assertThat(error("rewrite ttl a 20-10")).contains("minimum above maximum");
    assertThat(error("rewrite rcode a NOPE NOERROR")).contains("invalid rcode 'NOPE'");
    assertThat(error("rewrite edns0 local set 0xffee")).contains("need CODE DATA");
    assertThat(error("rewrite edns0 local frob 1 2")).contains("invalid action: 'frob'");
    assertThat(error("rewrite edns0 local set 0x1ffff a")).contains("invalid EDNS0 option code");
    assertThat(error("rewrite edns0 local set 1 {kubernetes/ns}")).contains("metadata plugin");
    assertThat(error("rewrite edns0 subnet set 33 56")).contains("IPv4 bitmask length must be in [0, 32]");
    assertThat(error("rewrite edns0 cookie set")).contains("unsupported EDNS0 option type 'cookie'");
    assertThat(error("rewrite cname a")).isEqualTo("plugin/rewrite: Corefile:2:16: too few (1) arguments for a cname rule");
    assertThat(error("rewrite cname exact a b c")).contains("Corefile:2:26: too many (4) arguments");
    assertThat(error("rewrite cname fuzzy a b")).contains("Corefile:2:16: unknown cname rewrite type: fuzzy");
    assertThat(error("rewrite cname regex ( b")).contains("Corefile:2:22: invalid regex matching pattern: (");
  }
}
