package io.sumbin.histmodel.infer;

import io.sumbin.histmodel.likelihood.LikelihoodModel;
import io.sumbin.histmodel.fit.FitOptions;
import io.sumbin.histmodel.fit.FitResult;
import io.sumbin.histmodel.fit.Fitter;
import io.sumbin.histmodel.util.RecordText;

/**
 * Test statistics and Asimov datasets for a compiled model (pyhf's {@code infer.test_statistics}
 * and {@code calculators.generate_asimov_data}). Holds a {@link Fitter}: one instance per thread.
 */
public final class Inference {
  private final Fitter fitter;
  private final LikelihoodModel model;
  private final FitOptions options;
  private final int poi;
  private final double[] expected;

  /** With the model's suggested fit options. */
  public Inference(LikelihoodModel model) {
    this(new Fitter(model), FitOptions.suggested(model).withUncertainties(false));
  }

  public Inference(Fitter fitter, FitOptions options) {
    this.fitter = fitter;
    this.model = fitter.model();
    this.options = options;
    this.poi = model.poiIndex();
    if (poi < 0) {
      throw new IllegalArgumentException("the model has no parameter of interest; tests need one");
    }
    if (options.fixed()[poi]) {
      throw new IllegalArgumentException("the POI '" + model.parName(poi)
          + "' is fixed in the fit options; profile-likelihood tests need it free");
    }
    this.expected = new double[model.nMain() + model.nAux()];
  }

  public LikelihoodModel model() {
    return model;
  }

  public Fitter fitter() {
    return fitter;
  }

  /** The fit options in use (POI free). */
  public FitOptions options() {
    return options;
  }

  /** Options for the free fit of a statistic (tilde: POI lower bound at least 0). */
  public FitOptions freeOptions(TestStatistic ts) {
    if (ts.tilde() && options.lower()[poi] < 0) {
      return options.withBounds(poi, 0.0, options.upper()[poi]);
    }
    return options;
  }

  /** The unconditional fit. */
  public FitResult freeFit(TestStatistic ts, double[] data) {
    return fitter.fit(data, freeOptions(ts));
  }

  /** The fit with the POI fixed at mu. */
  public FitResult conditionalFit(double mu, double[] data) {
    return fitter.fit(data, options.withFixed(poi, mu));
  }

  /** The conditional fit started from given parameters (warm start, e.g. for toys). */
  public FitResult conditionalFit(double mu, double[] data, double[] start) {
    return fitter.fit(data, options.withInit(start).withFixed(poi, mu));
  }

  /**
   * Computes a statistic at μ (at {@link TestStatistic#testedMu}: q₀ always tests μ = 0): the free fit from the suggested start, the
   * conditional fit from the suggested start and from the free minimum (POI moved to μ), keeping
   * the lower — a non-convex likelihood (e.g. code-4p histosys) can have several conditional
   * minima, and the lower one is the profile likelihood.
   */
  public TestStatResult compute(TestStatistic ts, double mu, double[] data) {
    double m = ts.testedMu(mu);
    FitResult free = freeFit(ts, data);
    FitResult cond = lower(conditionalFit(m, data), conditionalFit(m, data, free.bestfit()));
    return combine(ts, m, free, cond);
  }

  /**
   * As {@link #compute(TestStatistic, double, double[])} with the free fit started from
   * {@code start} and the conditional fit from {@code start} (POI moved to μ) and from the
   * suggested start. For Asimov data {@code start} = the generating parameters is the exact free
   * minimum.
   */
  public TestStatResult compute(TestStatistic ts, double mu, double[] data, double[] start) {
    double m = ts.testedMu(mu);
    FitResult f = fitter.fit(data, freeOptions(ts).withInit(clampPoi(ts, start)));
    FitResult c = lower(conditionalFit(m, data, start), conditionalFit(m, data));
    return combine(ts, m, f, c);
  }

  /**
   * The fast variant for pseudo-experiments: free fit from {@code start}, conditional fit from the
   * free minimum only (two fits).
   */
  public TestStatResult computeFast(TestStatistic ts, double mu, double[] data, double[] start) {
    double m = ts.testedMu(mu);
    FitResult f = fitter.fit(data, freeOptions(ts).withInit(clampPoi(ts, start)));
    FitResult c = conditionalFit(m, data, f.bestfit());
    return combine(ts, m, f, c);
  }

  private double[] clampPoi(TestStatistic ts, double[] start) {
    FitOptions free = freeOptions(ts);
    double[] s = start.clone();
    s[poi] = Math.min(Math.max(s[poi], free.lower()[poi]), free.upper()[poi]);
    return s;
  }

  /** The fit with the lower −2 ln L (the first when equal or when the second is not finite). */
  static FitResult lower(FitResult a, FitResult b) {
    return b.twiceNll() < a.twiceNll() ? b : a;
  }

  /** The statistic from an existing free fit and conditional fit. */
  public TestStatResult combine(TestStatistic ts, double mu, FitResult free, FitResult cond) {
    double t = ts.value(mu, free.bestfit()[poi], free.twiceNll(), cond.twiceNll());
    return new TestStatResult(t, mu, free, cond);
  }

  /** An Asimov dataset with the fitted nuisance parameters (pyhf's convention). */
  public record Asimov(double[] data, FitResult fit) {
    @Override
    public String toString() {
      return RecordText.of(this);
    }
  }

  /**
   * Asimov data for POI value {@code mu}: the expected main and auxiliary data at the fit to the
   * observed data with the POI fixed at mu (pyhf's {@code generate_asimov_data}).
   */
  public Asimov asimov(double mu, double[] observed) {
    FitResult f = conditionalFit(mu, observed);
    double[] d = new double[model.nMain() + model.nAux()];
    model.expectedData(f.bestfit(), d);
    return new Asimov(d, f);
  }

  /** Expected main + auxiliary data at given parameters (written into a fresh array). */
  public double[] expectedData(double[] pars) {
    model.expectedData(pars, expected);
    return expected.clone();
  }
}
