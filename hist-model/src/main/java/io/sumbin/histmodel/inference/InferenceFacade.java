package io.sumbin.histmodel.inference;

import io.sumbin.histmodel.BadInputException;
import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.infer.diagnostics.Diagnostics;

import io.sumbin.histmodel.fit.FitOptions;
import io.sumbin.histmodel.fit.FitResult;
import io.sumbin.histmodel.fit.Fitter;
import io.sumbin.histmodel.infer.AsymptoticCalculator;
import io.sumbin.histmodel.infer.HypoTestResult;
import io.sumbin.histmodel.infer.Inference;
import io.sumbin.histmodel.infer.ProfileLikelihood;
import io.sumbin.histmodel.infer.ProfileScan;
import io.sumbin.histmodel.infer.ProfileScan2D;
import io.sumbin.histmodel.infer.TestStatistic;
import io.sumbin.histmodel.infer.UpperLimit;
import io.sumbin.histmodel.infer.UpperLimits;
import io.sumbin.histmodel.infer.neyman.BeltPoint;
import io.sumbin.histmodel.infer.neyman.ConfidenceBelt;
import io.sumbin.histmodel.infer.neyman.Coverage;
import io.sumbin.histmodel.infer.neyman.CoverageResult;
import io.sumbin.histmodel.infer.neyman.NeymanConstruction;
import io.sumbin.histmodel.infer.toys.ToyCalculator;
import io.sumbin.histmodel.infer.toys.ToyDistributions;
import io.sumbin.histmodel.likelihood.LikelihoodModel;
import io.sumbin.histmodel.parallel.WorkRunner;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * The one place where fitters, calculators and test statistics are assembled. Each method takes an
 * {@link InferenceProblem} (model, data, fit options) and, where a statistic is tested, an
 * {@link InferenceOptions}; it builds what it needs, runs it, and returns the engine's result
 * records. Stateless and thread-safe (every call builds its own fitters).
 *
 * <p>The maths, with λ(μ) = L(μ, θ̂̂_μ) / L(μ̂, θ̂) the profile likelihood ratio (arXiv:1007.1727):
 * <ul>
 *   <li>{@link #fit}: the maximum-likelihood estimate (μ̂, θ̂), with Hessian uncertainties when the
 *       options ask for them;
 *   <li>{@link #hypotest}: CLs = CLs+b / CLb (Read, J. Phys. G 28 (2002) 2693) of a tested μ with the
 *       ±1σ/±2σ expected band, asymptotically (t = √q − √q_A with q_A on the background-only
 *       Asimov dataset, eqs. 65–66 of arXiv:1007.1727) or from toys (the fraction of pseudo-experiments
 *       at least as signal-incompatible as the data, with its binomial error); for q₀ the discovery
 *       p-value p₀ and Z = Φ⁻¹(1 − p₀);
 *   <li>{@link #upperLimit}: the μ where CLs(μ) = 1 − CL, by root finding or on a grid;
 *   <li>{@link #scan} / {@link #scan2d}: −2 Δln L profiled over every other parameter, with the
 *       intervals where it crosses 1 and 3.84 (1-D) or contours at 2.30 and 5.99 (2-D);
 *   <li>{@link #asimov}: the Asimov dataset ν(μ, θ̂̂_μ) with its auxiliary data (eq. 24);
 *   <li>{@link #belt}: the Neyman construction with an ordering statistic (t̃_μ: Feldman–Cousins,
 *       arXiv:physics/9711021) and the profile construction for the nuisance parameters;
 *   <li>{@link #coverage}: the fraction of pseudo-experiments whose confidence set covers the truth.
 * </ul>
 *
 * <p>Every test fits with uncertainties switched off (they are not used, and the Hessian costs time);
 * {@link #fit}, {@link #scan} and {@link #asimov} use the problem's options as they are. {@link Sumbin}
 * calls this facade with pyhf's defaults in one line ({@code Sumbin.upperLimit(ws)}).
 */
public final class InferenceFacade {
  private InferenceFacade() {}

  /** The maximum-likelihood fit of the problem's data with its options. */
  public static FitResult fit(InferenceProblem p) {
    return new Fitter(p.model()).fit(p.data(), p.options());
  }

  /**
   * The asymptotic calculator of statistic {@code ts} for the problem (its background-only Asimov
   * dataset is computed once per calculator, so a limit scan reuses it). Not thread-safe.
   */
  public static AsymptoticCalculator asymptotic(InferenceProblem p, TestStatistic ts) {
    return new AsymptoticCalculator(new Inference(new Fitter(p.model()), p.options().withUncertainties(false)), p.data(), ts);
  }

  /** The toy calculator of the options (statistic, toy settings, runner) for the problem. */
  public static ToyCalculator toyCalculator(InferenceProblem p, InferenceOptions o) {
    p.requireFreePoi("a hypothesis test");
    return new ToyCalculator(p.model(), p.data(), p.options(), o.statistic(), o.toys()).withRunner(o.runnerOrThreads());
  }

  /**
   * The hypothesis test of POI value {@code mu} (ignored for q₀, which tests μ = 0) with the options'
   * statistic and calculator. A model without a POI, a fixed POI or a tested value outside the POI's
   * bounds is bad input.
   */
  public static HypotestRun hypotest(InferenceProblem p, double mu, InferenceOptions o) {
    int poi = p.requireFreePoi("a hypothesis test");
    boolean fixed = o.statistic().fixedMu().isPresent();
    double tested = o.statistic().testedMu(mu);
    if (!fixed) {
      p.requireWithin(poi, tested, "tested POI value");
    }
    if (o.calculator() == InferenceOptions.Calculator.ASYMPTOTIC) {
      return new HypotestRun(asymptotic(p, o.statistic()).hypotest(tested), null);
    }
    ToyDistributions d = toyCalculator(p, o).distributions(tested);
    return new HypotestRun(d.hypoTestResult(), d);
  }

  /**
   * σ of μ̂ that the asymptotic formulae assume (Cowan et al. 2011, eq. 31: |μ|/√q_μ,A; 1/√q₀,A for
   * q₀), for drawing the asymptotic densities beside toy distributions; NaN when undefined.
   */
  public static double muHatSigma(InferenceProblem p, TestStatistic ts, double mu) {
    return asymptotic(p, ts).muHatSigma(mu);
  }

  /**
   * The CLs upper limit on the POI at the settings' confidence level, observed and expected
   * (−2σ … +2σ), by root finding over the POI's bounds or on the settings' grid; with a curve
   * requested, also CLs on a grid for a Brazil plot (the same calculator: one Asimov dataset).
   */
  public static LimitRun upperLimit(InferenceProblem p, LimitSettings s, InferenceOptions o) {
    int poi = p.requireFreePoi("a limit");
    TestStatistic ts = o.statistic();
    DoubleFunction<HypoTestResult> test = o.calculator() == InferenceOptions.Calculator.ASYMPTOTIC
        ? asymptotic(p, ts)::hypotest : toyCalculator(p, o)::hypotest;
    FitOptions fo = p.options();
    UpperLimit ul = s.isScan()
        ? UpperLimits.scan(test, s.cl(), s.grid())
        // the tilde statistics test mu >= 0 only (Cowan et al. 2011, arXiv:1007.1727, sec. 3.7): bracket from max(lower bound, 0)
        : UpperLimits.rootFinding(test, s.cl(), ts.tilde() ? Math.max(fo.lower()[poi], 0) : fo.lower()[poi],
            fo.upper()[poi], UpperLimits.REL_TOL);
    UpperLimit curve = null;
    if (s.curvePoints() > 0) {
      if (s.isScan()) {
        curve = ul;
      } else {
        double top = Math.max(ul.observed(), ul.expected()[4]);
        top = Double.isFinite(top) ? 1.5 * top : fo.upper()[poi];
        UpperLimit c = UpperLimits.scan(test, s.cl(), ProfileLikelihood.linspace(Math.max(fo.lower()[poi], 0), top, s.curvePoints()));
        curve = new UpperLimit(s.cl(), ul.observed(), ul.expected(), c.points(), ul.converged(), ul.message());
      }
    }
    return new LimitRun(ul, curve);
  }

  /**
   * The fit diagnostics of the problem (pulls, impacts, pre/post-fit yields, saturated goodness of
   * fit, channel compatibility, profile intervals, toy CLs limits: {@link Diagnostics}), their
   * units of work run by {@code runner}. They need a binned model (a compiled workspace); another
   * model is bad input.
   */
  public static Diagnostics diagnostics(InferenceProblem p, WorkRunner runner) {
    if (!(p.model() instanceof CompiledModel m)) {
      throw new BadInputException((p.source().isEmpty() ? "" : p.source() + ": ")
          + "fit diagnostics need a binned model (a compiled workspace)");
    }
    return new Diagnostics(m, p.data(), p.options(), runner);
  }

  /**
   * The problem with its data replaced by the Asimov dataset of POI = {@code poiValue}: expected main
   * data at (poiValue, θ̂̂) fitted to the problem's data with the POI fixed there, and the auxiliary
   * data at θ̂̂ (arXiv:1007.1727 eq. 24). The POI is floated for the fit even when the options fix it.
   */
  public static InferenceProblem asimov(InferenceProblem p, double poiValue) {
    int poi = p.requirePoi("an Asimov dataset");
    Inference inf = new Inference(new Fitter(p.model()), p.options().withFloating(poi));
    return p.withData(inf.asimov(poiValue, p.data()).data());
  }

  /** 1-D profile-likelihood scan of parameter {@code par} over {@code grid} (other free parameters profiled). */
  public static ProfileScan scan(InferenceProblem p, int par, double[] grid) {
    return new ProfileLikelihood(new Fitter(p.model()), p.options()).scan(par, grid, p.data());
  }

  /** 2-D profile-likelihood scan of parameters {@code px} × {@code py} over the product of the grids. */
  public static ProfileScan2D scan2d(InferenceProblem p, int px, int py, double[] gx, double[] gy) {
    if (px == py) {
      throw new BadInputException("a 2-D scan needs two different parameters, got '" + p.model().parName(px) + "' twice");
    }
    return new ProfileLikelihood(new Fitter(p.model()), p.options()).scan2d(px, py, gx, gy, p.data());
  }

  /**
   * The Neyman construction over the POI values {@code grid} with the options' ordering statistic,
   * toys and runner, at confidence level cl; {@code exact} enumerates the Poisson outcomes instead
   * of throwing toys (models whose constrained parameters are all fixed).
   */
  public static ConfidenceBelt belt(InferenceProblem p, double[] grid, double cl, boolean exact, InferenceOptions o) {
    p.requireFreePoi("a confidence belt");
    return belt(BeltPoint.grid(p.model(), p.data(), p.options().withUncertainties(false), grid), cl, exact, o);
  }

  /** {@link #belt(InferenceProblem, double[], double, boolean, InferenceOptions)} over given belt points (e.g. a model family's). */
  public static ConfidenceBelt belt(List<BeltPoint> points, double cl, boolean exact, InferenceOptions o) {
    return construction(cl, exact, o).construct(points);
  }

  /**
   * Coverage of the options' Neyman sets at POI = {@code trueValue}: {@code experiments}
   * pseudo-experiments thrown at the parameters fitted to the data with the POI fixed there, each with
   * {@code o.toys().ntoys()} inner toys for its critical values.
   */
  public static CoverageRun coverage(InferenceProblem p, double trueValue, int experiments, double cl, InferenceOptions o) {
    int poi = p.requireFreePoi("a coverage study");
    FitOptions fo = p.options().withUncertainties(false);
    FitResult truth = new Fitter(p.model()).fit(p.data(), fo.withFixed(poi, trueValue));
    CoverageResult r = Coverage.run(p.model(), truth.bestfit(), fo, construction(cl, false, o), experiments);
    return new CoverageRun(r, truth);
  }

  private static NeymanConstruction construction(double cl, boolean exact, InferenceOptions o) {
    return NeymanConstruction.of(o.statistic(), cl).withToys(o.toys())
        .withSource(exact ? NeymanConstruction.Source.EXACT : NeymanConstruction.Source.TOYS)
        .withRunner(o.runnerOrThreads());
  }

  /** Asymptotic CLs of {@code mu} in {@code model} with its suggested options (a convenience for engine callers). */
  public static HypoTestResult asymptoticHypotest(LikelihoodModel model, double[] data, TestStatistic ts, double mu) {
    return asymptotic(InferenceProblem.of(model, data), ts).hypotest(mu);
  }
}
