package io.sumbin.histmodel.interp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class InterpolationTest {
  static final double EXACT = 1e-12;
  static final double FD_STEP = 1e-6;
  static final double FD_TOL = 1e-7;
  static final double HI = 1.13;
  static final double LO = 0.91;
  static final double[] ALPHAS = {-3.1, -1.7, -1.0 - 1e-3, -0.63, -0.2, 1e-4, 0.37, 0.81, 1.0 + 1e-3, 2.4, 4.9};

  private static double[] factor(InterpCode c, double a) {
    double[] out = new double[3];
    Interpolation.factor(c, HI, LO, Interpolation.code4Coefficients(HI, LO), a, out);
    return out;
  }

  private static double[] shift(InterpCode c, double a) {
    double[] out = new double[3];
    Interpolation.shift(c, 7.0, 3.0, a, out); // hi - nom = 7, nom - lo = 3
    return out;
  }

  @ParameterizedTest
  @EnumSource(value = InterpCode.class, names = {"CODE1", "CODE4"})
  void factorsHitTheVariationsAtPlusMinusOne(InterpCode c) {
    assertThat(factor(c, 1.0)[0]).as("factor(c, 1.0)[0]").isCloseTo(HI, within(EXACT));
    assertThat(factor(c, -1.0)[0]).as("factor(c, -1.0)[0]").isCloseTo(LO, within(EXACT));
    assertThat(factor(c, 0.0)[0]).as("factor(c, 0.0)[0]").isCloseTo(1.0, within(EXACT));
    // beyond ±1 both are exponential: hi^α, lo^(−α)
    assertThat(factor(c, 2.5)[0]).as("factor(c, 2.5)[0]").isCloseTo(Math.pow(HI, 2.5), within(EXACT));
    assertThat(factor(c, -2.5)[0]).as("factor(c, -2.5)[0]").isCloseTo(Math.pow(LO, 2.5), within(EXACT));
  }

  @ParameterizedTest
  @EnumSource(value = InterpCode.class, names = {"CODE0", "CODE2", "CODE4P"})
  void shiftsHitTheVariationsAtPlusMinusOne(InterpCode c) {
    assertThat(shift(c, 1.0)[0]).as("shift(c, 1.0)[0]").isCloseTo(7.0, within(EXACT));
    assertThat(shift(c, -1.0)[0]).as("shift(c, -1.0)[0]").isCloseTo(-3.0, within(EXACT));
    assertThat(shift(c, 0.0)[0]).as("shift(c, 0.0)[0]").isCloseTo(0.0, within(EXACT));
  }

  @ParameterizedTest
  @EnumSource(InterpCode.class)
  void derivativesMatchFiniteDifferences(InterpCode c) {
    for (double a : ALPHAS) {
      double[] v = c.multiplicative() ? factor(c, a) : shift(c, a);
      double[] p = c.multiplicative() ? factor(c, a + FD_STEP) : shift(c, a + FD_STEP);
      double[] m = c.multiplicative() ? factor(c, a - FD_STEP) : shift(c, a - FD_STEP);
      assertThat(v[1])
          .as(c + " first derivative at " + a)
          .isCloseTo((p[0] - m[0]) / (2 * FD_STEP), within(FD_TOL * (1 + Math.abs(v[1]))));
      assertThat(v[2])
          .as(c + " second derivative at " + a)
          .isCloseTo((p[1] - m[1]) / (2 * FD_STEP), within(1e-5 * (1 + Math.abs(v[2]))));
    }
  }

  @Test
  void code4IsTwiceContinuouslyDifferentiableAtPlusMinusOne() {
    for (double edge : new double[] {-1, 1}) {
      double[] in = factor(InterpCode.CODE4, edge * (1 - 1e-12));
      double[] out = factor(InterpCode.CODE4, edge * (1 + 1e-12));
      for (int k = 0; k < 3; k++) {
        assertThat(in[k]).as("order " + k + " at " + edge).isCloseTo(out[k], within(1e-9));
      }
    }
  }

  @Test
  void code4pIsContinuousWithSlopeAtPlusMinusOne() {
    for (double edge : new double[] {-1, 1}) {
      double[] in = shift(InterpCode.CODE4P, edge * (1 - 1e-12));
      double[] out = shift(InterpCode.CODE4P, edge * (1 + 1e-12));
      assertThat(in[0]).as("in[0]").isCloseTo(out[0], within(1e-9));
      assertThat(in[1]).as("in[1]").isCloseTo(out[1], within(1e-9));
    }
  }

  @Test
  void code0IsPiecewiseLinear() {
    assertThat(shift(InterpCode.CODE0, 0.5)[0]).as("shift(InterpCode.CODE0, 0.5)[0]").isCloseTo(0.5 * 7, within(EXACT));
    assertThat(shift(InterpCode.CODE0, -0.5)[0])
        .as("shift(InterpCode.CODE0, -0.5)[0]")
        .isCloseTo(-0.5 * 3, within(EXACT));
  }

  @Test
  void parsesPyhfNames() {
    assertThat(InterpCode.parse("code4p")).as("InterpCode.parse(\"code4p\")").isEqualTo(InterpCode.CODE4P);
    assertThat(InterpCode.parse("1")).as("InterpCode.parse(\"1\")").isEqualTo(InterpCode.CODE1);
  }
}
