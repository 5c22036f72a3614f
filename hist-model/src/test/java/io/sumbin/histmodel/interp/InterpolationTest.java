package io.sumbin.histmodel.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    assertEquals(HI, factor(c, 1.0)[0], EXACT);
    assertEquals(LO, factor(c, -1.0)[0], EXACT);
    assertEquals(1.0, factor(c, 0.0)[0], EXACT);
    // beyond ±1 both are exponential: hi^α, lo^(−α)
    assertEquals(Math.pow(HI, 2.5), factor(c, 2.5)[0], EXACT);
    assertEquals(Math.pow(LO, 2.5), factor(c, -2.5)[0], EXACT);
  }

  @ParameterizedTest
  @EnumSource(value = InterpCode.class, names = {"CODE0", "CODE2", "CODE4P"})
  void shiftsHitTheVariationsAtPlusMinusOne(InterpCode c) {
    assertEquals(7.0, shift(c, 1.0)[0], EXACT);
    assertEquals(-3.0, shift(c, -1.0)[0], EXACT);
    assertEquals(0.0, shift(c, 0.0)[0], EXACT);
  }

  @ParameterizedTest
  @EnumSource(InterpCode.class)
  void derivativesMatchFiniteDifferences(InterpCode c) {
    for (double a : ALPHAS) {
      double[] v = c.multiplicative() ? factor(c, a) : shift(c, a);
      double[] p = c.multiplicative() ? factor(c, a + FD_STEP) : shift(c, a + FD_STEP);
      double[] m = c.multiplicative() ? factor(c, a - FD_STEP) : shift(c, a - FD_STEP);
      assertEquals((p[0] - m[0]) / (2 * FD_STEP), v[1], FD_TOL * (1 + Math.abs(v[1])), c + " first derivative at " + a);
      assertEquals((p[1] - m[1]) / (2 * FD_STEP), v[2], 1e-5 * (1 + Math.abs(v[2])), c + " second derivative at " + a);
    }
  }

  @Test
  void code4IsTwiceContinuouslyDifferentiableAtPlusMinusOne() {
    for (double edge : new double[] {-1, 1}) {
      double[] in = factor(InterpCode.CODE4, edge * (1 - 1e-12));
      double[] out = factor(InterpCode.CODE4, edge * (1 + 1e-12));
      for (int k = 0; k < 3; k++) {
        assertEquals(out[k], in[k], 1e-9, "order " + k + " at " + edge);
      }
    }
  }

  @Test
  void code4pIsContinuousWithSlopeAtPlusMinusOne() {
    for (double edge : new double[] {-1, 1}) {
      double[] in = shift(InterpCode.CODE4P, edge * (1 - 1e-12));
      double[] out = shift(InterpCode.CODE4P, edge * (1 + 1e-12));
      assertEquals(out[0], in[0], 1e-9);
      assertEquals(out[1], in[1], 1e-9);
    }
  }

  @Test
  void code0IsPiecewiseLinear() {
    assertEquals(0.5 * 7, shift(InterpCode.CODE0, 0.5)[0], EXACT);
    assertEquals(-0.5 * 3, shift(InterpCode.CODE0, -0.5)[0], EXACT);
  }

  @Test
  void parsesPyhfNames() {
    assertEquals(InterpCode.CODE4P, InterpCode.parse("code4p"));
    assertEquals(InterpCode.CODE1, InterpCode.parse("1"));
  }
}
