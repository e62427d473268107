package dev.jaydns.plugins.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jaydns.plugin.BlockSettings;
import dev.jaydns.plugin.ConfigException;
import dev.jaydns.plugins.testing.TestCorefile;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorsPluginTest {

  private static ErrorsConfig parse(String body) throws ConfigException {
    return ErrorsPlugin.parse(TestCorefile.config("errors", ". {\n" + body + "\n}"));
  }

  @Test
  void plain() throws ConfigException {
    assertThat(parse("errors")).isEqualTo(new ErrorsConfig(false, java.util.List.of()));
    assertThat(parse("errors stdout").consolidate()).isEmpty();
  }

  @Test
  void everyOption() throws ConfigException {
    ErrorsConfig c =
        parse(
            "errors stdout {\n  stacktrace\n  consolidate 5m \".* i/o timeout$\" warning\n"
                + "  consolidate 30s \"^Failed to .+\"\n  consolidate 1h x info show_first\n"
                + "  consolidate 0 y show_first\n  consolidate 1s z debug\n}");
    assertThat(c.stacktrace()).isTrue();
    assertThat(c.consolidate()).hasSize(5);
    Consolidate first = c.consolidate().get(0);
    assertThat(first.duration()).isEqualTo(Duration.ofMinutes(5));
    assertThat(first.regexp()).isEqualTo(".* i/o timeout$");
    assertThat(first.level()).isEqualTo(Consolidate.Level.WARNING);
    assertThat(first.showFirst()).isFalse();
    assertThat(c.consolidate().get(1).level()).isEqualTo(Consolidate.Level.ERROR);
    assertThat(c.consolidate().get(2).level()).isEqualTo(Consolidate.Level.INFO);
    assertThat(c.consolidate().get(2).showFirst()).isTrue();
    assertThat(c.consolidate().get(3).level()).isEqualTo(Consolidate.Level.ERROR);
    assertThat(c.consolidate().get(3).showFirst()).isTrue();
    assertThat(c.consolidate().get(4).level()).isEqualTo(Consolidate.Level.DEBUG);
  }

  @Test
  void stacktraceReachesTheBlockSettings() throws ConfigException {
    BlockSettings settings = new BlockSettings();
    new ErrorsPlugin()
        .setup(TestCorefile.config("errors", ". {\nerrors {\n  stacktrace\n}\n}", settings));
    assertThat(settings.stacktrace()).isTrue();
    BlockSettings plain = new BlockSettings();
    new ErrorsPlugin().setup(TestCorefile.config("errors", ". {\nerrors\n}", plain));
    assertThat(plain.stacktrace()).isFalse();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '~',
      value = {
        "errors stderr~Corefile:2:8: invalid log file: stderr",
        "errors stdout more~Corefile:2:15: unexpected argument 'more' for 'errors'",
        "errors {\\n  consolidate\\n}~Corefile:3:3: missing DURATION after 'consolidate'",
        "errors {\\n  consolidate 1m\\n}~Corefile:3:17: missing REGEXP after '1m'",
        "errors {\\n  consolidate 30 x\\n}~Corefile:3:15: consolidate DURATION: time: missing unit in duration \"30\"",
        "errors {\\n  consolidate -1s x\\n}~Corefile:3:15: consolidate DURATION must not be negative: -1s",
        "errors {\\n  consolidate 1m x fatal\\n}~Corefile:3:20: unknown log level argument in consolidate: fatal",
        "errors {\\n  consolidate 1m x error extra\\n}~Corefile:3:26: unexpected argument 'extra' for 'consolidate'",
        "errors {\\n  consolidate 1m x show_first extra\\n}~Corefile:3:31: unexpected argument 'extra' for 'consolidate'",
        "errors {\\n  consolidate 1m (a)\\\\1\\n}~Corefile:3:18: error parsing regexp: invalid escape sequence: `\\1`",
        "errors {\\n  stacktrace now\\n}~Corefile:3:14: unexpected argument 'now' for 'stacktrace'",
        "errors {\\n  stacktrac\\n}~Corefile:3:3: unknown property 'stacktrac'; did you mean 'stacktrace'? (known: stacktrace, consolidate)",
      })
  void rejects(String body, String message) {
    assertThatThrownBy(() -> parse(body.replace("\\n", "\n").replace("\\\\", "\\")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("plugin/errors: " + message);
  }

  @Test
  void isOncePerBlock() {
    assertThat(new ErrorsPlugin().repeatable()).isFalse();
  }
}
