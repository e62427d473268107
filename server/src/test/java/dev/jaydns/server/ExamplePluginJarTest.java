package dev.jaydns.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The third-party example plugin, built as its own jar against the plugin API alone, dropped into
 * an empty plugins folder and used from a Corefile.
 */
class ExamplePluginJarTest {

  @TempDir Path work;

  /** The example module's build output: its packaged jar, else a jar made from its classes. */
  private Path exampleJar() throws Exception {
    Path module = Path.of("..", "plugins", "example", "target").toAbsolutePath().normalize();
    assumeTrue(
        Files.isDirectory(module),
        "plugins/example has not been built (run from the root: mvn verify, or -pl server -am with"
            + " plugins/example)");
    try (var files = Files.list(module)) {
      var jar =
          files
              .filter(p -> p.getFileName().toString().matches("jay-plugin-example-.*\\.jar"))
              .filter(p -> !p.getFileName().toString().contains("tests"))
              .findFirst();
      if (jar.isPresent()) {
        return Files.copy(jar.get(), work.resolve("plugins").resolve(jar.get().getFileName()));
      }
    }
    Path classes = module.resolve("classes");
    assumeTrue(Files.isDirectory(classes), "plugins/example has not been built");
    return PluginJars.jar(classes, work.resolve("plugins").resolve("jay-plugin-example.jar"));
  }

  @Test
  void aDroppedInJarIsLoadedAndAnswers() throws Exception {
    Files.createDirectories(work.resolve("plugins"));
    Path jar = exampleJar();
    // Not on Jay's own class path: only the plugins folder can provide it.
    assertThat(PluginRegistry.load((Path) null).get("jayversion")).isNull();
    JayOptions options = JayOptions.defaults().withEventLoops(1).withPluginsDir(work.resolve("plugins"));
    try (RunningJay jay =
        RunningJay.start(".:0 {\n  jayversion \"Jay 9.9\"\n  testanswer\n}\n", options)) {
      assertThat(jay.jay.plugins().get("jayversion").source()).endsWith(jar.getFileName().toString());
      Message q = Message.newQuery(Record.newRecord(Name.fromString("version.bind."), Type.TXT, DClass.CH));
      Message r = DnsClient.udp(jay.port(), q);
      assertThat(r.getRcode()).isEqualTo(Rcode.NOERROR);
      assertThat(r.getSection(Section.ANSWER).get(0).rdataToString()).isEqualTo("\"Jay 9.9\"");
      Message a = Message.newQuery(Record.newRecord(Name.fromString("other.example."), Type.A, DClass.IN));
      assertThat(DnsClient.udp(jay.port(), a).getSection(Section.ANSWER)).hasSize(1);
    }
  }
}
