package dev.jaydns.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginRegistryTest {

  @TempDir Path work;

  @Test
  void builtinOrderIsCoreDnsPluginCfgAndPlacedPluginsGoNextToTheirAnchor() throws Exception {
    PluginRegistry registry = PluginRegistry.load((Path) null);
    assertThat(registry.rank("errors")).isLessThan(registry.rank("log"));
    assertThat(registry.rank("cache")).isLessThan(registry.rank("forward"));
    assertThat(registry.rank("loop")).isLessThan(registry.rank("forward"));
    // testanswer is placed before whoami; testboom and testslow before testanswer.
    assertThat(registry.rank("testanswer")).isEqualTo(registry.rank("whoami") - 1);
    assertThat(registry.rank("testboom")).isLessThan(registry.rank("testanswer"));
  }

  @Test
  void aPluginJarInThePluginsFolderIsLoaded() throws Exception {
    Path dir = Files.createDirectories(work.resolve("plugins"));
    PluginJars.compile(
        work,
        "plugins/extra.jar",
        Map.of("ext.Extra", PluginJars.passingPlugin("ext", "Extra", "extra", "dev.jaydns.plugin.Placement.after(\"cache\")")),
        "ext.Extra");
    PluginRegistry registry = PluginRegistry.load(dir);
    assertThat(registry.get("extra")).isNotNull();
    assertThat(registry.get("extra").source()).endsWith("extra.jar");
    assertThat(registry.rank("extra")).isEqualTo(registry.rank("cache") + 1);
  }

  @Test
  void twoPluginsWithOneNameFailNamingBothJars() throws Exception {
    Path dir = Files.createDirectories(work.resolve("plugins"));
    String placement = "dev.jaydns.plugin.Placement.after(\"cache\")";
    PluginJars.compile(work, "plugins/one.jar",
        Map.of("one.Dup", PluginJars.passingPlugin("one", "Dup", "dup", placement)), "one.Dup");
    PluginJars.compile(work, "plugins/two.jar",
        Map.of("two.Dup", PluginJars.passingPlugin("two", "Dup", "dup", placement)), "two.Dup");
    assertThatThrownBy(() -> PluginRegistry.load(dir))
        .isInstanceOf(StartupException.class)
        .hasMessageContaining("two plugins provide the directive 'dup'")
        .hasMessageContaining("one.jar")
        .hasMessageContaining("two.jar");
  }

  @Test
  void aPluginOutsideTheOrderWithoutPlacementIsRejected() throws Exception {
    Path dir = Files.createDirectories(work.resolve("plugins"));
    PluginJars.compile(work, "plugins/lost.jar",
        Map.of("lost.Lost", PluginJars.passingPlugin("lost", "Lost", "lost", "null")), "lost.Lost");
    assertThatThrownBy(() -> PluginRegistry.load(dir))
        .hasMessageContaining("'lost'")
        .hasMessageContaining("declares no placement");
  }

  @Test
  void aPlacementAnchoredNowhereIsRejected() throws Exception {
    Path dir = Files.createDirectories(work.resolve("plugins"));
    PluginJars.compile(work, "plugins/float.jar",
        Map.of("fl.Float", PluginJars.passingPlugin("fl", "Float", "float", "dev.jaydns.plugin.Placement.before(\"nosuch\")")),
        "fl.Float");
    assertThatThrownBy(() -> PluginRegistry.load(dir))
        .hasMessageContaining("no plugin 'nosuch' is known");
  }

  @Test
  void unknownAndUnprovidedDirectivesFailWithTheirPosition() throws Exception {
    assertThatThrownBy(() -> RunningJay.start(".:0 {\n  testanswer\n  nosuch 1\n}\n"))
        .isInstanceOf(StartupException.class)
        .hasMessage("Corefile:3:3: unknown directive 'nosuch'");
    assertThatThrownBy(() -> RunningJay.start(".:0 {\n  kubernetes cluster.local\n}\n"))
        .hasMessageStartingWith("Corefile:2:3: no loaded plugin provides the directive 'kubernetes'");
    assertThatThrownBy(() -> RunningJay.start(".:0 {\n  Testanswer\n}\n"))
        .hasMessage("Corefile:2:3: unknown directive 'Testanswer'");
  }

  @Test
  void onceOnlyPluginsRejectASecondOccurrence() throws Exception {
    assertThatThrownBy(() -> RunningJay.start(".:0 {\n  testanswer\n  testanswer\n}\n"))
        .hasMessageStartingWith("plugin/testanswer: Corefile:3:3: this plugin can only be used once");
  }

  @Test
  void corefileOrderDoesNotChangeTheChain() throws Exception {
    Generation a = Jay.create(JayOptions.defaults()).build(RunningJay.parse(".:0 {\n testanswer\n testboom\n}\n"));
    Generation b = Jay.create(JayOptions.defaults()).build(RunningJay.parse(".:0 {\n testboom\n testanswer\n}\n"));
    assertThat(a.blocks().get(0).chain().plugins()).isEqualTo(List.of("testboom", "testanswer"));
    assertThat(b.blocks().get(0).chain().plugins()).isEqualTo(List.of("testboom", "testanswer"));
  }
}
