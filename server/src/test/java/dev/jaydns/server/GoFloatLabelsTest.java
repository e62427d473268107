package dev.jaydns.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Bucket bounds printed as Go's client prints them. */
class GoFloatLabelsTest {

  @Test
  void formatsAsGoShortestG() {
    assertThat(GoFloatLabels.goFloat("2.5E-4")).isEqualTo("0.00025");
    assertThat(GoFloatLabels.goFloat("5.0E-4")).isEqualTo("0.0005");
    assertThat(GoFloatLabels.goFloat("0.0")).isEqualTo("0");
    assertThat(GoFloatLabels.goFloat("100.0")).isEqualTo("100");
    assertThat(GoFloatLabels.goFloat("8.192")).isEqualTo("8.192");
    assertThat(GoFloatLabels.goFloat("64000.0")).isEqualTo("64000");
    assertThat(GoFloatLabels.goFloat("1000000.0")).isEqualTo("1e+06");
    assertThat(GoFloatLabels.goFloat("1.5E-5")).isEqualTo("1.5e-05");
    assertThat(GoFloatLabels.goFloat("+Inf")).isEqualTo("+Inf");
    assertThat(GoFloatLabels.goFloat("0.99")).isEqualTo("0.99");
  }

  @Test
  void rewritesOnlyLeAndQuantileLabels() {
    String in =
        "# HELP x_bucket a help with le=\"1.0\" in it\n"
            + "x_bucket{handle=\"1.0\",le=\"2.5E-4\"} 1.0\n"
            + "y{quantile=\"0.5\",le=\"100.0\"} 2.0\n";
    assertThat(GoFloatLabels.rewrite(in))
        .isEqualTo(
            "# HELP x_bucket a help with le=\"1.0\" in it\n"
                + "x_bucket{handle=\"1.0\",le=\"0.00025\"} 1.0\n"
                + "y{quantile=\"0.5\",le=\"100\"} 2.0\n");
  }
}
