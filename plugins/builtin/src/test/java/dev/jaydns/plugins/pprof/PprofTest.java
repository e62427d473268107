package dev.jaydns.plugins.pprof;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jaydns.plugins.testing.Snippets;
import org.junit.jupiter.api.Test;

class PprofTest {

  @Test
  void isRefusedWithTheJvmAlternative() {
    assertThat(Snippets.error(new PprofPlugin(), ". {\n whoami\n pprof localhost:6053\n}\n"))
        .isEqualTo(
            "plugin/pprof: Corefile:3:2: pprof is a Go profiler; Jay runs on the JVM: use Java"
                + " Flight Recorder (jcmd <pid> JFR.start) instead");
  }
}
