package io.sumbin.eft;

import io.sumbin.binning.BinningStrategy;
import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.compile.ModelCompiler;
import io.sumbin.histmodel.family.FamilyScan;
import io.sumbin.histmodel.likelihood.LikelihoodModel;
import io.sumbin.histmodel.infer.ProfileLikelihood;
import io.sumbin.histmodel.inference.InferenceFacade;
import io.sumbin.histmodel.inference.InferenceProblem;
import io.sumbin.histmodel.infer.ProfileScan;
import io.sumbin.histmodel.spec.Coefficient;
import io.sumbin.histmodel.unbinned.UnbinnedModel;
import io.sumbin.histmodel.util.RecordText;
import io.sumbin.summaries.FeatureSymmetry;
import io.sumbin.summaries.LearnedSummary;
import io.sumbin.summaries.TrainingSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * Binned versus unbinned, learned versus classical versus truth: for one Wilson coefficient, one truth and one
 * luminosity, the expected 68%/95% intervals and the Fisher information at the truth (debiased, with jackknife
 * errors, {@link FisherInformation}) from
 *
 * <ol type="a">
 *   <li>a traditional histogram of one kinematic variable;
 *   <li>per-point optimal observables r̂(x|c′) of derivative learning, binned per scan point — trained and selected
 *       on cross-validated Fisher information ({@link ObservableTraining#derivative});
 *   <li>event2vec summed summaries Σ_i w_i s(x_i) of a binwise (softmax) network — a soft histogram — with the
 *       width of its parameter prior chosen on validation information ({@link ObservableTraining#event2vec});
 *   <li>the unbinned likelihood with the learned per-event ratio r̂(x|c) = 1 + c R̂(x) + ½ c² R̂₂(x);
 *   <li>the unbinned likelihood with the exact per-event ratio (the parton-level bound);
 * </ol>
 *
 * beside the classical baselines a physicist would try first ({@link ClassicalBaselines}: the best single
 * feature and the best pair of features, selected on the training events). The networks train on the training
 * events only; every number is evaluated on the test events (held-out files, or the test part of a seeded
 * split) with Asimov data of the truth. No systematic uncertainties except an optional common normalisation,
 * so the table isolates the observable.
 */
public final class EftComparison {
  private EftComparison() {}

  /**
   * What to compare (build with {@link #builder}).
   *
   * @param coefficient the scanned coefficient (others fixed at 0)
   * @param truth its true value
   * @param luminosityFb integrated luminosity (fb⁻¹; weights in pb)
   * @param features table columns the networks and the classical baselines may use
   * @param histogramColumn the traditional observable
   * @param bins bins of every binned method (quantile binning of the SM yield; event2vec: its dimension)
   * @param trainFraction fraction of events used for training when one sample is split
   * @param training base network settings (seed, epochs, progress); the recipe's encoding, clipping and
   *     patience come from {@link ObservableTraining.Settings#defaults}
   * @param normalizationUncertainty relative normalisation uncertainty of the signal (a normsys; 0 for none)
   * @param points scan points
   * @param symmetry feature flips the physics is invariant under (or null)
   * @param threads parallel trainings
   */
  public record Settings(String coefficient, double truth, double luminosityFb, List<String> features, String histogramColumn,
      int bins, double trainFraction, TrainingSettings training, double normalizationUncertainty, int points,
      FeatureSymmetry symmetry, int threads) {
    /**
     * Settings for {@code coefficient} with these features, the rest from the builder's defaults: truth 0 (the SM),
     * 10 bins, half of the events for training, {@link TrainingSettings#DEFAULT}, no normalisation uncertainty,
     * {@value Builder#DEFAULT_POINTS} scan points, no symmetry, one thread per processor. The luminosity and the
     * histogram column have no default.
     */
    public static Builder builder(String coefficient, List<String> features) {
      return new Builder(coefficient, features);
    }

    /** A builder of {@link Settings} (see {@link Settings#builder}). */
    public static final class Builder {
      /** Default number of scan points. */
      public static final int DEFAULT_POINTS = 41;

      private final String coefficient;
      private final List<String> features;
      private double truth;
      private double luminosityFb = Double.NaN;
      private String histogramColumn;
      private int bins = 10;
      private double trainFraction = 0.5;
      private TrainingSettings training = TrainingSettings.DEFAULT;
      private double normalizationUncertainty;
      private int points = DEFAULT_POINTS;
      private FeatureSymmetry symmetry;
      private int threads = Runtime.getRuntime().availableProcessors();

      private Builder(String coefficient, List<String> features) {
        this.coefficient = coefficient;
        this.features = List.copyOf(features);
      }

      /** The coefficient's true value (default 0). */
      public Builder truth(double v) {
        this.truth = v;
        return this;
      }

      /** Integrated luminosity in fb⁻¹ (required; event weights are pb). */
      public Builder luminosityFb(double fb) {
        this.luminosityFb = fb;
        return this;
      }

      /** The traditional observable (required). */
      public Builder histogramColumn(String column) {
        this.histogramColumn = column;
        return this;
      }

      /** Bins of every binned method (default 10). */
      public Builder bins(int n) {
        this.bins = n;
        return this;
      }

      /** Fraction of events used for training when one sample is split (default 0.5). */
      public Builder trainFraction(double f) {
        this.trainFraction = f;
        return this;
      }

      /** Base network settings (default {@link TrainingSettings#DEFAULT}). */
      public Builder training(TrainingSettings t) {
        this.training = t;
        return this;
      }

      /** Relative normalisation uncertainty of the signal (default 0). */
      public Builder normalizationUncertainty(double u) {
        this.normalizationUncertainty = u;
        return this;
      }

      /** Scan points (default {@value #DEFAULT_POINTS}). */
      public Builder points(int n) {
        this.points = n;
        return this;
      }

      /** Feature flips the physics is invariant under (default none). */
      public Builder symmetry(FeatureSymmetry sym) {
        this.symmetry = sym;
        return this;
      }

      /** Parallel trainings (default one per processor). */
      public Builder threads(int n) {
        this.threads = n;
        return this;
      }

      /**
       * The settings.
       *
       * @throws IllegalArgumentException if the luminosity is not positive or no histogram column was given
       */
      public Settings build() {
        if (!(luminosityFb > 0)) {
          throw new IllegalArgumentException("comparison settings: luminosityFb must be positive, got " + luminosityFb);
        }
        if (histogramColumn == null) {
          throw new IllegalArgumentException("comparison settings: no histogram column");
        }
        return new Settings(coefficient, truth, luminosityFb, features, histogramColumn, bins, trainFraction, training,
            normalizationUncertainty, points, symmetry, threads);
      }
    }

    public Settings withTraining(TrainingSettings t) {
      return new Settings(coefficient, truth, luminosityFb, features, histogramColumn, bins, trainFraction, t, normalizationUncertainty,
          points, symmetry, threads);
    }

    public Settings withSymmetry(FeatureSymmetry sym) {
      return new Settings(coefficient, truth, luminosityFb, features, histogramColumn, bins, trainFraction, training,
          normalizationUncertainty, points, sym, threads);
    }

    public Settings withThreads(int t) {
      return new Settings(coefficient, truth, luminosityFb, features, histogramColumn, bins, trainFraction, training,
          normalizationUncertainty, points, symmetry, t);
    }

    /** The learned-observable recipe for these settings. */
    public ObservableTraining.Settings learning() {
      ObservableTraining.Settings d = ObservableTraining.Settings.defaults(training.seed(), threads);
      TrainingSettings t = d.training().withMaxEpochs(Math.min(d.training().maxEpochs(), training.maxEpochs()))
          .withProgress(training.progress() ? training.progressListener() : io.sumbin.histmodel.progress.ProgressListener.NONE);
      return d.withTraining(t).withBins(bins).withSymmetry(symmetry);
    }
  }

  /**
   * One method's result.
   *
   * @param information its Fisher information at the truth on the test events (debiased, with error)
   */
  public record Method(String key, String label, double[] interval68, double[] interval95, FisherInformation.Estimate information,
      double[] values, double[] t, boolean converged) {
    @Override
    public String toString() {
      return RecordText.of(this);
    }

    public double width68() {
      return interval68[1] - interval68[0];
    }

    /** The (debiased) Fisher information. */
    public double fisher() {
      return information.value();
    }

    /** Its jackknife standard error. */
    public double fisherError() {
      return information.error();
    }
  }

  /**
   * How the learned observable was trained and selected (a record of {@link ObservableTraining.Result} without
   * the model).
   *
   * @param cvFisher cross-validated information on the training events, scaled to the luminosity
   * @param bestInputCvFisher the same for the best single input
   */
  public record LearnedTraining(List<String> inputs, FisherInformation.Estimate cvFisher, String bestInput,
      FisherInformation.Estimate bestInputCvFisher, List<ObservableTraining.Candidate> candidates, boolean ok, String warning,
      boolean retried, double seconds) {}

  /**
   * The comparison.
   *
   * @param derivativeValidation the validation information per epoch of the chosen observable's first member
   * @param event2vecValidation the same for the event2vec summary
   * @param event2vecPriorWidth the chosen width of event2vec's parameter prior
   * @param learnedEqualYield the learned observable's information in equal-yield bins (for the record: the
   *     method uses information-optimal bins chosen on the training events)
   */
  public record Result(Settings settings, int trainEvents, int testEvents, List<Method> methods, ClassicalBaselines.Result baselines,
      LearnedTraining learned, double event2vecPriorWidth, double[] derivativeValidation, double[] event2vecValidation,
      FisherInformation.Estimate learnedEqualYield) {
    @Override
    public String toString() {
      return RecordText.of(this);
    }

    public Method method(String key) {
      return methods.stream().filter(m -> m.key().equals(key)).findFirst().orElseThrow();
    }

    /** Fisher information of method a over that of method b, with the error of a ratio of independent estimates. */
    public double[] ratio(String a, String b) {
      return method(a).information().over(method(b).information());
    }
  }

  /**
   * Width of event2vec's parameter prior in expected standard deviations of the coefficient (1/√I of the learned
   * observable at the luminosity). The summary is trained in the limit of a prior concentrated at the SM
   * ({@link ObservableTraining#event2vec(EftEvents, List, String, double, ObservableTraining.Settings, boolean)});
   * the width sets the unit of θ in the parameter network and is recorded with the model.
   */
  public static final double EVENT2VEC_PRIOR_SIGMAS = ObservableTraining.EVENT2VEC_PRIOR_SIGMAS;

  public static final String HISTOGRAM = "histogram";
  public static final String LEARNED_BINNED = "learned_binned";
  public static final String EVENT2VEC = "event2vec";
  public static final String UNBINNED_LEARNED = "unbinned_learned";
  public static final String UNBINNED_TRUTH = "unbinned_truth";

  /** Splits the events ({@link Settings#trainFraction}, seeded), trains on one part and evaluates on the other. */
  public static Result run(EftEvents events, Settings s) {
    return run(events, s, null);
  }

  /** As {@link #run(EftEvents, Settings)}, saving the models into {@code modelDir} when it is not null. */
  public static Result run(EftEvents events, Settings s, java.nio.file.Path modelDir) {
    EftEvents.Split split = events.split(s.trainFraction(), s.training().seed());
    return run(split.train(), split.test(), s, modelDir);
  }

  /**
   * Trains on {@code train} and evaluates every method on {@code test} (e.g. held-out files), saving the models
   * into {@code modelDir}/derivative and {@code modelDir}/event2vec when it is not null.
   */
  public static Result run(EftEvents train, EftEvents test, Settings s, java.nio.file.Path modelDir) {
    String c = s.coefficient();
    double lpb = Units.perPb(s.luminosityFb());
    ObservableTraining.Settings ls = s.learning();
    try (ObservableTraining.Result d = ObservableTraining.derivative(train, s.features(), c, ls)) {
      if (!d.ok()) {
        System.err.println("warning: " + d.warning());
      }
      double sigma = 1 / Math.sqrt(Math.max(d.cvFisher().value(), d.bestInputCvFisher().value()) * lpb);
      ObservableTraining.Event2VecResult e2v = null;
      // the classical baselines do not depend on the networks: with a second thread they run while event2vec
      // trains (one network, one core), with the same numbers
      java.util.concurrent.FutureTask<ClassicalBaselines.Result> baselines = new java.util.concurrent.FutureTask<>(
          () -> ClassicalBaselines.evaluate(train, test, c, s.features(), s.histogramColumn(), s.bins(), s.luminosityFb()));
      if (s.threads() > 1) {
        Thread t = new Thread(baselines, "sumbin-baselines");
        t.setDaemon(true);
        t.start();
      }
      try {
        e2v = ObservableTraining.event2vec(train, d.inputs(), c, EVENT2VEC_PRIOR_SIGMAS * sigma, ls, true);
        if (modelDir != null) {
          d.model().save(modelDir.resolve("derivative"));
          e2v.model().save(modelDir.resolve("event2vec"));
        }
        LearnedTraining lt = new LearnedTraining(d.inputs(), d.cvFisher().times(lpb), d.bestInput(), d.bestInputCvFisher().times(lpb),
            d.candidates().stream().map(x -> new ObservableTraining.Candidate(x.inputs(), x.cvFisher().times(lpb))).toList(), d.ok(),
            d.warning(), d.retried(), d.seconds());
        if (s.threads() <= 1) {
          baselines.run();
        }
        ClassicalBaselines.Result base = join(baselines);
        return evaluate(test, s, d.model(), e2v.model(), train, base, lt, e2v.priorWidth(), validationCurve(d.model()),
            validationCurve(e2v.model()));
      } finally {
        baselines.cancel(true);
        if (e2v != null) {
          e2v.close();
        }
      }
    }
  }

  /** The value of a task, its exception rethrown as it was. */
  private static <T> T join(java.util.concurrent.FutureTask<T> task) {
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** The validation metric per epoch of a trained model (its first member for ensembles). */
  private static double[] validationCurve(io.sumbin.summaries.SavedModel m) {
    try {
      io.sumbin.summaries.SavedModel x = m;
      while (true) {
        if (x instanceof io.sumbin.summaries.SymmetrizedSummary y) {
          x = y.inner();
        } else if (x instanceof io.sumbin.summaries.ensemble.EnsembleModel e) {
          x = e.members().get(0);
        } else {
          break;
        }
      }
      io.sumbin.summaries.TrainingHistory h = x.info().history();
      return h == null ? new double[0] : h.validationMetric();
    } catch (RuntimeException e) {
      return new double[0];
    }
  }

  static double[] truthVector(EftEvents ev, Settings s) {
    double[] t = new double[ev.coefficients().size()];
    t[ev.coefficientIndex(s.coefficient())] = s.truth();
    return t;
  }

  /**
   * Runs the five methods on {@code test} with already trained summaries; the learned observable's bins are the
   * information-optimal ones of the training events ({@link EftAnalysis.Builder#informationBinning}).
   */
  public static Result evaluate(EftEvents test, Settings s, LearnedSummary d, LearnedSummary e2v, EftEvents train,
      ClassicalBaselines.Result baselines, LearnedTraining learnedTraining, double priorWidth, double[] dCurve, double[] eCurve) {
    double[] truth = truthVector(test, s);
    String c = s.coefficient();
    EftAnalysis hist = builder(test, s).observable(EftObservable.column(s.histogramColumn())).build();
    EftObservable lo = EftObservable.learned(d, s.features());
    EftAnalysis learned = builder(test, s).observable(lo).informationBinning(train, s.bins()).build();
    FisherInformation.Estimate equalYield = builder(test, s).observable(lo).build().fisherEstimate(c);
    EftAnalysis truthA = builder(test, s).build();
    double l = Units.perPb(s.luminosityFb());
    int ci = test.coefficientIndex(c);
    double[] w = test.weights(truth);
    double[] dw = truthA.derivativeWeights(ci);
    List<Method> out = new ArrayList<>();
    // (a), (b): families
    out.add(familyMethod(HISTOGRAM, "histogram of " + s.histogramColumn(), hist, c, s, hist.fisherEstimate(c)));
    out.add(familyMethod(LEARNED_BINNED, "learned r̂(x|c'), binned per point", learned, c, s, learned.fisherEstimate(c)));
    // (c) event2vec soft bins
    double[][] soft = e2v.evaluate(test.features(s.features()));
    CompiledModel softModel = ModelCompiler.compile(truthA.summedModel(soft, c));
    double[] softData = softModel.withAuxdata(truthA.summedData(soft));
    out.add(profileMethod(EVENT2VEC, "event2vec summed summary (soft bins)", softModel, softData, s,
        FisherInformation.soft(soft, w, dw, l, FisherInformation.DEFAULT_REPLICATES, FisherInformation.DEFAULT_SEED)));
    // (d), (e): unbinned
    double[] dataW = w.clone();
    for (int i = 0; i < dataW.length; i++) {
      dataW[i] *= l;
    }
    double[][] rhat = d.evaluate(test.features(s.features()));
    UnbinnedModel ul = unbinned(test, c, new double[][] {ones(test.size()), rhat[0], half(rhat[1])}, l, s);
    out.add(profileMethod(UNBINNED_LEARNED, "unbinned, learned ratio", ul, ul.withAuxdata(dataW), s,
        FisherInformation.linear(rhat[0], w, dw, l, FisherInformation.DEFAULT_REPLICATES, FisherInformation.DEFAULT_SEED)));
    double[][] exact = exactRatios(test, c);
    UnbinnedModel ut = unbinned(test, c, exact, l, s);
    out.add(profileMethod(UNBINNED_TRUTH, "unbinned, exact ratio (truth)", ut, ut.withAuxdata(dataW), s,
        FisherInformation.unbinned(w, dw, l, FisherInformation.DEFAULT_REPLICATES, FisherInformation.DEFAULT_SEED)));
    return new Result(s, train.size(), test.size(), List.copyOf(out), baselines, learnedTraining, priorWidth, dCurve, eCurve,
        equalYield);
  }

  /** The analysis settings shared by the binned methods (luminosity, truth, quantile bins, normalisation). */
  private static EftAnalysis.Builder builder(EftEvents ev, Settings s) {
    EftAnalysis.Builder b = EftAnalysis.builder(ev).luminosityFb(s.luminosityFb()).truth(truthVector(ev, s))
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

  private static Method familyMethod(String key, String label, EftAnalysis a, String c, Settings s,
      FisherInformation.Estimate fisher) {
    Scan sc = adaptive(fisher.value(), s, (lo, hi) -> {
      FamilyScan f = a.scan(c, lo, hi, s.points());
      double[] x = new double[f.t().length];
      for (int i = 0; i < x.length; i++) {
        x[i] = f.theta()[i][0];
      }
      return new Scan(x, f.t(), f.interval68(), f.interval95(), f.converged());
    });
    return new Method(key, label, sc.i68, sc.i95, fisher, sc.x, sc.t, sc.converged);
  }

  private static Method profileMethod(String key, String label, LikelihoodModel m, double[] data, Settings s,
      FisherInformation.Estimate fisher) {
    int par = m.parIndex(s.coefficient());
    Scan sc = adaptive(fisher.value(), s, (lo, hi) -> {
      ProfileScan p = InferenceFacade.scan(InferenceProblem.of(m, data), par, ProfileLikelihood.linspace(lo, hi, s.points()));
      // one likelihood: interval edges solved by root finding on conditional fits
      return new Scan(p.values(), p.deltaTwiceNll(), p.interval68(), p.interval95(), p.converged());
    });
    return new Method(key, label, sc.i68, sc.i95, fisher, sc.x, sc.t, sc.converged);
  }

  private record Scan(double[] x, double[] t, double[] i68, double[] i95, boolean converged) {
    @Override
    public String toString() {
      return RecordText.of(this);
    }
  }

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
