package io.sumbin.histmodel.infer.toys;

import io.sumbin.histmodel.likelihood.LikelihoodModel;
import io.sumbin.histmodel.fit.FitOptions;
import io.sumbin.histmodel.fit.FitResult;
import io.sumbin.histmodel.fit.Fitter;
import io.sumbin.histmodel.infer.HypoTestResult;
import io.sumbin.histmodel.infer.Inference;
import io.sumbin.histmodel.infer.TestStatResult;
import io.sumbin.histmodel.infer.TestStatistic;
import io.sumbin.histmodel.parallel.WorkRunner;
import java.util.List;

/**
 * Toy-based CLs (pyhf's {@code ToyCalculator}, frequentist "LHC-style" toys, arXiv:1007.1727 §2
 * for the statistics): the signal-like ensemble is generated at the fit to the observed data with
 * the POI fixed at the tested μ, the background-like one at the fit with μ = 0 (μ = 1 for q₀);
 * main data Poisson, auxiliary data from their constraint pdfs ({@link ToyGenerator}). Each toy's
 * statistic comes from a free fit started at its generating parameters and a conditional fit
 * started at the free minimum. See {@link ToyDistributions} for the p-value conventions.
 *
 * <pre>{@code
 * ToyCalculator c = new ToyCalculator(model, data, FitOptions.suggested(model), TestStatistic.QTILDE,
 *     ToySettings.of(2000).withSeed(7));
 * HypoTestResult r = c.hypotest(1.0);   // r.cls(), r.clsb(), r.clb(), r.clsExpected()
 * }</pre>
 *
 * Stateless between calls; the toys run on the settings' threads, or on the runner given by
 * {@link #withRunner} (e.g. a Spark cluster) with the same results.
 */
public final class ToyCalculator {
  /** Hypothesis name of the observed-data line in toy files. */
  public static final String OBS = "obs";
  /** Hypothesis name of the tested (signal + background) ensemble. */
  public static final String SB = "sb";
  /** Hypothesis name of the background-only ensemble. */
  public static final String B = "b";

  private final LikelihoodModel model;
  private final double[] data;
  private final FitOptions options;
  private final TestStatistic ts;
  private final ToySettings settings;
  private final WorkRunner runner;

  /**
   * @param data observed main + auxiliary data (copied)
   * @param options fit options (POI must be free)
   */
  public ToyCalculator(LikelihoodModel model, double[] data, FitOptions options, TestStatistic ts, ToySettings settings) {
    if (model.poiIndex() < 0) {
      throw new IllegalArgumentException("the model has no parameter of interest; a hypothesis test needs one");
    }
    if (options.fixed()[model.poiIndex()]) {
      throw new IllegalArgumentException("the POI '" + model.poiName() + "' is fixed in the fit options; a hypothesis test needs it free");
    }
    if (data.length != model.nMain() + model.nAux()) {
      throw new IllegalArgumentException("data has " + data.length + " entries, model expects " + (model.nMain() + model.nAux()));
    }
    this.model = model;
    this.data = data.clone();
    this.options = options.withUncertainties(false);
    this.ts = ts;
    this.settings = settings;
    this.runner = WorkRunner.threads(settings.threads());
  }

  private ToyCalculator(ToyCalculator c, WorkRunner runner) {
    this.model = c.model;
    this.data = c.data;
    this.options = c.options;
    this.ts = c.ts;
    this.settings = c.settings;
    this.runner = runner;
  }

  /** The same calculator with its toys run by {@code r} (results unchanged). */
  public ToyCalculator withRunner(WorkRunner r) {
    return new ToyCalculator(this, r);
  }

  /** Where the toys run. */
  public WorkRunner runner() {
    return runner;
  }

  public ToySettings settings() {
    return settings;
  }

  public TestStatistic testStatistic() {
    return ts;
  }

  /** The tested μ as the statistic sees it (q₀ always tests μ = 0). */
  double tested(double mu) {
    return ts.testedMu(mu);
  }

  /** The statistic on the observed data, as a toy-file line ({@code hypothesis = "obs"}, index 0). */
  public ToyResult observed(double mu) {
    Inference inf = new Inference(new Fitter(model), options);
    TestStatResult r = inf.compute(ts, tested(mu), data);
    return new ToyResult(OBS, 0, settings.seed(), ts, tested(mu), Double.NaN, r.value(), r.muHat(model.poiIndex()),
        r.converged(), r.free().twiceNll(), r.conditional().twiceNll());
  }

  /** The two ensembles for a test of μ with their generating fits. */
  public record Ensembles(ToyEnsemble sb, ToyEnsemble b, FitResult sbFit, FitResult bFit) {
    public boolean converged() {
      return sbFit.converged() && bFit.converged();
    }

    public String message() {
      StringBuilder sb = new StringBuilder();
      if (!sbFit.converged()) {
        sb.append("the fit generating the s+b toys did not converge (").append(sbFit.message()).append(')');
      }
      if (!bFit.converged()) {
        sb.append(sb.length() == 0 ? "" : "; ").append("the fit generating the b toys did not converge (")
            .append(bFit.message()).append(')');
      }
      return sb.length() == 0 ? "ok" : sb.toString();
    }
  }

  /** The s+b and b ensembles of a test of μ (their generating parameters fitted to the observed data). */
  public Ensembles ensembles(double mu) {
    Inference inf = new Inference(new Fitter(model), options);
    double m = tested(mu);
    FitResult sbFit = inf.conditionalFit(m, data);
    FitResult bFit = inf.conditionalFit(ts.alternativeMu(), data);
    return new Ensembles(
        ToyEnsemble.of(SB, model, sbFit.bestfit(), m, ts, options),
        ToyEnsemble.of(B, model, bFit.bestfit(), m, ts, options),
        sbFit, bFit);
  }

  /** Runs both ensembles (all toys of the settings' shard). */
  public ToyDistributions distributions(double mu) {
    ToyResult obs = observed(mu);
    Ensembles e = ensembles(mu);
    List<List<ToyResult>> r = ToyRunner.run(List.of(e.sb(), e.b()), settings, runner, java.util.Set.of(), x -> {});
    return new ToyDistributions(tested(mu), ts, obs, r.get(0), r.get(1), e.converged(), e.message());
  }

  /** CLs, CLs+b, CLb and the expected band from toys. */
  public HypoTestResult hypotest(double mu) {
    return distributions(mu).hypoTestResult();
  }
}
