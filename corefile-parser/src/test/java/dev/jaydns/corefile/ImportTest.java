package dev.jaydns.corefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportTest {

  @TempDir Path dir;
  private Path root;

  @BeforeEach
  void setUp() throws IOException {
    root = dir.toRealPath();
  }

  private Path write(String name, String text) throws IOException {
    Path file = root.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  private Corefile parseFile(Path file) throws CorefileException {
    return new CorefileParser(Map.of("CONF", "extra.conf"), 53).parse(file);
  }

  private CorefileException failure(Path file) {
    CorefileException e = catchThrowableOfType(CorefileException.class, () -> parseFile(file));
    assertThat(e).as("parse of %s should fail", file).isNotNull();
    return e;
  }

  @Test
  void relativeToTheImportingFilesFolder() throws Exception {
    write("conf.d/blocks.conf", "example.org {\n  import ../snippets/common.conf\n}\n");
    write("snippets/common.conf", "errors\ncache 30\n");
    Path main = write("Corefile", "import conf.d/blocks.conf\n. {\n  whoami\n}\n");
    Corefile corefile = parseFile(main);
    assertThat(TreeText.of(corefile)).isEqualTo("""
        dns://example.org.:53
          errors
          cache 30
        dns://.:53
          whoami
        """);
    assertThat(corefile.sources()).containsExactly(
        main, root.resolve("conf.d/blocks.conf"), root.resolve("snippets/common.conf"));
  }

  @Test
  void importedTokensNameTheirFile() throws Exception {
    Path conf = write("bad.conf", "log\nwhoami }\n");
    Path main = write("Corefile", ". {\n  import bad.conf\n}\n");
    CorefileException e = failure(main);
    assertThat(e.position()).isEqualTo(new Position(conf.toString(), 2, 8));
    Corefile ok = parseFile(write("Corefile", ". {\n  import " + write("ok.conf", "\n\n  log x\n") + "\n}\n"));
    Directive log = ok.blocks().get(0).directives().get(0);
    assertThat(log.position()).isEqualTo(new Position(root.resolve("ok.conf").toString(), 3, 3));
    assertThat(log.args().get(0).position().file()).isEqualTo(root.resolve("ok.conf").toString());
  }

  @Test
  void mainFileIsNamedAsGiven() throws Exception {
    write("Corefile", ". {\n  import missing.conf\n}\n");
    Path relative = root.relativize(root.resolve("Corefile"));
    CorefileException e = failure(root.resolve(relative));
    assertThat(e.getMessage()).isEqualTo(root.resolve("Corefile") + ":2:10: File to import not found: missing.conf");
  }

  @Test
  void importInsideANestedBlockAndEnvironmentInTheArgument() throws Exception {
    write("extra.conf", "force_tcp\nmax_fails 3\n");
    Path main = write("Corefile", ". {\n  forward . 1.1.1.1 {\n    import {$CONF}\n  }\n}\n");
    assertThat(TreeText.of(parseFile(main))).isEqualTo("""
        dns://.:53
          forward . 1.1.1.1
            force_tcp
            max_fails 3
        """);
  }

  @Test
  void globImportsMatchesInLexicalOrder() throws Exception {
    write("zones/b.conf", "b.org {\n}\n");
    write("zones/a.conf", "a.org {\n}\n");
    write("zones/.hidden.conf", "hidden.org {\n}\n");
    write("zones/c.txt", "c.org {\n}\n");
    Path main = write("Corefile", "import zones/*.conf\nimport nothing/*.conf\n");
    Corefile corefile = parseFile(main);
    assertThat(corefile.blocks()).extracting(b -> b.keys().get(0).zone())
        .containsExactly("hidden.org.", "a.org.", "b.org.");
    assertThat(corefile.sources()).hasSize(4);
  }

  @Test
  void globWithAWildcardDirectory() throws Exception {
    write("zones/x/one.conf", "one.org {\n}\n");
    write("zones/y/one.conf", "two.org {\n}\n");
    Path main = write("Corefile", "import zones/?/one.conf\n");
    assertThat(parseFile(main).blocks()).extracting(b -> b.keys().get(0).zone())
        .containsExactly("one.org.", "two.org.");
  }

  @Test
  void globsWithSeveralWildcardsOrClassesAreRefused() throws Exception {
    Path main = write("Corefile", "import */*.conf\n");
    assertThat(failure(main).detail()).startsWith("Glob pattern may only contain one wildcard (*)");
    main = write("Corefile", "import [ab].conf\n");
    assertThat(failure(main).detail()).startsWith("Glob pattern may only contain one wildcard (*)");
    main = write("Corefile", "import a[.conf\n");
    assertThat(failure(main).detail()).contains("syntax error in pattern");
  }

  @Test
  void directoriesCannotBeImported() throws Exception {
    Files.createDirectories(root.resolve("conf.d"));
    Path main = write("Corefile", "import conf.d\n");
    CorefileException e = failure(main);
    assertThat(e.detail()).isEqualTo("Could not import " + root.resolve("conf.d") + ": is a directory");
    assertThat(e.position()).isEqualTo(new Position(main.toString(), 1, 8));
  }

  @Test
  void importCyclesNameTheChain() throws Exception {
    Path a = write("a.conf", "import b.conf\n");
    Path b = write("b.conf", "\nimport a.conf\n");
    Path main = write("Corefile", "import a.conf\n");
    CorefileException e = failure(main);
    assertThat(e.detail()).isEqualTo("import cycle: " + a + " -> " + b + " -> " + a);
    assertThat(e.position()).isEqualTo(new Position(b.toString(), 2, 8));

    // A glob that matches the importing file is a cycle, found before any match is read.
    Path self = write("self.conf", "import *.conf\n");
    assertThat(failure(self).detail()).isEqualTo("import cycle: " + self + " -> " + self);
    assertThat(failure(write("Corefile", "import Corefile\n")).detail())
        .isEqualTo("import cycle: " + main + " -> " + main);
  }

  @Test
  void theSameFileMayBeImportedTwice() throws Exception {
    write("common.conf", "errors\n");
    Path main = write("Corefile", "a.org {\n  import common.conf\n}\nb.org {\n  import common.conf\n}\n");
    Corefile corefile = parseFile(main);
    assertThat(TreeText.of(corefile)).isEqualTo("dns://a.org.:53\n  errors\ndns://b.org.:53\n  errors\n");
    assertThat(corefile.sources()).hasSize(2);
  }

  @Test
  void importArgumentCount() throws Exception {
    assertThat(failure(write("Corefile", ". {\n  import\n}\n")).detail())
        .isEqualTo("Wrong argument count or unexpected line ending after 'import'");
    CorefileException two = failure(write("Corefile", ". {\n  import a b\n}\n"));
    assertThat(two.detail()).isEqualTo("Import takes only one argument (glob pattern or file)");
    assertThat(two.position().column()).isEqualTo(12);
    assertThat(failure(write("Corefile", ". {\n  import {$UNSET}\n}\n")).detail())
        .isEqualTo("Import requires a non-empty filepath");
  }

  @Test
  void emptyFilesAndFilesWithComments() throws Exception {
    write("empty.conf", "");
    write("comments.conf", "# only a comment");
    Path main = write("Corefile", ". {\n  import empty.conf\n  import comments.conf\n  log\n}\n");
    assertThat(TreeText.of(parseFile(main))).isEqualTo("dns://.:53\n  log\n");
  }

  @Test
  void aFileChangeEndsTheLine() throws Exception {
    write("part.conf", "log");
    Path main = write("Corefile", ". {\n  import part.conf\n  errors\n}\n");
    assertThat(TreeText.of(parseFile(main))).isEqualTo("dns://.:53\n  log\n  errors\n");
  }

  @Test
  void snippetsAreFoundBeforeFiles() throws Exception {
    write("common", "log\n");
    Path main = write("Corefile", "(common) {\n  errors\n}\n. {\n  import common\n}\n");
    assertThat(TreeText.of(parseFile(main))).isEqualTo("dns://.:53\n  errors\n");
  }

  @Test
  void snippetsWithNestedBlocksAndImportsOfTheirOwn() throws Exception {
    write("opts.conf", "force_tcp\n");
    Path main = write("Corefile", """
        (upstream) {
          forward . 10.0.0.10 {
            import opts.conf
          }
        }
        (all) {
          errors
          import upstream
        }
        cluster.local {
          import all
        }
        """);
    assertThat(TreeText.of(parseFile(main))).isEqualTo("""
        dns://cluster.local.:53
          errors
          forward . 10.0.0.10
            force_tcp
        """);
  }

  @Test
  void snippetErrors() throws Exception {
    assertThat(failure(write("Corefile", "(a) {\n}\n(a) {\n}\n")).detail())
        .isEqualTo("redeclaration of previously declared snippet a");
    CorefileException self = failure(write("Corefile", "(a) {\n  log\n  import a\n}\n"));
    assertThat(self.detail()).isEqualTo("snippet (a) imports itself");
    assertThat(self.position().line()).isEqualTo(3);
    assertThat(failure(write("Corefile", "(a) {\n  log\n")).detail())
        .isEqualTo("'{' opened here is never closed");
    assertThat(failure(write("Corefile", "(a)\nlog\n")).detail()).contains("needs a '{ ... }' block");
  }

  @Test
  void indirectSnippetCyclesAreFound() throws Exception {
    Path main = write("Corefile", "(a) {\n  import b\n}\n(b) {\n  import a\n}\n. {\n  import a\n}\n");
    assertThat(failure(main).detail())
        .isEqualTo("import cycle: snippet (a) -> snippet (b) -> snippet (a)");
  }

  @Test
  void runawaySnippetFanOutIsCapped() throws Exception {
    StringBuilder text = new StringBuilder("(s0) {\n  log\n}\n");
    for (int level = 1; level <= 8; level++) {
      text.append("(s").append(level).append(") {\n");
      for (int i = 0; i < 10; i++) {
        text.append("  import s").append(level - 1).append('\n');
      }
      text.append("}\n");
    }
    text.append(". {\n  import s8\n}\n");
    assertThat(failure(write("Corefile", text.toString())).detail())
        .isEqualTo("maximum snippet import depth (10000) exceeded");
  }

  @Test
  void missingMainFile() {
    CorefileException e = failure(root.resolve("nope"));
    assertThat(e.position()).isNull();
    assertThat(e.getMessage()).isEqualTo("open " + root.resolve("nope") + ": no such file or directory");
    assertThat(failure(root).getMessage()).isEqualTo("read " + root + ": is a directory");
  }

  @Test
  void textWithoutAFileImportsRelativeToTheGivenFolder() throws Exception {
    write("x.conf", "x.org {\n}\n");
    Corefile corefile = new CorefileParser(Map.of(), 53).parse("stdin", "import x.conf\n", root);
    assertThat(corefile.blocks()).hasSize(1);
    assertThat(corefile.sources()).containsExactly(root.resolve("x.conf"));
  }
}
