package io.sumbin.eft;

import io.sumbin.binning.BinningStrategy;
import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.compile.ModelCompiler;
import io.sumbin.histmodel.family.FamilyScan;
import io.sumbin.histmodel.fit.FitOptions;
import io.sumbin.histmodel.fit.Fitter;
import io.sumbin.histmodel.fit.LikelihoodModel;
import io.sumbin.histmodel.infer.ProfileLikelihood;
import io.sumbin.histmodel.infer.ProfileScan;
import io.sumbin.histmodel.spec.Coefficient;
import io.sumbin.histmodel.unbinned.UnbinnedModel;
import io.sumbin.summaries.DerivativeSummary;
import io.sumbin.summaries.Event2VecSummary;
import io.sumbin.summaries.TrainingSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * Binned versus unbinned, learned versus truth: for one Wilson coefficient, one truth and one
 * luminosity, the expected 68%/95% intervals and the Fisher information at the truth from
 *
 * <ol type="a">
 *   <li>a traditional histogram of one kinematic variable;
 *   <li>per-point optimal observables r̂(x|c′) of a derivative-learning network, binned per scan point;
 *   <li>event2vec summed summaries Σ_i w_i s(x_i) of a binwise (softmax) network — a soft histogram;
 *   <li>the unbinned likelihood with the learned per-event ratio r̂(x|c) = 1 + c R̂(x) + ½ c² R̂₂(x);
 *   <li>the unbinned likelihood with the exact per-event ratio (the parton-level bound).
 * </ol>
 *
 * The networks are trained on the training part of the events, every likelihood is evaluated on
 * the test part with Asimov data of the truth (binned: expected yields; unbinned: the test events
 * weighted with L·w_i(truth)). No systematic uncertainties except an optional common normalisation,
 * so the table isolates the observable. Fisher information: binned Σ_b (∂ν_b)²/ν_b; unbinned truth
 * L Σ_i (∂w_i)²/w_i; unbinned learned L (Σ_i ∂w_i R̂_i)² / Σ_i w_i R̂_i² (what the learned linear
 * statistic carries).
 */
public final class EftComparison {
  private EftComparison() {}

  /**
   * @param coefficient the scanned coefficient (others fixed at 0)
   * @param truth its true value
   * @param luminosityFb integrated luminosity (fb⁻¹; weights in pb)
   * @param features table columns the networks see
   * @param histogramColumn the traditional observable
   * @param bins bins of every binned method (quantile binning of the SM yield; event2vec: its dimension)
   * @param trainFraction fraction of events used for training
   * @param training network settings (seeded)
   */
  public record Settings(String coefficient, double truth, double luminosityFb, List<String> features, String histogramColumn,
      int bins, double trainFraction, TrainingSettings training, double normalizationUncertainty, int points) {
    public Settings withTraining(TrainingSettings t) {
      return new Settings(coefficient, truth, luminosityFb, features, histogramColumn, bins, trainFraction, t, normalizationUncertainty, points);
    }
  }

  /** One method's result. */
  public record Method(String key, String label, double[] interval68, double[] interval95, double fisher, double[] values,
      double[] t, boolean converged) {
    public double width68() {
      return interval68[1] - interval68[0];
    }
  }

  /** The comparison. */
  public record Result(Settings settings, int trainEvents, int testEvents, List<Method> methods, double[] derivativeLoss,
      double[] event2vecLoss) {
    public Method method(String key) {
      return methods.stream().filter(m -> m.key().equals(key)).findFirst().orElseThrow();
    }
  }

  /**
   * Relative rate change that sets the range of θ the event2vec classifier is trained on (θ is
   * sampled where σ(θ)/σ(0) − 1 stays within it, so that the hypotheses are distinguishable).
   */
  public static final double RATE_CHANGE = 0.3;

  public static final String HISTOGRAM = "histogram";
  public static final String LEARNED_BINNED = "learned_binned";
  public static final String EVENT2VEC = "event2vec";
  public static final String UNBINNED_LEARNED = "unbinned_learned";
  public static final String UNBINNED_TRUTH = "unbinned_truth";

  /** Trains the summaries and runs all five methods. */
  public static Result run(EftEvents events, Settings s) {
    return run(events, s, null);
  }

  /**
   * Trains the summaries (saved into {@code modelDir}/derivative and {@code modelDir}/event2vec
   * when it is not null) and runs all five methods.
   */
  public static Result run(EftEvents events, Settings s, java.nio.file.Path modelDir) {
    EftEvents.Split split = events.split(s.trainFraction(), s.training().seed());
    List<String> active = List.of(s.coefficient());
    try (DerivativeSummary d = EftAnalysis.trainDerivative(split.train(), s.features(), active, s.training())) {
      // the classifier needs distinguishable hypotheses: sample θ where the rate changes by up to ~30%
      double span = Math.max(rateSpan(split.train(), s.coefficient(), RATE_CHANGE), 2 * Math.abs(s.truth()));
      try (Event2VecSummary e2v = EftAnalysis.trainEvent2Vec(split.train(), s.features(), active, new double[] {s.truth() - span},
          new double[] {s.truth() + span}, s.bins(), s.training())) {
        if (modelDir != null) {
          d.save(modelDir.resolve("derivative"));
          e2v.save(modelDir.resolve("event2vec"));
        }
        return evaluate(split.test(), s, d, e2v, split.train().size(), lossOf(d), lossOf(e2v));
      }
    }
  }

  /**
   * The smallest |c| (on either side of 0) at which σ(c)/σ(0) departs from 1 by {@code change}
   * (1 if it never does within 1e3).
   */
  static double rateSpan(EftEvents ev, String coefficient, double change) {
    int i = ev.coefficientIndex(coefficient);
    double s0 = ev.crossSection(new double[ev.coefficients().size()]);
    double best = Double.POSITIVE_INFINITY;
    for (double sign : new double[] {-1, 1}) {
      double lo = 0;
      double hi = 1e-6;
      double[] c = new double[ev.coefficients().size()];
      while (hi < 1e3) {
        c[i] = sign * hi;
        if (Math.abs(ev.crossSection(c) / s0 - 1) >= change) {
          break;
        }
        lo = hi;
        hi *= 2;
      }
      if (hi >= 1e3) {
        continue;
      }
      for (int it = 0; it < 60; it++) {
        double mid = 0.5 * (lo + hi);
        c[i] = sign * mid;
        if (Math.abs(ev.crossSection(c) / s0 - 1) >= change) {
          hi = mid;
        } else {
          lo = mid;
        }
      }
      best = Math.min(best, hi);
    }
    return Double.isFinite(best) ? best : 1.0;
  }

  private static double[] lossOf(io.sumbin.summaries.SavedModel m) {
    try {
      return m.info().history().validationLoss();
    } catch (RuntimeException e) {
      return new double[0];
    }
  }

  private static double referenceFisher(EftEvents ev, Settings s) {
    return EftAnalysis.builder(ev).luminosity(s.luminosityFb()).truth(truthVector(ev, s)).build().unbinnedFisher(s.coefficient());
  }

  static double[] truthVector(EftEvents ev, Settings s) {
    double[] t = new double[ev.coefficients().size()];
    t[ev.coefficientIndex(s.coefficient())] = s.truth();
    return t;
  }

  /** Runs the five methods on {@code test} with already trained summaries. */
  public static Result evaluate(EftEvents test, Settings s, DerivativeSummary d, Event2VecSummary e2v, int trainEvents,
      double[] dLoss, double[] eLoss) {
    double[] truth = truthVector(test, s);
    String c = s.coefficient();
    EftAnalysis hist = builder(test, s).observable(EftObservable.column(s.histogramColumn())).build();
    EftAnalysis learned = builder(test, s).observable(EftObservable.learned(d, s.features())).build();
    EftAnalysis truthA = builder(test, s).build();
    double l = s.luminosityFb() * 1000;
    List<Method> out = new ArrayList<>();
    // (a), (b): families
    out.add(familyMethod(HISTOGRAM, "histogram of " + s.histogramColumn(), hist, c, s, hist.fisher(c)));
    out.add(familyMethod(LEARNED_BINNED, "learned r̂(x|c'), binned per point", learned, c, s, learned.fisher(c)));
    // (c) event2vec soft bins
    double[][] soft = e2v.evaluate(test.features(s.features()));
    CompiledModel softModel = ModelCompiler.compile(truthA.summedModel(soft, c));
    double[] softData = softModel.withAuxdata(truthA.summedData(soft));
    out.add(profileMethod(EVENT2VEC, "event2vec summed summary (soft bins)", softModel, softData, s, softFisher(test, c, truth, soft, l)));
    // (d), (e): unbinned
    double[] dataW = test.weights(truth);
    for (int i = 0; i < dataW.length; i++) {
      dataW[i] *= l;
    }
    double[][] rhat = d.evaluate(test.features(s.features()));
    UnbinnedModel ul = unbinned(test, c, new double[][] {ones(test.size()), rhat[0], half(rhat[1])}, l, s);
    out.add(profileMethod(UNBINNED_LEARNED, "unbinned, learned ratio", ul, ul.withAuxdata(dataW), s,
        learnedFisher(test, c, rhat[0], truthA, l)));
    double[][] exact = exactRatios(test, c);
    UnbinnedModel ut = unbinned(test, c, exact, l, s);
    out.add(profileMethod(UNBINNED_TRUTH, "unbinned, exact ratio (truth)", ut, ut.withAuxdata(dataW), s, truthA.unbinnedFisher(c)));
    return new Result(s, trainEvents, test.size(), List.copyOf(out), dLoss, eLoss);
  }

  /** The analysis settings shared by the binned methods (luminosity, truth, quantile bins, normalisation). */
  private static EftAnalysis.Builder builder(EftEvents ev, Settings s) {
    EftAnalysis.Builder b = EftAnalysis.builder(ev).luminosity(s.luminosityFb()).truth(truthVector(ev, s))
        .binning(BinningStrategy.quantile(s.bins()));
    if (s.normalizationUncertainty() > 0) {
      b.normalization("norm", s.normalizationUncertainty());
    }
    return b;
  }

  private static double[] ones(int n) {
    double[] o = new double[n];
    java.util.Arrays.fill(o, 1.0);
    return o;
  }

  private static double[] half(double[] a) {
    double[] o = a.clone();
    for (int i = 0; i < o.length; i++) {
      o[i] *= 0.5;
    }
    return o;
  }

  /** Exact ratio columns B_i,k / w_SM,i for the monomials 1, c, c² (0 where w_SM = 0). */
  static double[][] exactRatios(EftEvents ev, String c) {
    int k0 = ev.indexOfMonomial(List.of());
    int k1 = ev.indexOfMonomial(List.of(c));
    int k2 = ev.indexOfMonomial(List.of(c, c));
    int n = ev.size();
    double[][] r = new double[3][n];
    for (int i = 0; i < n; i++) {
      double sm = ev.component(i, k0);
      if (sm != 0) {
        r[0][i] = 1;
        r[1][i] = ev.component(i, k1) / sm;
        r[2][i] = k2 >= 0 ? ev.component(i, k2) / sm : 0;
      }
    }
    return r;
  }

  /**
   * The unbinned model: components 1, c, c² with yield L·σ_SM and the given ratio columns,
   * reference weights ω_i = w_SM,i / σ_SM (events with w_SM = 0 carry no weight).
   */
  static UnbinnedModel unbinned(EftEvents ev, String c, double[][] ratios, double l, Settings s) {
    int n = ev.size();
    double[] sm = ev.smWeights();
    double sigma = 0;
    for (double w : sm) {
      sigma += w;
    }
    float[] ref = new float[n];
    for (int i = 0; i < n; i++) {
      ref[i] = (float) (sm[i] / sigma);
    }
    UnbinnedModel.Builder b = UnbinnedModel.builder(n).poi(c, 0.0, -1e4, 1e4);
    if (s.normalizationUncertainty() > 0) {
      b.nuisance("norm");
    }
    String[][] monos = {{}, {c}, {c, c}};
    for (int j = 0; j < 3; j++) {
      float[] col = new float[n];
      for (int i = 0; i < n; i++) {
        col[i] = (float) ratios[j][i];
      }
      int idx = b.component("m" + j, l * sigma, new Coefficient.Monomial(List.of(monos[j])), col);
      if (s.normalizationUncertainty() > 0) {
        b.norm(idx, "norm", 1 + s.normalizationUncertainty(), 1 - s.normalizationUncertainty());
      }
    }
    return b.referenceWeights(ref).build();
  }

  static double softFisher(EftEvents ev, String c, double[] truth, double[][] soft, double l) {
    EftAnalysis a = EftAnalysis.builder(ev).luminosity(l / 1000).truth(truth).build();
    double[] dw = a.derivativeWeights(ev.coefficientIndex(c));
    double[] w = ev.weights(truth);
    double f = 0;
    for (int j = 0; j < soft.length; j++) {
      double nu = 0;
      double dnu = 0;
      for (int i = 0; i < w.length; i++) {
        nu += w[i] * soft[j][i];
        dnu += dw[i] * soft[j][i];
      }
      if (nu > 0) {
        f += dnu * dnu / nu;
      }
    }
    return f * l;
  }

  static double learnedFisher(EftEvents ev, String c, double[] rhat, EftAnalysis truthA, double l) {
    double[] dw = truthA.derivativeWeights(ev.coefficientIndex(c));
    double[] w = ev.weights(truthA.truthPoint());
    double num = 0;
    double den = 0;
    for (int i = 0; i < w.length; i++) {
      num += dw[i] * rhat[i];
      den += w[i] * rhat[i] * rhat[i];
    }
    return den > 0 ? l * num * num / den : 0;
  }

  private static Method familyMethod(String key, String label, EftAnalysis a, String c, Settings s, double fisher) {
    Scan sc = adaptive(fisher, s, (lo, hi) -> {
      FamilyScan f = a.scan(c, lo, hi, s.points());
      double[] x = new double[f.t().length];
      for (int i = 0; i < x.length; i++) {
        x[i] = f.theta()[i][0];
      }
      return new Scan(x, f.t(), f.interval68(), f.interval95(), f.converged());
    });
    return new Method(key, label, sc.i68, sc.i95, fisher, sc.x, sc.t, sc.converged);
  }

  private static Method profileMethod(String key, String label, LikelihoodModel m, double[] data, Settings s, double fisher) {
    int par = m.parIndex(s.coefficient());
    Scan sc = adaptive(fisher, s, (lo, hi) -> {
      ProfileLikelihood pl = new ProfileLikelihood(new Fitter(m), FitOptions.suggested(m).withUncertainties(false));
      ProfileScan p = pl.scan(par, ProfileLikelihood.linspace(lo, hi, s.points()), data);
      // one likelihood: interval edges solved by root finding on conditional fits
      return new Scan(p.values(), p.deltaTwiceNll(), p.interval68(), p.interval95(), p.converged());
    });
    return new Method(key, label, sc.i68, sc.i95, fisher, sc.x, sc.t, sc.converged);
  }

  private record Scan(double[] x, double[] t, double[] i68, double[] i95, boolean converged) {}

  private interface Grid {
    Scan run(double lo, double hi);
  }

  /** Grid ±4/√I around the truth, widened until the 95% interval closes, then refined to 1.3× its reach. */
  private static Scan adaptive(double fisher, Settings s, Grid g) {
    double half = 4 / Math.sqrt(Math.max(fisher, 1e-300));
    double t0 = s.truth();
    Scan sc = null;
    for (int attempt = 0; attempt < 8; attempt++) {
      sc = g.run(t0 - half, t0 + half);
      if (Double.isNaN(sc.i95[0]) || Double.isNaN(sc.i95[1])) {
        half *= 3;
        continue;
      }
      double reach = Math.max(t0 - sc.i95[0], sc.i95[1] - t0);
      if (attempt == 0 || reach < half / 3) {
        half = 1.3 * reach;
        sc = g.run(t0 - half, t0 + half);
      }
      break;
    }
    return sc;
  }
}
