package dev.jaydns.plugins.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jaydns.plugin.ConfigException;
import dev.jaydns.plugins.testing.LogCapture;
import dev.jaydns.plugins.testing.TestCorefile;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class LogPluginTest {

  private static final Set<ResponseClass> ALL = Set.of(ResponseClass.ALL);

  private static LogConfig parse(String body) throws ConfigException {
    return LogPlugin.parse(TestCorefile.config("log", ". {\n" + body + "\n}"));
  }

  private static LogRule rule(String name, String format, Set<ResponseClass> classes) {
    return new LogRule(name, LogFormat.parse(format), classes);
  }

  static Stream<Arguments> valid() {
    String common = LogFormat.COMMON;
    return Stream.of(
        Arguments.of("log", List.of(rule(".", common, ALL))),
        Arguments.of("log example.org", List.of(rule("example.org.", common, ALL))),
        // Exactly one argument is always a NAME, even when it looks like a format.
        Arguments.of("log {combined}", List.of(rule("{combined}.", common, ALL))),
        Arguments.of("log a.org B.ORG.", List.of(rule("a.org.", common, ALL), rule("b.org.", common, ALL))),
        Arguments.of("log . {combined}", List.of(rule(".", LogFormat.COMBINED, ALL))),
        Arguments.of("log . {common}", List.of(rule(".", common, ALL))),
        Arguments.of(
            "log a. b. \"{name} took {duration}\"",
            List.of(rule("a.", "{name} took {duration}", ALL), rule("b.", "{name} took {duration}", ALL))),
        Arguments.of(
            "log . \"[{common}]\"", List.of(rule(".", "[" + common + "]", ALL))),
        Arguments.of(
            "log . {\n  class denial error\n}",
            List.of(rule(".", common, Set.of(ResponseClass.DENIAL, ResponseClass.ERROR)))),
        Arguments.of(
            "log . {\n  class denial\n  class success\n}",
            List.of(rule(".", common, Set.of(ResponseClass.DENIAL, ResponseClass.SUCCESS)))),
        Arguments.of(
            "log a. {\n  class error\n}\nlog b.",
            List.of(rule("a.", common, Set.of(ResponseClass.ERROR)), rule("b.", common, ALL))));
  }

  @ParameterizedTest
  @MethodSource("valid")
  void accepts(String body, List<LogRule> rules) throws ConfigException {
    assertThat(parse(body).rules()).containsExactlyElementsOf(rules);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '~',
      value = {
        "log . {\\n  class\\n}~Corefile:3:3: class needs at least one of all, success, denial, error",
        "log . {\\n  class success failure\\n}~Corefile:3:17: invalid Class: failure",
        "log . {\\n  class Success\\n}~Corefile:3:9: invalid Class: Success",
        "log . {\\n  classes all\\n}~Corefile:3:3: unknown property 'classes'; did you mean 'class'? (known: class)",
        "log\\nlog . {\\n  format x\\n}~Corefile:4:3: unknown property 'format' (known: class)",
      })
  void rejects(String body, String message) {
    assertThatThrownBy(() -> parse(body.replace("\\n", "\n")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("plugin/log: " + message);
  }

  @Test
  void warnsAboutTheOneArgumentTrap() throws ConfigException {
    try (LogCapture warnings = LogCapture.of("plugin/log")) {
      parse("log {combined}");
      assertThat(warnings.lines()).hasSize(1);
      assertThat(warnings.lines().get(0))
          .startsWith("[WARNING] ")
          .contains("'log . {combined}'");
    }
  }

  @Test
  void isRepeatable() {
    assertThat(new LogPlugin().repeatable()).isTrue();
  }
}
