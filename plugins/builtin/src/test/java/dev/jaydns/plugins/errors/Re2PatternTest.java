package dev.jaydns.plugins.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Re2PatternTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '~',
      value = {
        "^read udp .* i/o timeout$~read udp 10.0.0.2:40512->10.96.0.10:53: i/o timeout~true",
        ".* i/o timeout$~x i/o timeout\\n~false",
        "(?m)timeout$~x timeout\\nmore~true",
        "timeout~a timeout b~true",
        "(?P<op>read|write) udp~write udp x~true",
        "(?<op_1>read) udp~read udp x~true",
        "[[:digit:]]+ms~took 12ms~true",
        "[[:^digit:]]x~ax~true",
        "[a&&b]~&~true",
        "[[]~[~true",
        "[]a]~]~true",
        "a{~a{~true",
        "a{2}~aa~true",
        "\\x41~A~true",
        "\\0101~A~false",
        "(?i)TIMEOUT~timeout~true",
        "(?:a|b)c~bc~true",
        "a.b~a\\rb~true",
        "\\Q.*\\E~.*~true",
      })
  void matchesAsGo(String re, String text, boolean expected) {
    assertThat(Re2Pattern.compile(re).matcher(text.replace("\\n", "\n").replace("\\r", "\r")).find())
        .isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "(a)\\1|error parsing regexp: invalid escape sequence: `\\1`",
        "(?<n>a)\\k<n>|error parsing regexp: invalid escape sequence: `\\k`",
        "a(?=b)|error parsing regexp: invalid or unsupported Perl syntax: `(?=`",
        "a(?!b)|error parsing regexp: invalid or unsupported Perl syntax: `(?!`",
        "(?>a)|error parsing regexp: invalid or unsupported Perl syntax: `(?>`",
        "a*+|error parsing regexp: invalid nested repetition operator: `*+`",
        "a{2}+|error parsing regexp: invalid nested repetition operator: `}+`",
        "a**|error parsing regexp: invalid nested repetition operator: `**`",
        "a{1001}|error parsing regexp: invalid repeat count: `{1001}`",
        "a{3,2}|error parsing regexp: invalid repeat count: `{3,2}`",
        "\\Z|error parsing regexp: invalid escape sequence: `\\Z`",
        "\\G|error parsing regexp: invalid escape sequence: `\\G`",
        "[a|error parsing regexp: missing closing ]: `[a`",
        "(?x)a b|error parsing regexp: invalid or unsupported Perl syntax: `(?x`",
        "(?U)a+|error parsing regexp: unsupported flag U (ungreedy) in Jay: `(?U)`",
      })
  void rejectsWhatRe2Rejects(String re, String message) {
    assertThatThrownBy(() -> Re2Pattern.compile(re))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }
}
