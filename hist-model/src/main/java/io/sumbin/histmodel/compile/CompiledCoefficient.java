package io.sumbin.histmodel.compile;

import io.sumbin.histmodel.spec.Coefficient;
import io.sumbin.histmodel.util.RecordText;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToIntFunction;

/**
 * A coefficient function f(θ) of POI-dependent yields bound to parameter indices: a monomial
 * Π θ_p^{k_p} or one of the interference functions √μ, μ − √μ, 1 − √μ. Value, gradient and Hessian
 * with respect to its own parameters, without allocation.
 *
 * <p>The derivatives of √μ diverge at μ = 0; they are evaluated at max(μ, {@value #SQRT_DERIV_FLOOR}).
 *
 * @param kind 0 monomial, 1 √μ, 2 μ − √μ, 3 1 − √μ
 * @param par parameter indices (distinct)
 * @param pow powers per parameter (monomials; 1 for interference)
 */
public record CompiledCoefficient(int kind, int[] par, int[] pow) {
  @Override
  public String toString() {
    return RecordText.of(this);
  }

  /** Lower cut on μ when differentiating √μ. */
  public static final double SQRT_DERIV_FLOOR = 1e-12;

  /** Binds a coefficient to parameter indices. */
  public static CompiledCoefficient of(Coefficient c, ToIntFunction<String> index) {
    if (c instanceof Coefficient.Monomial m) {
      TreeMap<Integer, Integer> pw = new TreeMap<>();
      for (String p : m.factors()) {
        int i = index.applyAsInt(p);
        if (i < 0) {
          throw new IllegalArgumentException("coefficient parameter '" + p + "' is not a model parameter");
        }
        pw.merge(i, 1, Integer::sum);
      }
      int[] par = new int[pw.size()];
      int[] pow = new int[pw.size()];
      int k = 0;
      for (Map.Entry<Integer, Integer> e : pw.entrySet()) {
        par[k] = e.getKey();
        pow[k++] = e.getValue();
      }
      return new CompiledCoefficient(0, par, pow);
    }
    Coefficient.Interference in = (Coefficient.Interference) c;
    int i = index.applyAsInt(in.poi());
    if (i < 0) {
      throw new IllegalArgumentException("coefficient parameter '" + in.poi() + "' is not a model parameter");
    }
    return new CompiledCoefficient(1 + in.kind().ordinal(), new int[] {i}, new int[] {1});
  }

  /** Binds by position in a list of names. */
  public static CompiledCoefficient of(Coefficient c, List<String> names) {
    return of(c, names::indexOf);
  }

  /** f(x). */
  public double value(double[] x) {
    switch (kind) {
      case 0:
        double v = 1;
        for (int i = 0; i < par.length; i++) {
          v *= ipow(x[par[i]], pow[i]);
        }
        return v;
      case 1:
        return Math.sqrt(Math.max(x[par[0]], 0.0));
      case 2:
        return x[par[0]] - Math.sqrt(Math.max(x[par[0]], 0.0));
      default:
        return 1 - Math.sqrt(Math.max(x[par[0]], 0.0));
    }
  }

  /**
   * Derivatives w.r.t. the coefficient's own parameters: d1[i] = ∂f/∂x[par[i]] and, when d2 is not
   * null, d2[i·n + j] = ∂²f/∂x[par[i]]∂x[par[j]] (n = par.length). Both written.
   */
  public void derivatives(double[] x, double[] d1, double[] d2) {
    int n = par.length;
    if (kind == 0) {
      for (int i = 0; i < n; i++) {
        double d = 1;
        for (int j = 0; j < n; j++) {
          double xv = x[par[j]];
          d *= j == i ? pow[j] * ipow(xv, pow[j] - 1) : ipow(xv, pow[j]);
        }
        d1[i] = d;
      }
      if (d2 != null) {
        for (int i = 0; i < n; i++) {
          for (int l = 0; l < n; l++) {
            double d = 1;
            for (int j = 0; j < n; j++) {
              double xv = x[par[j]];
              int p = pow[j];
              if (j == i && j == l) {
                d *= p * (p - 1) * ipow(xv, p - 2);
              } else if (j == i || j == l) {
                d *= p * ipow(xv, p - 1);
              } else {
                d *= ipow(xv, p);
              }
            }
            d2[i * n + l] = d;
          }
        }
      }
      return;
    }
    double mu = Math.max(x[par[0]], SQRT_DERIV_FLOOR);
    double rs = Math.sqrt(mu);
    double s1 = 0.5 / rs;
    double s2 = -0.25 / (mu * rs);
    switch (kind) {
      case 1 -> {
        d1[0] = s1;
        if (d2 != null) {
          d2[0] = s2;
        }
      }
      case 2 -> {
        d1[0] = 1 - s1;
        if (d2 != null) {
          d2[0] = -s2;
        }
      }
      default -> {
        d1[0] = -s1;
        if (d2 != null) {
          d2[0] = -s2;
        }
      }
    }
  }

  static double ipow(double x, int p) {
    switch (p) {
      case 0:
        return 1;
      case 1:
        return x;
      case 2:
        return x * x;
      default:
        double v = 1;
        for (int i = 0; i < p; i++) {
          v *= x;
        }
        return v;
    }
  }
}
