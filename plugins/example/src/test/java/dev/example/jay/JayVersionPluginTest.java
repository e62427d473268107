package dev.example.jay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jaydns.corefile.CorefileParser;
import dev.jaydns.corefile.ServerBlock;
import dev.jaydns.plugin.BlockSettings;
import dev.jaydns.plugin.ConfigException;
import dev.jaydns.plugin.Placement;
import dev.jaydns.plugin.PluginConfig;
import dev.jaydns.plugin.PluginInstance;
import dev.jaydns.plugin.PluginOrder;
import dev.jaydns.plugin.Response;
import dev.jaydns.plugin.testkit.RecordingChain;
import dev.jaydns.plugin.testkit.TestQuery;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

class JayVersionPluginTest {

  private static PluginConfig config(String corefile, BlockSettings settings) throws Exception {
    ServerBlock block =
        new CorefileParser(Map.of(), 53).parse("Corefile", corefile, Path.of(".")).blocks().get(0);
    return new PluginConfig(
        "jayversion", block.directives("jayversion"), block, settings, Path.of("."));
  }

  private static PluginInstance setup(String body) throws Exception {
    return new JayVersionPlugin().setup(config(". {\n" + body + "\n}", new BlockSettings()));
  }

  @Test
  void isFoundByServiceLoaderAndPlacedWhereChaosRuns() {
    JayVersionPlugin p =
        ServiceLoader.load(dev.jaydns.plugin.Plugin.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(JayVersionPlugin.class::isInstance)
            .map(JayVersionPlugin.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(p.name()).isEqualTo("jayversion");
    assertThat(PluginOrder.builtin()).doesNotContain("jayversion").contains("chaos");
    assertThat(p.placement()).isEqualTo(Placement.after("chaos"));
  }

  @Test
  void setupLetsChaosQueriesIn() throws Exception {
    BlockSettings settings = new BlockSettings();
    new JayVersionPlugin().setup(config(". {\n  jayversion\n}", settings));
    assertThat(settings.anyClass()).isTrue();
  }

  @Test
  void readsVersionAndHostname() throws Exception {
    assertThat(JayVersionPlugin.parse(config(". {\n  jayversion \"Jay 1.0\" {\n    hostname node-1\n  }\n}", new BlockSettings())))
        .isEqualTo(new JayVersionConfig("Jay 1.0", "node-1"));
    assertThat(JayVersionPlugin.parse(config(". {\n  jayversion\n}", new BlockSettings())).version())
        .isEqualTo(JayVersionPlugin.DEFAULT_VERSION);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '~',
      value = {
        "jayversion a b~plugin/jayversion: Corefile:2:14: unexpected argument 'b' for 'jayversion'",
        "jayversion {\\n    hostname\\n  }~plugin/jayversion: Corefile:3:5: missing NAME after 'hostname'",
        "jayversion {\\n    hostname a b\\n  }~plugin/jayversion: Corefile:3:16: unexpected argument 'b' for 'hostname'",
        "jayversion {\\n    hostnam x\\n  }~plugin/jayversion: Corefile:3:5: unknown property 'hostnam'; did you mean 'hostname'? (known: hostname)",
      })
  void rejects(String body, String message) {
    assertThatThrownBy(() -> setup(body.replace("\\n", "\n")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(message);
  }

  @Test
  void rejectsAVersionLongerThanATxtString() {
    assertThatThrownBy(() -> setup("jayversion " + "v".repeat(256)))
        .hasMessageContaining("longer than the 255 bytes a TXT string holds");
  }

  @ParameterizedTest
  @CsvSource({
    "version.bind., Jay 1.0",
    "VERSION.Server., Jay 1.0",
    "hostname.bind., node-1",
    "id.server., node-1",
  })
  void answersTheChaosNames(String name, String expected) throws Exception {
    PluginInstance p = setup("jayversion \"Jay 1.0\" {\n    hostname node-1\n  }");
    RecordingChain next = RecordingChain.failing(Rcode.SERVFAIL, "not reached");
    Response r =
        p.handler()
            .handle(TestQuery.of(name, Type.TXT).dclass(DClass.CH).id(99).build(), next)
            .toCompletableFuture()
            .join();
    assertThat(next.count()).isZero();
    Message m = new Message(r.wire());
    assertThat(m.getHeader().getID()).isEqualTo(99);
    assertThat(m.getHeader().getFlag(Flags.QR)).isTrue();
    assertThat(m.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
    TXTRecord txt = (TXTRecord) m.getSection(Section.ANSWER).get(0);
    assertThat(txt.getName().toString()).isEqualTo(name);
    assertThat(txt.getDClass()).isEqualTo(DClass.CH);
    assertThat(txt.getTTL()).isZero();
    assertThat(txt.getStrings()).containsExactly(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "version.bind., TXT, IN",
    "version.bind., A, CH",
    "other.bind., TXT, CH",
    "example.org., A, IN",
  })
  void passesEverythingElseOn(String name, String type, String dclass) throws Exception {
    PluginInstance p = setup("jayversion");
    RecordingChain next = RecordingChain.answering(Rcode.NXDOMAIN, q -> List.of());
    Response r =
        p.handler()
            .handle(
                TestQuery.of(name, Type.value(type)).dclass(DClass.value(dclass)).build(), next)
            .toCompletableFuture()
            .join();
    assertThat(next.count()).isEqualTo(1);
    assertThat(r.rcode()).isEqualTo(Rcode.NXDOMAIN);
  }
}
