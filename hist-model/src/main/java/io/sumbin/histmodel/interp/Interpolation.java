package io.sumbin.histmodel.interp;

/**
 * Values and derivatives of the HistFactory interpolation functions, exactly as pyhf evaluates
 * them (same branch conventions at α = 0 and α = ±1).
 *
 * <p>All methods write {value, d/dα, d²/dα²} into {@code out[0..2]} (written) and allocate nothing.
 */
public final class Interpolation {
  private Interpolation() {}

  /**
   * Multiplicative interpolation of a factor with f(+1) = {@code hi}, f(−1) = {@code lo}.
   *
   * @param code {@link InterpCode#CODE1} or {@link InterpCode#CODE4}
   * @param c4 the six code-4 polynomial coefficients from {@link #code4Coefficients} (read; ignored for code 1)
   * @param out {value, first, second derivative} (written)
   */
  public static void factor(InterpCode code, double hi, double lo, double[] c4, double alpha, double[] out) {
    factor(code, hi, lo, c4, 0, alpha, out);
  }

  /** As {@link #factor(InterpCode, double, double, double[], double, double[])} with coefficients at c4[off..off+6). */
  public static void factor(InterpCode code, double hi, double lo, double[] c4, int off, double alpha, double[] out) {
    if (code == InterpCode.CODE1) {
      if (alpha > 0) {
        expo(hi, alpha, out);
      } else {
        expo(lo, -alpha, out);
        out[1] = -out[1];
      }
      return;
    }
    if (code != InterpCode.CODE4) {
      throw new IllegalArgumentException(code + " is not a multiplicative interpolation code");
    }
    if (alpha >= 1.0) {
      expo(hi, alpha, out);
    } else if (alpha > -1.0) {
      // 1 + Σ_{i=1..6} a_i α^i  (Horner)
      double a = alpha;
      double v = c4[off + 5];
      double d = 6 * c4[off + 5];
      double dd = 30 * c4[off + 5];
      v = v * a + c4[off + 4];
      d = d * a + 5 * c4[off + 4];
      dd = dd * a + 20 * c4[off + 4];
      v = v * a + c4[off + 3];
      d = d * a + 4 * c4[off + 3];
      dd = dd * a + 12 * c4[off + 3];
      v = v * a + c4[off + 2];
      d = d * a + 3 * c4[off + 2];
      dd = dd * a + 6 * c4[off + 2];
      v = v * a + c4[off + 1];
      d = d * a + 2 * c4[off + 1];
      dd = dd * a + 2 * c4[off + 1];
      v = v * a + c4[off + 0];
      d = d * a + c4[off + 0];
      out[0] = 1.0 + v * a;
      out[1] = d;
      out[2] = dd;
    } else {
      expo(lo, -alpha, out);
      out[1] = -out[1];
    }
  }

  /** base^e with derivatives w.r.t. e. */
  private static void expo(double base, double e, double[] out) {
    double v = Math.pow(base, e);
    double l = Math.log(base);
    out[0] = v;
    out[1] = v * l;
    out[2] = v * l * l;
  }

  /**
   * The code-4 polynomial coefficients a_1..a_6 for α0 = 1 (pyhf's {@code code4}, solving value,
   * slope and curvature continuity at α = ±1).
   */
  public static double[] code4Coefficients(double hi, double lo) {
    double lhi = Math.log(hi);
    double llo = Math.log(lo);
    double[] b = {hi - 1.0, lo - 1.0, lhi * hi, -llo * lo, lhi * lhi * hi, llo * llo * lo};
    double[][] ainv = {
      {15.0 / 16, -15.0 / 16, -7.0 / 16, -7.0 / 16, 1.0 / 16, -1.0 / 16},
      {3.0 / 2, 3.0 / 2, -9.0 / 16, 9.0 / 16, 1.0 / 16, 1.0 / 16},
      {-5.0 / 8, 5.0 / 8, 5.0 / 8, 5.0 / 8, -1.0 / 8, 1.0 / 8},
      {-3.0 / 2, -3.0 / 2, 7.0 / 8, -7.0 / 8, -1.0 / 8, -1.0 / 8},
      {3.0 / 16, -3.0 / 16, -3.0 / 16, -3.0 / 16, 1.0 / 16, -1.0 / 16},
      {1.0 / 2, 1.0 / 2, -5.0 / 16, 5.0 / 16, 1.0 / 16, 1.0 / 16}
    };
    double[] a = new double[6];
    for (int i = 0; i < 6; i++) {
      double s = 0;
      for (int j = 0; j < 6; j++) {
        s += ainv[i][j] * b[j];
      }
      a[i] = s;
    }
    return a;
  }

  /**
   * Additive interpolation of a shift with δ(+1) = {@code up} = hi − nom and δ(−1) = −{@code dn},
   * {@code dn} = nom − lo (pyhf's deltas_up / deltas_dn).
   *
   * @param code {@link InterpCode#CODE0}, {@link InterpCode#CODE2} or {@link InterpCode#CODE4P}
   * @param out {value, first, second derivative} (written)
   */
  public static void shift(InterpCode code, double up, double dn, double alpha, double[] out) {
    switch (code) {
      case CODE0 -> {
        double s = alpha > 0 ? up : dn;
        out[0] = alpha * s;
        out[1] = s;
        out[2] = 0;
      }
      case CODE4P -> {
        if (alpha > 1) {
          out[0] = alpha * up;
          out[1] = up;
          out[2] = 0;
        } else if (alpha < -1) {
          out[0] = alpha * dn;
          out[1] = dn;
          out[2] = 0;
        } else {
          double s = 0.5 * (up + dn);
          double a = 0.0625 * (up - dn);
          double a2 = alpha * alpha;
          out[0] = alpha * (s + alpha * a * (15 + a2 * (-10 + a2 * 3)));
          out[1] = s + a * alpha * (30 + a2 * (-40 + a2 * 18));
          out[2] = a * (30 + a2 * (-120 + a2 * 90));
        }
      }
      case CODE2 -> {
        // a = (hi+lo)/2 - nom = (up - dn)/2, b = (hi-lo)/2 = (up + dn)/2.
        // Outside |α| ≤ 1 the quadratic is continued linearly from its value and slope at ±1.
        // (pyhf 0.7's code2 drops the value at ±1 and is discontinuous there; sumbin does not.)
        double a = 0.5 * (up - dn);
        double b = 0.5 * (up + dn);
        if (alpha > 1) {
          out[0] = up + (b + 2 * a) * (alpha - 1);
          out[1] = b + 2 * a;
          out[2] = 0;
        } else if (alpha >= -1) {
          out[0] = a * alpha * alpha + b * alpha;
          out[1] = 2 * a * alpha + b;
          out[2] = 2 * a;
        } else {
          out[0] = -dn + (b - 2 * a) * (alpha + 1);
          out[1] = b - 2 * a;
          out[2] = 0;
        }
      }
      default -> throw new IllegalArgumentException(code + " is not an additive interpolation code");
    }
  }
}
