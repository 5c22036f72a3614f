package io.sumbin.eft.study;

import io.sumbin.binning.BinningStrategy;
import io.sumbin.eft.FisherInformation;
import io.sumbin.eft.morphing.EventQuadratics;
import io.sumbin.eft.morphing.TruthTemplates;
import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.compile.ModelCompiler;
import io.sumbin.histmodel.family.FamilyPoint;
import io.sumbin.histmodel.family.FamilyScan;
import io.sumbin.histmodel.family.ModelFamily;
import io.sumbin.histmodel.spec.ChannelSpec;
import io.sumbin.histmodel.spec.ModelSpec;
import io.sumbin.histmodel.spec.ModifierSettings;
import io.sumbin.histmodel.spec.ParameterSpec;
import io.sumbin.histmodel.spec.SampleSpec;
import io.sumbin.histmodel.util.RecordText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleFunction;
import java.util.function.Function;

/**
 * Expected (Asimov) sensitivity of one Wilson coefficient c_i from weighted events with exact
 * per-event quadratic weights w(x|c) = θᵀB(x)θ ({@link EventQuadratics}), the other coefficients
 * fixed at 0: per-scan-point model families, their Fisher information, an adaptive scan range and
 * interval edges. Shared by {@link VbfTruthStudy} and {@link BinningStudy}.
 *
 * <p>The binned model of scan point c′ has the yields ν_b(c) = L Σ_{i∈b} w(x_i|c), b the bins of
 * the observable O_c′(x) (its own edges when the observable depends on the point, see
 * {@link TruthTemplates}); with {@code staterror} a Gaussian γ_b per bin with
 * δ_b = L √Σ_{i∈b} w_SM(x_i)² (the template's Monte-Carlo statistics, pyhf's {@code staterror}).
 * The Fisher information of c_i at c in point c′'s model is {@link FisherInformation}'s: the profiled
 * information 1/(F⁻¹)_{c_i c_i} of the model ({@link FisherInformation#profiled}), which without
 * nuisance parameters is the binned template estimate Σ_b (∂ν_b)²/ν_b ({@link FisherInformation#binned},
 * debiased for Monte-Carlo noise, with a jackknife error; {@link #information}).
 */
public final class AsimovScans {
  private AsimovScans() {}

  /** The POI bounds used unless a recipe says otherwise. */
  public static final double[] DEFAULT_BOUNDS = {-1e3, 1e3};

  /**
   * How to build the model of a scan point (build with {@link #builder}).
   *
   * @param q the events' quadratic weights (read, shared)
   * @param coefficient index i of the coefficient scanned (the POI); the others are fixed at 0
   * @param observable c′ ↦ O_c′(x_k) for all events (a new or caller-owned array, copied)
   * @param perPoint whether the observable (or the reference weights) depend on c′; when false one
   *     binning and one set of templates serve every point
   * @param referenceWeights c′ ↦ the weights the binning strategy sees (copied)
   * @param strategy the binning strategy
   * @param luminosity L in the inverse units of the weights
   * @param staterror name of the staterror modifier, or null for none
   * @param bounds POI bounds {lo, hi}
   */
  public record Recipe(EventQuadratics q, int coefficient, Function<double[], double[]> observable, boolean perPoint,
      Function<double[], double[]> referenceWeights, BinningStrategy strategy, double luminosity, String staterror,
      double[] bounds) {
    @Override
    public String toString() {
      return RecordText.of(this);
    }

    public Recipe {
      int nc = q.coefficients().size();
      if (coefficient < 0 || coefficient >= nc) {
        throw new IllegalArgumentException("coefficient index " + coefficient + " outside 0.." + (nc - 1) + " " + q.coefficients());
      }
      if (!(luminosity > 0) || Double.isInfinite(luminosity)) {
        throw new IllegalArgumentException("luminosity must be positive and finite, got " + luminosity);
      }
      if (bounds.length != 2 || !(bounds[0] < bounds[1])) {
        throw new IllegalArgumentException("bounds must be {lo, hi} with lo < hi, got " + Arrays.toString(bounds));
      }
      bounds = bounds.clone();
    }

    /** The POI name. */
    public String poi() {
      return q.coefficients().get(coefficient);
    }

    /**
     * A builder of the recipe for coefficient {@code coefficient} of {@code q}; observable, reference weights,
     * strategy and luminosity are required, no staterror and {@link AsimovScans#DEFAULT_BOUNDS} unless set.
     */
    public static Builder builder(EventQuadratics q, int coefficient) {
      return new Builder(q, coefficient);
    }

    /** A builder of {@link Recipe} (see {@link Recipe#builder}). */
    public static final class Builder {
      private final EventQuadratics q;
      private final int coefficient;
      private Function<double[], double[]> observable;
      private boolean perPoint;
      private Function<double[], double[]> referenceWeights;
      private BinningStrategy strategy;
      private double luminosity = Double.NaN;
      private String staterror;
      private double[] bounds = DEFAULT_BOUNDS;

      private Builder(EventQuadratics q, int coefficient) {
        this.q = q;
        this.coefficient = coefficient;
      }

      /** c′ ↦ O_c′(x_k), and whether it (or the reference weights) depends on c′. */
      public Builder observable(Function<double[], double[]> o, boolean dependsOnPoint) {
        this.observable = o;
        this.perPoint = dependsOnPoint;
        return this;
      }

      /** c′ ↦ the weights the binning strategy sees. */
      public Builder referenceWeights(Function<double[], double[]> w) {
        this.referenceWeights = w;
        return this;
      }

      /** The binning strategy. */
      public Builder strategy(BinningStrategy s) {
        this.strategy = s;
        return this;
      }

      /** L in the inverse units of the weights (pb⁻¹ for LHE weights: {@code Units.perPb(luminosityFb)}). */
      public Builder luminosity(double l) {
        this.luminosity = l;
        return this;
      }

      /** Name of the staterror modifier (default none). */
      public Builder staterror(String name) {
        this.staterror = name;
        return this;
      }

      /** POI bounds (default {@link AsimovScans#DEFAULT_BOUNDS}). */
      public Builder bounds(double lo, double hi) {
        this.bounds = new double[] {lo, hi};
        return this;
      }

      /**
       * The recipe.
       *
       * @throws IllegalArgumentException if a required part is missing or invalid
       */
      public Recipe build() {
        if (observable == null || referenceWeights == null || strategy == null) {
          throw new IllegalArgumentException("recipe: observable, reference weights and binning strategy are required");
        }
        return new Recipe(q, coefficient, observable, perPoint, referenceWeights, strategy, luminosity, staterror, bounds);
      }
    }

    /** The same recipe with other POI bounds. */
    public Recipe withBounds(double lo, double hi) {
      return new Recipe(q, coefficient, observable, perPoint, referenceWeights, strategy, luminosity, staterror, new double[] {lo, hi});
    }

    /** The full coefficient vector with c_i = value, the others 0. */
    double[] vector(double value) {
      double[] c = new double[q.coefficients().size()];
      c[coefficient] = value;
      return c;
    }
  }

  /**
   * The family on the given POI values: per point its own binning (or one shared binning when the
   * recipe's observable does not depend on the point), main data = the Standard-Model expectation
   * (replace with {@link ModelFamily#asimov}).
   *
   * @param values the scan points c′_i (read)
   * @param init the POI's initial value in every point model
   */
  public static ModelFamily family(Recipe r, double[] values, double init) {
    List<double[]> grid = new ArrayList<>(values.length);
    for (double v : values) {
      grid.add(r.vector(v));
    }
    List<SampleSpec> samples = new ArrayList<>(values.length);
    if (r.perPoint()) {
      for (TruthTemplates.PointTemplates pt : TruthTemplates.build(r.q(), grid, r.observable(), r.referenceWeights(), r.strategy())) {
        samples.add(pt.toSample("signal", r.luminosity(), r.staterror()));
      }
    } else {
      SampleSpec s = TruthTemplates.build(r.q(), List.of(grid.get(0)), r.observable(), r.referenceWeights(), r.strategy())
          .get(0).toSample("signal", r.luminosity(), r.staterror());
      for (int p = 0; p < values.length; p++) {
        samples.add(s);
      }
    }
    List<FamilyPoint> fps = new ArrayList<>(values.length);
    FamilyPoint shared = null;
    for (int p = 0; p < values.length; p++) {
      SampleSpec sample = samples.get(p);
      if (!r.perPoint()) {
        // one binning for all points: one spec, compiled once (a compiled model is immutable and thread-safe)
        if (shared == null) {
          shared = FamilyPoint.of(new double[] {values[p]}, spec(r, sample, init), sample.data());
        }
        fps.add(new FamilyPoint(new double[] {values[p]}, shared.spec(), shared.model(), shared.data()));
      } else {
        fps.add(FamilyPoint.of(new double[] {values[p]}, spec(r, sample, init), sample.data()));
      }
    }
    return new ModelFamily(List.of(r.poi()), new int[] {fps.size()}, fps, new double[] {0.0});
  }

  /** VbfTruthStudy's naming (sample "vbf_h"); kept so that its numbers stay exactly what they were. */
  static ModelFamily family(Recipe r, List<double[]> grid, String sampleName) {
    List<TruthTemplates.PointTemplates> pts = TruthTemplates.build(r.q(), grid, r.observable(), r.referenceWeights(), r.strategy());
    List<FamilyPoint> fps = new ArrayList<>();
    for (TruthTemplates.PointTemplates pt : pts) {
      SampleSpec sample = pt.toSample(sampleName, r.luminosity(), r.staterror());
      fps.add(FamilyPoint.of(new double[] {pt.point()[r.coefficient()]}, spec(r, sample, 0.0), sample.data()));
    }
    return new ModelFamily(List.of(r.poi()), new int[] {fps.size()}, fps, new double[] {0.0});
  }

  /** One channel "SR" with the sample; the other coefficients fixed at 0, the POI free within the bounds. */
  private static ModelSpec spec(Recipe r, SampleSpec sample, double init) {
    return new ModelSpec(List.of(new ChannelSpec("SR", List.of(sample))), parameters(r, init), r.poi(), ModifierSettings.DEFAULT);
  }

  private static List<ParameterSpec> parameters(Recipe r, double init) {
    List<String> coeffs = r.q().coefficients();
    List<ParameterSpec> params = new ArrayList<>();
    for (int j = 0; j < coeffs.size(); j++) {
      if (j != r.coefficient()) {
        params.add(ParameterSpec.named(coeffs.get(j)).withInits(0.0).withFixed(true));
      }
    }
    params.add(ParameterSpec.named(r.poi()).withInits(init).withBounds(r.bounds()));
    return params;
  }

  /** Bins of the binning of scan point c′ = value (for per-point observables they differ between points). */
  public static int bins(Recipe r, double value) {
    return TruthTemplates.build(r.q(), List.of(r.vector(value)), r.observable(), r.referenceWeights(), r.strategy()).get(0).nbins();
  }

  /**
   * Fisher information of c_i at c_i = {@code at} in the model of scan point c′ = {@code pointValue},
   * with every non-fixed nuisance parameter (staterror) profiled: I = 1/(F⁻¹)_ii
   * ({@link FisherInformation#profiled}). NaN when F is not positive definite (e.g. the coefficient
   * does not change any bin).
   */
  public static double fisher(Recipe r, double pointValue, double at) {
    ModelFamily f = family(r, new double[] {pointValue}, at);
    return profiled(f.point(0).model(), f.poiIndices(0)[0], at);
  }

  private static double profiled(CompiledModel m, int poi, double at) {
    double[] pars = m.suggestedInit();
    pars[poi] = at;
    return FisherInformation.profiled(m, pars, poi);
  }

  /**
   * The Fisher information of c_i at c_i = {@code at} in the model of the scan point c′ = {@code at}
   * (its own binning), with its standard error (seeded delete-group jackknife over the events,
   * {@link FisherInformation#DEFAULT_SEED}):
   *
   * <ul>
   *   <li>without staterror: the binned template estimate {@link FisherInformation#binned} (equal to
   *       the model's Σ_b (∂ν_b)²/ν_b before debiasing), debiased for the Monte-Carlo noise of the
   *       templates when the events are independent draws, the plug-in value otherwise (a stratified
   *       sample has almost none of the noise that the debiasing removes);
   *   <li>with staterror: the profiled information of the model ({@link FisherInformation#profiled}),
   *       its error from {@link FisherInformation#jackknife} with the templates rebuilt on the same
   *       binning for every deleted group.
   * </ul>
   *
   * @param independentEvents whether the events are independent draws (LHE files, random toys)
   */
  public static FisherInformation.Estimate information(Recipe r, double at, boolean independentEvents) {
    double[] c = r.vector(at);
    TruthTemplates.PointTemplates pt = TruthTemplates.build(r.q(), List.of(c), r.observable(), r.referenceWeights(), r.strategy())
        .get(0);
    int groups = FisherInformation.DEFAULT_GROUPS;
    long seed = FisherInformation.DEFAULT_SEED;
    if (r.staterror() == null) {
      FisherInformation.Estimate e = FisherInformation.binned(pt.eventBins(), pt.nbins(), r.q().weights(c),
          r.q().weightDerivatives(c, r.coefficient()), r.luminosity(), groups, seed);
      return independentEvents ? e : new FisherInformation.Estimate(e.plugIn(), e.error(), e.plugIn());
    }
    return FisherInformation.jackknife(r.q().size(), f -> {
      SampleSpec sample = pt.withFactors(f).toSample("signal", r.luminosity(), r.staterror());
      CompiledModel m = ModelCompiler.compile(spec(r, sample, at));
      return profiled(m, m.parIndex(r.poi()), at);
    }, groups, seed);
  }

  /**
   * Unbinned (per-event) Fisher information of c_i at c of the extended likelihood with the events'
   * exact weights, {@link FisherInformation#unbinned}: I = L Σ_k (∂w_k/∂c_i)² / w_k(c), the bound every
   * binning of every observable stays below (events with w_k(c) ≤ 0 are skipped), with its jackknife error.
   */
  public static FisherInformation.Estimate unbinnedFisher(EventQuadratics q, int coefficient, double[] c, double luminosity) {
    return FisherInformation.unbinned(q.weights(c), q.weightDerivatives(c, coefficient), luminosity,
        FisherInformation.DEFAULT_GROUPS, FisherInformation.DEFAULT_SEED);
  }

  /** A symmetric grid of n points on [centre − half, centre + half] (p = 0..n−1). */
  public static double[] grid(double centre, double half, int n) {
    double[] v = new double[n];
    for (int p = 0; p < n; p++) {
      v[p] = centre + (-half * (n - 1 - p) + half * p) / (n - 1);
    }
    return v;
  }

  /**
   * An adaptively ranged scan and how it was reached.
   *
   * @param scan the last scan
   * @param half the half-width of its grid around the centre
   * @param passes number of scans made
   */
  public record Adaptive(FamilyScan scan, double half, int passes) {}

  /**
   * Scans a symmetric grid around {@code centre}: first ± {@code startHalf}; while the 95% region
   * is open at either end the half-width is tripled (at most 6 scans); then, if the 95% reach
   * R = max(centre − lo₉₅, hi₉₅ − centre) is below a third of the half-width or this was the first
   * scan, the grid is refined to ± 1.25 R so that the interpolated crossings are resolved (quadratic
   * terms make t far from a parabola where the interference is weak).
   *
   * @param scanOnHalfWidth half-width ↦ the scan of the grid {@link #grid}(centre, half, n)
   */
  public static Adaptive adaptive(double centre, double startHalf, DoubleFunction<FamilyScan> scanOnHalfWidth) {
    if (!(startHalf > 0) || Double.isInfinite(startHalf)) {
      throw new IllegalArgumentException("start half-width must be positive and finite, got " + startHalf);
    }
    double half = startHalf;
    FamilyScan scan = null;
    int passes = 0;
    for (int attempt = 0; attempt < 6; attempt++) {
      scan = scanOnHalfWidth.apply(half);
      passes++;
      double[] i95 = scan.interval95();
      if (Double.isNaN(i95[0]) || Double.isNaN(i95[1])) {
        if (attempt < 5) {
          half *= 3;
        }
        continue;
      }
      double reach = Math.max(centre - i95[0], i95[1] - centre);
      if (reach < half / 3 || attempt == 0) {
        half = 1.25 * reach;
        scan = scanOnHalfWidth.apply(half);
        passes++;
      }
      break;
    }
    return new Adaptive(scan, half, passes);
  }


  /**
   * Whether some grid point outside [lo, hi] also has t ≤ level (the confidence set is then not one
   * interval; the reported interval is the part around the best point).
   */
  public static boolean disjoint(double[] x, double[] t, double[] interval, double level) {
    for (int i = 0; i < x.length; i++) {
      boolean outside = (!Double.isNaN(interval[0]) && x[i] < interval[0]) || (!Double.isNaN(interval[1]) && x[i] > interval[1]);
      if (outside && t[i] <= level) {
        return true;
      }
    }
    return false;
  }
}
