package io.sumbin.histmodel.infer.diagnostics;

import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.compile.Paramset;
import io.sumbin.histmodel.likelihood.GaussianConstraint;
import io.sumbin.histmodel.likelihood.LikelihoodModel;
import io.sumbin.histmodel.likelihood.PoissonConstraint;
import java.util.Arrays;

/**
 * The pre-fit knowledge of every parameter, read from its constraint term and the auxiliary data:
 *
 * <ul>
 *   <li>Gaussian N(a | θ, σ) ({@code normsys}, {@code histosys}, {@code lumi}, {@code staterror}):
 *       centre θ₀ = a, width σ (for {@code staterror}: σ_b = √Σδ²/Σν of the bin);
 *   <li>Poisson Pois(a | γτ) ({@code shapesys}): centre γ₀ = a/τ, width 1/√τ (the relative
 *       uncertainty δ/ν of the bin; the standard deviation of γ = a/τ for a ~ Pois(τ));
 *   <li>no constraint ({@code normfactor}, {@code shapefactor}, POIs): centre and width NaN.
 * </ul>
 *
 * @param nominal θ₀ per parameter (NaN for unconstrained ones)
 * @param sigma pre-fit width per parameter (NaN for unconstrained ones)
 * @param kind modifier type that created each parameter ({@code "normsys"}, ...; {@code "parameter"}
 *     when the model does not say)
 */
public record Priors(double[] nominal, double[] sigma, String[] kind) {
  public Priors {
    nominal = nominal.clone();
    sigma = sigma.clone();
    kind = kind.clone();
  }

  /**
   * The priors of {@code model} with the auxiliary data of {@code data}.
   *
   * @param data main + auxiliary data (read)
   */
  public static Priors of(LikelihoodModel model, double[] data) {
    int n = model.nPars();
    double[] nom = new double[n];
    double[] sig = new double[n];
    Arrays.fill(nom, Double.NaN);
    Arrays.fill(sig, Double.NaN);
    int nMain = model.nMain();
    for (GaussianConstraint g : model.gaussianConstraints()) {
      nom[g.parameter()] = data[nMain + g.aux()];
      sig[g.parameter()] = g.sigma();
    }
    for (PoissonConstraint p : model.poissonConstraints()) {
      nom[p.parameter()] = data[nMain + p.aux()] / p.tau();
      sig[p.parameter()] = 1.0 / Math.sqrt(p.tau());
    }
    String[] kind = new String[n];
    Arrays.fill(kind, "parameter");
    if (model instanceof CompiledModel cm) {
      for (Paramset ps : cm.paramsets()) {
        for (int i = 0; i < ps.n(); i++) {
          kind[ps.offset() + i] = ps.kind();
        }
      }
    }
    return new Priors(nom, sig, kind);
  }

  /** Whether parameter i has a constraint term. */
  public boolean constrained(int i) {
    return !Double.isNaN(sigma[i]);
  }

  /**
   * The diagonal pre-fit covariance: σ_i² for constrained parameters that are free in the fit, 0 for
   * the others (row-major n × n).
   *
   * @param fixed parameters held fixed (read)
   */
  public double[] covariance(boolean[] fixed) {
    int n = sigma.length;
    double[] c = new double[n * n];
    for (int i = 0; i < n; i++) {
      if (constrained(i) && !fixed[i]) {
        c[i * n + i] = sigma[i] * sigma[i];
      }
    }
    return c;
  }

  @Override
  public String toString() {
    return "Priors" + Arrays.toString(kind);
  }
}
