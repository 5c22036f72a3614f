package io.sumbin.summaries.derivative;

import io.sumbin.summaries.LabelSet;
import io.sumbin.summaries.weights.PolynomialBasis;
import io.sumbin.summaries.weights.PolynomialWeights;
import java.util.ArrayList;
import java.util.List;

/**
 * Exact per-event labels for derivative learning (arXiv:2410.07315, Sec. 2): with the joint weight
 * ratio r(x, z|θ) = w(θ)/w(θ_ref) of an event whose weight is polynomial in θ,
 *
 * <pre>
 *   R_a  = ∂r/∂θ_a |_{θ_ref} ,      R_ab = ∂²r/∂θ_a∂θ_b |_{θ_ref}   (a ≤ b),
 *   r(x, z|θ) = 1 + Σ_a R_a Δθ_a + ½ Σ_ab R_ab Δθ_a Δθ_b + O(Δθ³),   Δθ = θ − θ_ref,
 * </pre>
 *
 * exact for quadratic weights. Regressing R on x with the θ_ref weights and a squared loss yields the
 * conditional expectations R_a(x) = E[R_a | x], i.e. the derivatives of the (unnormalized) density
 * ratio dσ(x|θ)/dσ(x|θ_ref): at the SM these are the locally optimal observables.
 */
public final class DerivativeLabels {
  private DerivativeLabels() {}

  /** Label names {@code R_a} then {@code R_a_b} (a ≤ b) in the basis' parameter order. */
  public static List<String> names(List<String> parameters) {
    return names(parameters, true);
  }

  /** Label names; without the second derivatives when {@code quadratic} is false. */
  static List<String> names(List<String> parameters, boolean quadratic) {
    List<String> out = new ArrayList<>();
    for (String a : parameters) {
      out.add("R_" + a);
    }
    for (int a = 0; quadratic && a < parameters.size(); a++) {
      for (int b = a; b < parameters.size(); b++) {
        out.add("R_" + parameters.get(a) + "_" + parameters.get(b));
      }
    }
    return out;
  }

  /**
   * R_a and R_ab of every event (R_a only for a linear basis, whose second derivatives vanish).
   *
   * @param thetaRef the expansion point (the SM: zeros)
   * @throws IllegalArgumentException if an event has weight 0 at θ_ref (its ratio is undefined)
   */
  public static LabelSet of(PolynomialWeights w, double[] thetaRef) {
    PolynomialBasis basis = w.basis();
    int p = basis.nParameters();
    int k = basis.size();
    double[] f = basis.evaluate(thetaRef);
    double[][] g = new double[k][p];
    double[][][] h = new double[k][p][p];
    basis.gradient(thetaRef, g);
    basis.hessian(thetaRef, h);
    int n = w.size();
    boolean quadratic = basis.degree() >= 2;
    int nl = quadratic ? p + p * (p + 1) / 2 : p;
    double[][] out = new double[nl][n];
    for (int i = 0; i < n; i++) {
      double[] c = w.coefficients(i);
      double w0 = 0;
      for (int t = 0; t < k; t++) {
        w0 += f[t] * c[t];
      }
      if (w0 == 0 || !Double.isFinite(w0)) {
        throw new IllegalArgumentException("event " + i + " has weight " + w0 + " at the reference point: its ratio labels are undefined");
      }
      int col = 0;
      for (int a = 0; a < p; a++) {
        double s = 0;
        for (int t = 0; t < k; t++) {
          s += g[t][a] * c[t];
        }
        out[col++][i] = s / w0;
      }
      for (int a = 0; quadratic && a < p; a++) {
        for (int b = a; b < p; b++) {
          double s = 0;
          for (int t = 0; t < k; t++) {
            s += h[t][a][b] * c[t];
          }
          out[col++][i] = s / w0;
        }
      }
    }
    return new LabelSet(names(basis.parameters(), quadratic), out);
  }
}
