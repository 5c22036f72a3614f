package io.sumbin.summaries.shape;

import io.sumbin.binning.EventTable;
import io.sumbin.summaries.EventTables;
import io.sumbin.summaries.FeatureMatrix;
import io.sumbin.summaries.ratio.SampleClassifier;
import io.sumbin.summaries.ratio.SampleClassifier.Sample;
import io.sumbin.summaries.ratio.SampleClassifier.Split;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Training of learned shape-systematic ratios ĝ(x, ±1) = p_J(x|±1)/p_J(x|0) (see {@link ShapeRatio} for
 * the maths and the normalisation convention; ATLAS NSBI arXiv:2412.01600, CARL arXiv:1506.02169).
 *
 * <p>Recipe: each of the three samples (nominal, up, down; weighted) is split with the training seed into
 * training and held-out events (the training settings' validation fraction); two classifiers (up vs
 * nominal, down vs nominal) are trained with class-balanced weights and early stopping on the held-out
 * loss; the logits are calibrated on the held-out events ({@link ShapeTraining.Calibration}); the
 * calibrated ĝ is divided by its held-out nominal mean (when {@link ShapeTraining#normalize()}); the
 * held-out closure E_0[ĝ] and E_±[1/ĝ] and the rates G(±1) = Σw_±/Σw_0 are recorded. Same seed and data
 * → the same ratio.
 *
 * <pre>{@code
 * ShapeTraining how = ShapeTraining.of(List.of("x"), TrainingSettings.DEFAULT.withHidden(32, 32));
 * try (ShapeRatio g = ShapeRatios.train("bkg", "jes", nominal, jesUp, jesDown, how)) {   // EventTables
 *   ShapeRatio.Columns c = g.columns(modelEvents);
 *   builder.shape(j, "jes", c.up(), c.down()).norm(j, "jes", g.rateUp().value(), g.rateDown().value());
 * }
 * }</pre>
 */
public final class ShapeRatios {
  private ShapeRatios() {}

  /** The table's feature columns (by name) and event weights as a sample. */
  public static Sample sample(EventTable t, List<String> features) {
    return new Sample(EventTables.features(t, features), t.weights());
  }

  /** Trains from event tables: features by name ({@link ShapeTraining#features()}), the tables' weights. */
  public static ShapeRatio train(String process, String systematic, EventTable nominal, EventTable up, EventTable down,
      ShapeTraining how) {
    return train(process, systematic, sample(nominal, how.features()), sample(up, how.features()),
        sample(down, how.features()), how);
  }

  /**
   * Trains ĝ(x, ±1) of one process and systematic.
   *
   * @param nominal events at α = 0 (features are selected by the names in {@code how})
   * @param up events at α = +1 (may share events with nominal under other weights, or be a varied sample)
   * @param down events at α = −1
   * @throws IllegalArgumentException on missing features, empty or non-positive samples
   */
  public static ShapeRatio train(String process, String systematic, Sample nominal, Sample up, Sample down,
      ShapeTraining how) {
    if (process == null || process.isBlank() || systematic == null || systematic.isBlank()) {
      throw new IllegalArgumentException("shape ratio: process and systematic names must be non-blank");
    }
    Sample n0 = select(nominal, how.features());
    Sample nu = select(up, how.features());
    Sample nd = select(down, how.features());
    String what = "shape ratio " + process + "/" + systematic;
    for (Object[] s : new Object[][] {{"nominal", n0}, {"up", nu}, {"down", nd}}) {
      Sample x = (Sample) s[1];
      if (x.x().rows() < 4) {
        throw new IllegalArgumentException(what + ": the " + s[0] + " sample has " + x.x().rows() + " events (need >= 4)");
      }
      if (!(x.sumWeights() > 0)) {
        throw new IllegalArgumentException(what + ": the " + s[0] + " sample has total weight " + x.sumWeights()
            + " (must be positive)");
      }
    }
    double f = how.training().validationFraction();
    SplittableRandom rng = new SplittableRandom(how.training().seed() * 0x9E3779B97F4A7C15L + 0x5EED);
    Split s0 = split(n0, f, rng.split());
    Split su = split(nu, f, rng.split());
    Split sd = split(nd, f, rng.split());
    Map<String, Split> classes = new LinkedHashMap<>();
    classes.put("up", su);
    classes.put("down", sd);
    SampleClassifier c = SampleClassifier.train(s0, classes, how.training());
    try {
      Sample v0 = s0.validation();
      double[] l0Up = c.logit("up", v0.x());
      double[] l0Dn = c.logit("down", v0.x());
      double[] l1Up = c.logit("up", su.validation().x());
      double[] l1Dn = c.logit("down", sd.validation().x());
      LogitCalibration calUp = calibrate(how, l1Up, su.validation().weights(), l0Up, v0.weights());
      LogitCalibration calDn = calibrate(how, l1Dn, sd.validation().weights(), l0Dn, v0.weights());
      ShapeRatio.Closure clUp = closure(how, calUp, l0Up, v0.weights(), l1Up, su.validation().weights());
      ShapeRatio.Closure clDn = closure(how, calDn, l0Dn, v0.weights(), l1Dn, sd.validation().weights());
      return new ShapeRatio(process, systematic, c, calUp, calDn, rate(nu, n0), rate(nd, n0), clUp, clDn);
    } catch (RuntimeException | Error e) {
      c.close();
      throw e;
    }
  }

  private static Sample select(Sample s, List<String> features) {
    FeatureMatrix x = s.x().select(features);
    return x == s.x() ? s : new Sample(x, s.weights());
  }

  /** Seeded split into training and held-out events (at least one held out). */
  static Split split(Sample s, double fraction, SplittableRandom rng) {
    int n = s.x().rows();
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    int nVal = Math.max(1, Math.min(n - 1, (int) Math.round(n * fraction)));
    int[] val = Arrays.copyOfRange(all, 0, nVal);
    int[] train = Arrays.copyOfRange(all, nVal, n);
    Arrays.sort(val);
    Arrays.sort(train);
    return new Split(s.rows(train), s.rows(val));
  }

  private static LogitCalibration calibrate(ShapeTraining how, double[] l1, double[] w1, double[] l0, double[] w0) {
    return switch (how.calibration()) {
      case NONE -> LogitCalibration.NONE;
      case PLATT -> LogitCalibration.platt(l1, w1, l0, w0);
      case HISTOGRAM -> LogitCalibration.histogram(l1, w1, l0, w0, how.calibrationBins());
    };
  }

  /** E_0[ĝ] before normalisation, then E_±[1/ĝ] after it, on held-out events, with errors. */
  private static ShapeRatio.Closure closure(ShapeTraining how, LogitCalibration cal, double[] l0, double[] w0,
      double[] l1, double[] w1) {
    double[] g0 = factors(cal, l0);
    double[] m0 = weightedMean(g0, w0);
    double c = how.normalize() ? m0[0] : 1.0;
    if (!(c > 0) || !Double.isFinite(c)) {
      throw new IllegalStateException("shape ratio: the held-out nominal mean of g is " + c + "; cannot normalise");
    }
    double[] g1 = factors(cal, l1);
    double[] inv = new double[g1.length];
    for (int i = 0; i < g1.length; i++) {
      inv[i] = c / g1[i];
    }
    double[] m1 = weightedMean(inv, w1);
    return new ShapeRatio.Closure(m0[0], m0[1], m1[0], m1[1], c);
  }

  static double[] factors(LogitCalibration cal, double[] logits) {
    double lo = -Math.log(ShapeRatio.MAX_RATIO);
    double hi = Math.log(ShapeRatio.MAX_RATIO);
    double[] g = new double[logits.length];
    for (int i = 0; i < g.length; i++) {
      g[i] = Math.exp(Math.max(lo, Math.min(hi, cal.apply(logits[i]))));
    }
    return g;
  }

  /** {Σw v/Σw, its error √Σw²(v − mean)²/Σw}. */
  static double[] weightedMean(double[] v, double[] w) {
    double sw = 0;
    double swv = 0;
    for (int i = 0; i < v.length; i++) {
      sw += w[i];
      swv += w[i] * v[i];
    }
    double m = swv / sw;
    double e2 = 0;
    for (int i = 0; i < v.length; i++) {
      double d = w[i] * (v[i] - m);
      e2 += d * d;
    }
    return new double[] {m, Math.sqrt(e2) / Math.abs(sw)};
  }

  /** G = Σw_var/Σw_nom with the error of two independent weighted sums. */
  static ShapeRatio.Rate rate(Sample varied, Sample nominal) {
    double s1 = 0, q1 = 0, s0 = 0, q0 = 0;
    for (double w : varied.weights()) {
      s1 += w;
      q1 += w * w;
    }
    for (double w : nominal.weights()) {
      s0 += w;
      q0 += w * w;
    }
    double g = s1 / s0;
    return new ShapeRatio.Rate(g, g * Math.sqrt(q1 / (s1 * s1) + q0 / (s0 * s0)));
  }
}
