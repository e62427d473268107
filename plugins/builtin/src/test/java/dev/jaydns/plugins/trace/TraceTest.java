package dev.jaydns.plugins.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jaydns.plugins.testing.Snippets;
import org.junit.jupiter.api.Test;

class TraceTest {

  @Test
  void isRefusedWithTheJvmAlternative() {
    assertThat(Snippets.error(new TracePlugin(), ". {\n trace zipkin localhost:9411\n}\n"))
        .startsWith("plugin/trace: Corefile:2:2: trace sends Go tracing spans")
        .contains("Java Flight Recorder (jcmd <pid> JFR.start)");
  }
}
