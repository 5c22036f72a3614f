package io.sumbin.histmodel.infer.toys;

import io.sumbin.histmodel.likelihood.LikelihoodModel;

/**
 * Pseudo-data from pyhf's probability model at given parameters θ (pyhf's
 * {@code model.make_pdf(θ).sample()}): main bins n_b ~ Pois(ν_b(θ)); the auxiliary datum of each
 * Gaussian constraint a ~ N(θ_p, σ), of each Poisson constraint a ~ Pois(γ_p τ). Constraint terms
 * are fluctuated also for parameters held fixed in a fit (as pyhf does).
 *
 * <p>One instance per thread. {@link #setParameters} evaluates the expected data once; each
 * {@link #generate} then only draws random numbers (no allocation).
 */
public final class ToyGenerator {
  private final LikelihoodModel model;
  private final double[] expected;
  private final int nMain;
  private final int[] gAux;
  private final double[] gSigma;
  private final int[] pAux;
  private boolean ready;

  public ToyGenerator(LikelihoodModel model) {
    this.model = model;
    this.nMain = model.nMain();
    this.expected = new double[model.nMain() + model.nAux()];
    var g = model.gaussianConstraints();
    var p = model.poissonConstraints();
    gAux = new int[g.size()];
    gSigma = new double[g.size()];
    for (int i = 0; i < gAux.length; i++) {
      gAux[i] = g.get(i).aux();
      gSigma[i] = g.get(i).sigma();
    }
    pAux = new int[p.size()];
    for (int i = 0; i < pAux.length; i++) {
      pAux[i] = p.get(i).aux();
    }
  }

  public LikelihoodModel model() {
    return model;
  }

  /**
   * Sets the generating parameters (read).
   *
   * @throws IllegalArgumentException when an expected main count or Poisson-constraint mean is
   *     negative or not finite (no Poisson distribution exists there)
   */
  public void setParameters(double[] pars) {
    if (pars.length != model.nPars()) {
      throw new IllegalArgumentException("generating parameters have " + pars.length + " entries, model has " + model.nPars());
    }
    ready = false;
    model.expectedData(pars, expected);
    for (int b = 0; b < nMain; b++) {
      if (!(expected[b] >= 0) || Double.isInfinite(expected[b])) {
        throw new IllegalArgumentException("expected count of main bin " + b + " is " + expected[b]
            + " at the generating parameters; pseudo-data need a non-negative finite mean");
      }
    }
    for (int a : pAux) {
      double m = expected[nMain + a];
      if (!(m >= 0) || Double.isInfinite(m)) {
        throw new IllegalArgumentException("Poisson constraint mean of auxiliary datum " + a + " is " + m
            + " at the generating parameters");
      }
    }
    ready = true;
  }

  /** Expected main + auxiliary data at the generating parameters (read-only view; do not modify). */
  public double[] expected() {
    return expected;
  }

  /**
   * Draws one pseudo-dataset.
   *
   * @param rng the toy's random stream (advanced)
   * @param out main + auxiliary data (written, length nMain + nAux)
   */
  public void generate(ToyRandom rng, double[] out) {
    if (!ready) {
      throw new IllegalStateException("setParameters must be called before generate");
    }
    for (int b = 0; b < nMain; b++) {
      out[b] = PoissonSampler.sample(rng, expected[b]);
    }
    for (int i = 0; i < gAux.length; i++) {
      int j = nMain + gAux[i];
      out[j] = expected[j] + gSigma[i] * rng.nextGaussian();
    }
    for (int a : pAux) {
      int j = nMain + a;
      out[j] = PoissonSampler.sample(rng, expected[j]);
    }
  }
}
