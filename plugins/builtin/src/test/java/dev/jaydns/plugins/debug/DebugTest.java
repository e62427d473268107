package dev.jaydns.plugins.debug;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jaydns.plugin.BlockSettings;
import dev.jaydns.plugins.testing.Snippets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DebugTest {

  @Test
  void turnsDebugOnAndAddsNoHandler() throws Exception {
    BlockSettings s = new BlockSettings();
    assertThat(s.debug()).isFalse();
    var instance = new DebugPlugin().setup(Snippets.config("debug", ". {\n debug\n}\n", s, Path.of(".")));
    assertThat(s.debug()).isTrue();
    assertThat(instance.handler()).isNull();
  }

  @Test
  void takesNoArguments() {
    assertThat(Snippets.error(new DebugPlugin(), ". {\n debug on\n}\n"))
        .isEqualTo("plugin/debug: Corefile:2:8: unexpected argument 'on' for 'debug'");
  }
}
