package dev.jaydns.plugins.whoami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jaydns.plugin.ConfigException;
import dev.jaydns.plugin.PluginInstance;
import dev.jaydns.plugins.testing.TestCorefile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WhoamiPluginTest {

  @ParameterizedTest
  @ValueSource(strings = {". {\n  whoami\n}", ". {\n  whoami\n  whoami\n}"})
  void acceptsNoArguments(String corefile) throws ConfigException {
    PluginInstance p = new WhoamiPlugin().setup(TestCorefile.config("whoami", corefile));
    assertThat(p.handler()).isInstanceOf(WhoamiHandler.class);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        ". {\\n  whoami example.org\\n}|plugin/whoami: Corefile:2:10: unexpected argument 'example.org' for 'whoami'",
        ". {\\n  whoami\\n  whoami x\\n}|plugin/whoami: Corefile:3:10: unexpected argument 'x' for 'whoami'",
        ". {\\n  whoami {\\n    x\\n  }\\n}|plugin/whoami: Corefile:3:5: 'whoami' takes no block",
      })
  void rejects(String corefile, String message) {
    assertThatThrownBy(
            () ->
                new WhoamiPlugin()
                    .setup(TestCorefile.config("whoami", corefile.replace("\\n", "\n"))))
        .isInstanceOf(ConfigException.class)
        .hasMessage(message);
  }
}
