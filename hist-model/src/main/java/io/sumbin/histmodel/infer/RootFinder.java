package io.sumbin.histmodel.infer;

import java.util.function.DoubleUnaryOperator;

/** Brent's bracketed root finder (Brent 1973, ch. 4): inverse quadratic interpolation with bisection safeguard. */
public final class RootFinder {
  private RootFinder() {}

  /**
   * A root of f in [a, b] where f(a) and f(b) have opposite signs (or one is zero), to within
   * {@code absTol + relTol·|x|}.
   *
   * @throws IllegalArgumentException when the interval does not bracket a root
   */
  public static double brent(DoubleUnaryOperator f, double a, double b, double fa, double fb, double relTol, double absTol) {
    if (fa == 0) {
      return a;
    }
    if (fb == 0) {
      return b;
    }
    if (Math.signum(fa) == Math.signum(fb)) {
      throw new IllegalArgumentException("[" + a + ", " + b + "] does not bracket a root (f = " + fa + ", " + fb + ")");
    }
    double c = a;
    double fc = fa;
    double d = b - a;
    double e = d;
    for (int iter = 0; iter < 200; iter++) {
      if (Math.signum(fb) == Math.signum(fc)) {
        c = a;
        fc = fa;
        d = b - a;
        e = d;
      }
      if (Math.abs(fc) < Math.abs(fb)) {
        a = b;
        b = c;
        c = a;
        fa = fb;
        fb = fc;
        fc = fa;
      }
      double tol = 2 * Math.ulp(b) + 0.5 * (absTol + relTol * Math.abs(b));
      double m = 0.5 * (c - b);
      if (Math.abs(m) <= tol || fb == 0) {
        return b;
      }
      if (Math.abs(e) < tol || Math.abs(fa) <= Math.abs(fb)) {
        d = m;
        e = m;
      } else {
        double s = fb / fa;
        double p;
        double q;
        if (a == c) {
          p = 2 * m * s;
          q = 1 - s;
        } else {
          double qq = fa / fc;
          double r = fb / fc;
          p = s * (2 * m * qq * (qq - r) - (b - a) * (r - 1));
          q = (qq - 1) * (r - 1) * (s - 1);
        }
        if (p > 0) {
          q = -q;
        } else {
          p = -p;
        }
        if (2 * p < Math.min(3 * m * q - Math.abs(tol * q), Math.abs(e * q))) {
          e = d;
          d = p / q;
        } else {
          d = m;
          e = m;
        }
      }
      a = b;
      fa = fb;
      b += Math.abs(d) > tol ? d : (m > 0 ? tol : -tol);
      fb = f.applyAsDouble(b);
    }
    return b;
  }
}
