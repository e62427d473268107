package dev.jaydns.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jaydns.corefile.Corefile;
import dev.jaydns.corefile.CorefileParser;
import dev.jaydns.corefile.Directive;
import dev.jaydns.corefile.ServerBlock;
import dev.jaydns.plugin.BlockSettings;
import dev.jaydns.plugin.Plugin;
import dev.jaydns.plugin.PluginConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code ~~~ corefile} block of every plugin README (built-in plugins and the example
 * plugin) must parse, and every directive in it whose plugin is on this class path must pass that
 * plugin's setup, as CoreDNS's readme_test does. READMEs added later are picked up by the walk.
 */
class ReadmeCorefilesTest {

  private static final Path MODULE = Path.of(System.getProperty("basedir", "."));
  private static final List<Path> ROOTS =
      List.of(MODULE.resolve("src/main/java"), MODULE.resolve("../example"));
  private static final CorefileParser PARSER = new CorefileParser(Map.of(), 53);

  /** One {@code ~~~ corefile} block: where it starts and its text. */
  record Example(Path readme, int line, String text) {
    @Override
    public String toString() {
      return MODULE.relativize(readme) + ":" + line;
    }
  }

  static List<Path> readmes() {
    List<Path> found = new ArrayList<>();
    for (Path root : ROOTS) {
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(root)) {
        walk.filter(p -> p.getFileName().toString().equals("README.md"))
            .filter(p -> !p.toString().contains("/target/"))
            .sorted()
            .forEach(found::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return found;
  }

  static List<Example> examples(Path readme) {
    List<String> lines;
    try {
      lines = Files.readAllLines(readme);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).strip().equals("~~~ corefile")) {
        continue;
      }
      int start = i + 1;
      // Blank lines in front keep the parser's line numbers equal to the README's.
      StringBuilder text = new StringBuilder("\n".repeat(start));
      for (i = start; i < lines.size() && !lines.get(i).strip().equals("~~~"); i++) {
        text.append(lines.get(i)).append('\n');
      }
      out.add(new Example(readme, start + 1, text.toString()));
    }
    return out;
  }

  @Test
  void findsTheReadmesOfThisModuleAndOfTheExample() {
    List<String> names =
        readmes().stream().map(p -> p.getParent().getFileName().toString()).toList();
    assertThat(names).contains("whoami", "bind", "errors", "log", "example");
    for (Path readme : readmes()) {
      assertThat(examples(readme)).as(readme.toString()).isNotEmpty();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyExampleParsesAndSetsUp() {
    Map<String, Plugin> plugins = new java.util.HashMap<>();
    for (Plugin p : ServiceLoader.load(Plugin.class)) {
      plugins.put(p.name(), p);
    }
    return readmes().stream()
        .flatMap(r -> examples(r).stream())
        .map(e -> DynamicTest.dynamicTest(e.toString(), () -> check(e, plugins)));
  }

  private static void check(Example e, Map<String, Plugin> plugins) throws Exception {
    String file = MODULE.relativize(e.readme()).toString();
    Corefile corefile = PARSER.parse(file, e.text(), e.readme().getParent());
    assertThat(corefile.blocks()).as("server blocks").isNotEmpty();
    for (ServerBlock block : corefile.blocks()) {
      BlockSettings settings = new BlockSettings();
      Set<String> names = new LinkedHashSet<>();
      for (Directive d : block.directives()) {
        names.add(d.name());
      }
      for (String name : names) {
        Plugin plugin = plugins.get(name);
        if (plugin == null) {
          // A plugin not on this class path (another module, or not written yet): parse only.
          continue;
        }
        List<Directive> uses = block.directives(name);
        assertThat(uses.size() == 1 || plugin.repeatable())
            .as(name + " used " + uses.size() + " times but is once per block")
            .isTrue();
        plugin.setup(new PluginConfig(name, uses, block, settings, e.readme().getParent()));
      }
    }
  }
}
