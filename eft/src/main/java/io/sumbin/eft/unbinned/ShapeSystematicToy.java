package io.sumbin.eft.unbinned;

import io.sumbin.binning.EventTable;
import io.sumbin.histmodel.fit.FitOptions;
import io.sumbin.histmodel.infer.ProfileLikelihood;
import io.sumbin.histmodel.infer.ProfileScan;
import io.sumbin.histmodel.inference.InferenceFacade;
import io.sumbin.histmodel.inference.InferenceProblem;
import io.sumbin.histmodel.spec.Coefficient;
import io.sumbin.histmodel.unbinned.UnbinnedModel;
import io.sumbin.summaries.FeatureMatrix;
import io.sumbin.summaries.TrainingSettings;
import io.sumbin.summaries.shape.ShapeRatio;
import io.sumbin.summaries.shape.ShapeRatios;
import io.sumbin.summaries.shape.ShapeTraining;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A toy with an analytic shape systematic that validates learned shape ratios end to end.
 *
 * <pre>
 *   background  p_B(x|α) = N(x; δα, 1),  ν_B = {@value #BACKGROUND} · G(α),  G(+1) = {@value #RATE_UP}, G(−1) = {@value #RATE_DOWN}
 *   signal      p_S(x)   = N(x; {@value #SIGNAL_MEAN}, {@value #SIGNAL_WIDTH}²),  ν_S = μ · {@value #SIGNAL}
 *   exact       g(x, ±1) = p_B(x|±1)/p_B(x|0) = exp(±δx − δ²/2)
 * </pre>
 *
 * A shift of the background towards the signal mimics signal, so profiling α widens the interval on μ.
 * The model events are a reference sample from p_ref = ½(p_B + p_S) with ω_i = 1/n and r_J = p_J/p_ref;
 * the data are the Asimov dataset at μ = 1, α = 0. Two unbinned models differ only in the g columns:
 * the exact ones, and ĝ learned ({@link ShapeRatios}) from independent samples of the nominal and the
 * α = ±1 backgrounds, weighted so that Σw_±/Σw_0 = G(±1). Both pass through {@link
 * LearnedShapes#addColumns} (same renormalisation on the model events, same normsys G).
 */
public final class ShapeSystematicToy {
  public static final double BACKGROUND = 1000;
  public static final double SIGNAL = 100;
  public static final double SIGNAL_MEAN = 1.5;
  public static final double SIGNAL_WIDTH = 0.5;
  public static final double RATE_UP = 1.04;
  public static final double RATE_DOWN = 0.97;
  /** The bulk where ĝ is compared with g: |x| ≤ this (95 % of the nominal background). */
  public static final double BULK = 2.0;

  private ShapeSystematicToy() {}

  /**
   * @param trainingEvents events of each of the three training samples (nominal, up, down)
   * @param referenceEvents model (reference-sample) events
   * @param shift δ: the background mean at α = ±1 is ±δ
   * @param training network and schedule of the classifiers
   * @param seed seed of the generated samples
   */
  public record Settings(int trainingEvents, int referenceEvents, double shift, ShapeTraining training, long seed) {
    /** The validation study: 200k events per sample, 3 × 64 SiLU, Platt calibration, δ = 0.3. */
    public static Settings full() {
      return new Settings(200_000, 40_000, 0.3, ShapeTraining.of(List.of("x"),
          TrainingSettings.DEFAULT.withBatchSize(1024).withPatience(5).withMaxEpochs(60).withLearningRate(2e-3)), 2024);
    }

    /** A seconds-long version: 20k events per sample, one hidden layer of 16, batch 1000, ≤ 20 epochs. */
    public static Settings fast() {
      return new Settings(20_000, 10_000, 0.3, ShapeTraining.of(List.of("x"),
          TrainingSettings.DEFAULT.withHidden(16).withBatchSize(1000).withPatience(3).withMaxEpochs(20)
              .withLearningRate(1e-2)), 2024);
    }

    public Settings withTraining(ShapeTraining t) {
      return new Settings(trainingEvents, referenceEvents, shift, t, seed);
    }

    public Settings withEvents(int training, int reference) {
      return new Settings(training, reference, shift, this.training, seed);
    }
  }

  /** A 68 % interval [lo, hi] on μ. */
  public record Interval(double lo, double hi) {
    public double width() {
      return hi - lo;
    }
  }

  /**
   * @param exact μ interval with the exact g and α profiled
   * @param learned μ interval with the learned ĝ and α profiled
   * @param fixed μ interval with α fixed at 0
   * @param bulkDeviation max over |x| ≤ {@value #BULK} and both directions of |ĝ(x)/g(x) − 1|
   * @param entry what {@link LearnedShapes} added (rates, closure, renormalisation)
   * @param trainingSeconds time of the ratio training
   */
  public record Result(Interval exact, Interval learned, Interval fixed, double bulkDeviation, LearnedShapes.Entry entry,
      double trainingSeconds) {
    /** Width with learned ĝ over width with exact g. */
    public double widthRatio() {
      return learned.width() / exact.width();
    }
  }

  /** Exact g(x, ±1) for shift δ. */
  public static double exactG(double x, double shift, int sign) {
    return Math.exp(sign * shift * x - 0.5 * shift * shift);
  }

  static double normal(double x, double m, double s) {
    double z = (x - m) / s;
    return Math.exp(-0.5 * z * z) / (s * Math.sqrt(2 * Math.PI));
  }

  /** Runs the study (deterministic for given settings). */
  public static Result run(Settings s) {
    SplittableRandom rng = new SplittableRandom(s.seed());
    double d = s.shift();
    int n = s.referenceEvents();
    // reference sample from ½(p_B + p_S)
    double[] x = new double[n];
    double[] w = new double[n];
    float[] omega = new float[n];
    float[] rB = new float[n];
    float[] rS = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = rng.nextBoolean() ? rng.nextGaussian() : SIGNAL_MEAN + SIGNAL_WIDTH * rng.nextGaussian();
      double pb = normal(x[i], 0, 1);
      double ps = normal(x[i], SIGNAL_MEAN, SIGNAL_WIDTH);
      double pref = 0.5 * (pb + ps);
      rB[i] = (float) (pb / pref);
      rS[i] = (float) (ps / pref);
      w[i] = 1.0 / n;
      omega[i] = (float) w[i];
    }
    EventTable events = EventTable.of("ref", w).withDoubleColumn("x", x);
    // training samples of the background at α = 0, ±1
    int m = s.trainingEvents();
    EventTable nominal = gaussian(rng, m, 0, BACKGROUND / m);
    EventTable up = gaussian(rng, m, d, RATE_UP * BACKGROUND / m);
    EventTable down = gaussian(rng, m, -d, RATE_DOWN * BACKGROUND / m);

    // exact model
    float[] gUp = new float[n];
    float[] gDn = new float[n];
    for (int i = 0; i < n; i++) {
      gUp[i] = (float) exactG(x[i], d, 1);
      gDn[i] = (float) exactG(x[i], d, -1);
    }
    UnbinnedModel.Builder be = builder(n, omega, rB, rS);
    LearnedShapes.addColumns(be, 0, "alpha", gUp, gDn, RATE_UP, RATE_DOWN, omega, rB);
    Interval exact;
    Interval fixed;
    double[] data;
    try (UnbinnedModel me = be.build()) {
      data = new double[me.nMain() + me.nAux()];
      me.expectedData(new double[] {1.0, 0.0}, data);
      exact = interval(me, data, false);
      fixed = interval(me, data, true);
    }

    // learned model
    long t0 = System.nanoTime();
    UnbinnedModel.Builder bl = builder(n, omega, rB, rS);
    double dev = 0;
    LearnedShapes.Entry entry;
    double sec;
    try (ShapeRatio g = ShapeRatios.train("bkg", "alpha", nominal, up, down, s.training())) {
      sec = (System.nanoTime() - t0) / 1e9;
      int k = 401;
      double[] grid = new double[k];
      for (int i = 0; i < k; i++) {
        grid[i] = -BULK + 2 * BULK * i / (k - 1);
      }
      ShapeRatio.Columns c = g.columns(FeatureMatrix.ofColumns(List.of("x"), grid));
      for (int i = 0; i < k; i++) {
        dev = Math.max(dev, Math.abs(c.up()[i] / exactG(grid[i], d, 1) - 1));
        dev = Math.max(dev, Math.abs(c.down()[i] / exactG(grid[i], d, -1) - 1));
      }
      entry = LearnedShapes.addShape(bl, 0, g, FeatureMatrix.ofColumns(List.of("x"), x), omega, rB, true);
    }
    Interval learned;
    try (UnbinnedModel ml = bl.build()) {
      learned = interval(ml, data, false);
    }
    return new Result(exact, learned, fixed, dev, entry, sec);
  }

  private static EventTable gaussian(SplittableRandom rng, int m, double mean, double weight) {
    double[] v = new double[m];
    double[] w = new double[m];
    for (int i = 0; i < m; i++) {
      v[i] = mean + rng.nextGaussian();
      w[i] = weight;
    }
    return EventTable.of("bkg", w).withDoubleColumn("x", v);
  }

  private static UnbinnedModel.Builder builder(int n, float[] omega, float[] rB, float[] rS) {
    UnbinnedModel.Builder b = UnbinnedModel.builder(n).poi("mu", 1, -2, 4).threads(1).referenceWeights(omega);
    b.component("bkg", BACKGROUND, new Coefficient.Monomial(List.of()), rB);
    b.component("sig", SIGNAL, new Coefficient.Monomial(List.of("mu")), rS);
    return b;
  }

  private static Interval interval(UnbinnedModel m, double[] data, boolean fixAlpha) {
    FitOptions o = FitOptions.suggested(m);
    if (fixAlpha) {
      o = o.withFixed(m.parIndex("alpha"), 0);
    }
    ProfileScan s = InferenceFacade.scan(new InferenceProblem(m, data, o, "shape toy"), 0, ProfileLikelihood.linspace(0, 2, 21));
    if (!s.converged()) {
      throw new IllegalStateException("shape toy: profile scan did not converge: " + s.message());
    }
    return new Interval(s.interval68()[0], s.interval68()[1]);
  }
}
