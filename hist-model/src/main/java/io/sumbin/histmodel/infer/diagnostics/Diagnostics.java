package io.sumbin.histmodel.infer.diagnostics;

import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.fit.FitOptions;
import io.sumbin.histmodel.fit.FitResult;
import io.sumbin.histmodel.fit.Fitter;
import io.sumbin.histmodel.infer.TestStatistic;
import io.sumbin.histmodel.infer.toys.ToyCalculator;
import io.sumbin.histmodel.infer.toys.ToySettings;
import io.sumbin.histmodel.parallel.WorkRunner;
import io.sumbin.histmodel.spec.ModelSpec;
import io.sumbin.histmodel.util.RecordText;

/**
 * The one entry point of the fit diagnostics: a compiled model, its data, the fit options and where
 * parallel work runs. Immutable; every method is independent (each does the fits it needs).
 *
 * <pre>{@code
 * Diagnostics d = new Diagnostics(model, data, FitOptions.suggested(model), WorkRunner.threads(2));
 * Impacts im = d.impacts(model.poiIndex());      // ranked, Combine's definition
 * Yields post = d.postfit(d.fit());               // per channel / sample / bin with the band
 * SaturatedGof g = d.gof(1000, 1L);               // q_sat, toy p-value ± error
 * }</pre>
 *
 * @param data main + auxiliary data (not copied; do not modify)
 */
public record Diagnostics(CompiledModel model, double[] data, FitOptions options, WorkRunner runner) {
  @Override
  public String toString() {
    return RecordText.of(this);
  }

  /** The maximum-likelihood fit with uncertainties and covariance. */
  public FitResult fit() {
    return new Fitter(model, options.settings()).fit(data, options.withUncertainties(true));
  }

  /** Pulls and constraints of a fit (see {@link Pulls}). */
  public Pulls pulls(FitResult fit) {
    return Pulls.of(model, data, fit, options.fixed());
  }

  /** Impacts on parameter {@code poi} (see {@link Impacts}). */
  public Impacts impacts(int poi) {
    return Impacts.compute(model, data, options, poi, runner);
  }

  /** Post-fit yields with the fit's covariance (see {@link Yields}). */
  public Yields postfit(FitResult fit) {
    return Yields.of(model, data, fit.bestfit(), fit.covariance(), options.lower(), options.upper(), false);
  }

  /** Pre-fit yields at the options' start values with the constraint widths (see {@link Yields}). */
  public Yields prefit() {
    Priors pr = Priors.of(model, data);
    return Yields.of(model, data, options.init(), pr.covariance(options.fixed()), options.lower(), options.upper(), true);
  }

  /** The saturated goodness of fit with {@code ntoys} toys (see {@link SaturatedGof}). */
  public SaturatedGof gof(int ntoys, long seed) {
    return SaturatedGof.compute(model, data, options, ntoys, seed, runner);
  }

  /** Profile intervals of the given parameters (see {@link ProfileIntervals}). */
  public ProfileIntervals intervals(int[] params) {
    return ProfileIntervals.compute(model, data, options, params, runner);
  }

  /**
   * Channel compatibility (see {@link ChannelCompatibility}); {@code spec} must be the specification
   * this model was compiled from.
   */
  public ChannelCompatibility compatibility(ModelSpec spec) {
    return ChannelCompatibility.compute(spec, data, options);
  }

  /**
   * {@link #compatibility(ModelSpec)} with the refusals naming the model's file.
   *
   * @param spec the specification this model was compiled from
   * @param source the model's file, the first word of a refusal
   * @return the compatibility test
   */
  public ChannelCompatibility compatibility(ModelSpec spec, String source) {
    return ChannelCompatibility.compute(spec, data, options, source);
  }

  /** A toy CLs limit with error control (see {@link ToyUpperLimit}). */
  public ToyUpperLimit toyLimit(TestStatistic ts, double cl, ToySettings toys, ToyUpperLimit.Settings s, double start) {
    ToyCalculator calc = new ToyCalculator(model, data, options, ts, toys).withRunner(runner);
    return ToyUpperLimit.compute(calc, cl, start, options.upper()[model.poiIndex()], s);
  }

  /**
   * The correlation matrix ρ_ij = C_ij / √(C_ii C_jj) of a row-major n × n covariance (0 where a
   * variance is 0, e.g. fixed parameters; 1 on the diagonal of free ones).
   */
  public static double[] correlation(double[] cov, int n) {
    double[] r = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double d = Math.sqrt(cov[i * n + i] * cov[j * n + j]);
        r[i * n + j] = d > 0 ? cov[i * n + j] / d : 0.0;
      }
    }
    return r;
  }
}
