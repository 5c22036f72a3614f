package io.sumbin.eft;

import io.sumbin.histmodel.util.RecordText;
import io.sumbin.summaries.derivative.DerivativeSummary;
import io.sumbin.summaries.derivative.DerivativeLearning;
import io.sumbin.summaries.ensemble.EnsembleModel;
import io.sumbin.summaries.event2vec.Event2Vec;
import io.sumbin.summaries.event2vec.Event2VecSummary;
import io.sumbin.summaries.ParameterPrior;
import io.sumbin.summaries.loss.RatioLoss;
import io.sumbin.summaries.TrainingHistory;
import io.sumbin.summaries.FeatureSymmetry;
import io.sumbin.summaries.LearnedSummary;
import io.sumbin.summaries.SymmetrizedSummary;
import io.sumbin.summaries.ensemble.Ensembles;
import io.sumbin.summaries.FeatureMatrix;
import io.sumbin.summaries.InputEncoding;
import io.sumbin.summaries.derivative.LabelSmearing;
import io.sumbin.summaries.weights.PolynomialWeights;
import io.sumbin.summaries.TrainingSettings;
import io.sumbin.summaries.ValidationMetric;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Training of the learned optimal observable of one Wilson coefficient, selected on the quantity the analysis
 * needs — the cross-validated Fisher information of the binned observable — rather than on the regression
 * loss, which barely moves when the derivative labels are dominated by parton flavour and helicity.
 *
 * <p>The recipe (each ingredient's effect is measured in docs/BENCHMARKS.md, "ablation"):
 * <ol>
 *   <li>one derivative-learning network per coefficient (outputs R_c and R_cc at the SM, arXiv:2410.07315),
 *       with piecewise-linear input encoding ({@link InputEncoding#PIECEWISE_LINEAR}) and winsorized labels
 *       ({@link TrainingSettings#labelClip()});</li>
 *   <li>candidate input sets from a ranking of the features by their histogram information on the training
 *       events ({@link ClassicalBaselines#ranking}): the first k for k in {@link Settings#candidateSizes()};
 *       with noisy labels every useless input costs information;</li>
 *   <li>K-fold cross-fitting: member k trains on the other folds and keeps the epoch with the best information
 *       on fold k; the candidate's cross-validated information is the sum over folds of its members'
 *       debiased binned information on their own folds (so every training event serves once for validation);</li>
 *   <li>the candidate with the most cross-validated information wins; the observable is the mean of its K
 *       members (a cross-validation ensemble);</li>
 *   <li>the guard: an observable that carries less cross-validated information than its best single input
 *       (binned the same way on the same folds) is a failed training: it is retried once (top inputs, longer
 *       patience, new seed), and if it still fails the result says so ({@link Result#ok()},
 *       {@link Result#warning()}) — it is never reported silently.</li>
 * </ol>
 */
public final class ObservableTraining {
  private ObservableTraining() {}

  /** Jackknife groups of the cross-validated information's error (per fold). */
  static final int CV_GROUPS = FisherInformation.DEFAULT_GROUPS;

  /**
   * Settings of the recipe.
   *
   * @param training network settings of every member (seed: the run's seed)
   * @param folds K ≥ 2
   * @param bins bins of the binned observable
   * @param candidateSizes numbers of top-ranked features tried as inputs (all features when larger)
   * @param threads parallel trainings
   * @param smearing outlier smearing of the labels, or null
   * @param symmetry sign flips of the features under which the physics is invariant (training on every mirror
   *     image, predictions averaged over the orbit), or null
   */
  public record Settings(TrainingSettings training, int folds, int bins, int[] candidateSizes, int threads,
      LabelSmearing smearing, FeatureSymmetry symmetry) {
    @Override
    public String toString() {
      return RecordText.of(this);
    }

    public Settings {
      if (folds < 2) {
        throw new IllegalArgumentException("cross-validation needs >= 2 folds, got " + folds);
      }
      if (bins < 1) {
        throw new IllegalArgumentException("bins must be >= 1, got " + bins);
      }
      if (candidateSizes.length == 0) {
        throw new IllegalArgumentException("need at least one candidate input-set size");
      }
      candidateSizes = candidateSizes.clone();
      threads = Math.max(1, threads);
    }

    @Override
    public int[] candidateSizes() {
      return candidateSizes.clone();
    }

    /**
     * The recipe's defaults: 3 × 64 SiLU, piecewise-linear encoding with 16 bins, labels winsorized at 2 % per
     * tail, ≤ 40 epochs with patience 10 on the fold's information, 4 folds, 10 bins, the top 2 and top 5 inputs.
     */
    public static Settings defaults(long seed, int threads) {
      TrainingSettings t = TrainingSettings.DEFAULT.withEncoding(InputEncoding.PIECEWISE_LINEAR, 16).withLabelClip(0.02)
          .withMaxEpochs(40).withPatience(10).withSeed(seed);
      return of(t, threads).withFolds(4).withBins(10).withCandidateSizes(2, 5);
    }

    /**
     * Training settings {@code t} on {@code threads} threads with one fold pair, one bin and the top
     * input only, no smearing and no symmetry: set the rest with the {@code with…} copies.
     *
     * @param t network settings of every member
     * @param threads parallel trainings
     * @return the settings
     */
    public static Settings of(TrainingSettings t, int threads) {
      LabelSmearing noSmearing = null;
      FeatureSymmetry noSymmetry = null;
      return new Settings(t, 2, 1, new int[] {1}, threads, noSmearing, noSymmetry);
    }

    public Settings withSymmetry(FeatureSymmetry sym) {
      return new Settings(training, folds, bins, candidateSizes, threads, smearing, sym);
    }

    public Settings withTraining(TrainingSettings t) {
      return new Settings(t, folds, bins, candidateSizes, threads, smearing, symmetry);
    }

    public Settings withFolds(int k) {
      return new Settings(training, k, bins, candidateSizes, threads, smearing, symmetry);
    }

    public Settings withBins(int b) {
      return new Settings(training, folds, b, candidateSizes, threads, smearing, symmetry);
    }

    public Settings withCandidateSizes(int... sizes) {
      return new Settings(training, folds, bins, sizes, threads, smearing, symmetry);
    }

    public Settings withThreads(int t) {
      return new Settings(training, folds, bins, candidateSizes, t, smearing, symmetry);
    }

    public Settings withSmearing(LabelSmearing sm) {
      return new Settings(training, folds, bins, candidateSizes, threads, sm, symmetry);
    }
  }

  /** One candidate input set and its cross-validated information (in the training events' units, 1/pb). */
  public record Candidate(List<String> inputs, FisherInformation.Estimate cvFisher) {}

  /**
   * The trained observable.
   *
   * @param model the cross-validation ensemble (outputs R_c, R_cc), averaged over the symmetry's orbit when there
   *     is one; close it when done
   * @param coefficient the coefficient
   * @param inputs the chosen input features
   * @param cvFisher cross-validated information of the chosen observable (per pb of the training weights)
   * @param bestInput the best single input feature (by cross-validated information)
   * @param bestInputCvFisher its cross-validated information
   * @param candidates every candidate tried, in order
   * @param ok false when the observable carries less information than its best input even after a retry
   * @param warning what went wrong (empty when ok)
   * @param retried whether the guard retried the training
   * @param seconds wall time
   */
  public record Result(LearnedSummary model, String coefficient, List<String> inputs, FisherInformation.Estimate cvFisher,
      String bestInput, FisherInformation.Estimate bestInputCvFisher, List<Candidate> candidates, boolean ok, String warning,
      boolean retried, double seconds) implements AutoCloseable {
    @Override
    public void close() {
      model.close();
    }
  }

  /**
   * Trains the observable of {@code coefficient} on {@code train} (derivative labels at the SM; the other
   * coefficients at 0).
   *
   * @param features table columns the networks may use
   */
  public static Result derivative(EftEvents train, List<String> features, String coefficient, Settings s) {
    long t0 = System.nanoTime();
    train.coefficientIndex(coefficient);
    int n = train.size();
    int k = s.folds();
    if (n < 4 * k) {
      throw new IllegalArgumentException("too few training events (" + n + ") for " + k + "-fold cross-validation");
    }
    double[] w = train.smWeights();
    double[] dw = train.smDerivativeWeights(coefficient);
    int[][] folds = folds(n, k, s.training().seed());
    PolynomialWeights pw = train.polynomialWeights(List.of(coefficient));
    // the best single input on the same folds, binned the same way
    String bestInput = null;
    FisherInformation.Estimate bestInputCv = null;
    for (String f : features) {
      double[] v = train.table().doubles(f);
      FisherInformation.Estimate e = crossValidated(folds, i -> v[i], w, dw, s.bins());
      if (bestInputCv == null || e.value() > bestInputCv.value()) {
        bestInputCv = e;
        bestInput = f;
      }
    }
    // candidate input sets
    List<String> ranked = ClassicalBaselines.ranking(train, coefficient, features, s.bins());
    LinkedHashSet<List<String>> sets = new LinkedHashSet<>();
    boolean rateOnly = rateOnly(w, dw);
    for (int size : s.candidateSizes()) {
      sets.add(List.copyOf(ranked.subList(0, Math.min(Math.max(1, size), ranked.size()))));
      if (rateOnly) {
        break; // R_c is the same for every event: the inputs cannot matter
      }
    }
    List<List<String>> candidates = new ArrayList<>(sets);
    List<List<DerivativeSummary>> members = train(train, pw, candidates, folds, w, dw, s, s.training());
    List<Candidate> tried = new ArrayList<>();
    int best = -1;
    for (int c = 0; c < candidates.size(); c++) {
      Candidate cand = new Candidate(candidates.get(c), crossValidated(train, candidates.get(c), members.get(c), folds, w, dw,
          s.bins(), s.symmetry()));
      tried.add(cand);
      if (best < 0 || cand.cvFisher().value() > tried.get(best).cvFisher().value()) {
        best = c;
      }
    }
    boolean retried = false;
    if (!rateOnly && below(tried.get(best).cvFisher(), bestInputCv)) {
      // the guard: retry the smallest input set with a new seed, twice the epochs and patience
      retried = true;
      TrainingSettings t = s.training();
      TrainingSettings again = t.withSeed(new SplittableRandom(t.seed()).nextLong()).withMaxEpochs(2 * t.maxEpochs())
          .withPatience(2 * t.patience());
      List<String> small = candidates.get(0);
      List<List<DerivativeSummary>> retry = train(train, pw, List.of(small), folds, w, dw, s, again);
      Candidate cand = new Candidate(small, crossValidated(train, small, retry.get(0), folds, w, dw, s.bins(), s.symmetry()));
      tried.add(cand);
      candidates.add(small);
      members.add(retry.get(0));
      if (cand.cvFisher().value() > tried.get(best).cvFisher().value()) {
        best = tried.size() - 1;
      }
    }
    for (int c = 0; c < members.size(); c++) {
      if (c != best) {
        members.get(c).forEach(DerivativeSummary::close);
      }
    }
    Candidate chosen = tried.get(best);
    boolean ok = rateOnly || !below(chosen.cvFisher(), bestInputCv);
    String warning = ok ? "" : String.format(Locale.ROOT,
        "learned observable of %s carries less cross-validated information (%.4g ± %.2g) than its best input %s (%.4g ± %.2g)"
            + " even after a retry: a failed training", coefficient, chosen.cvFisher().value(), chosen.cvFisher().error(),
        bestInput, bestInputCv.value(), bestInputCv.error());
    EnsembleModel ensemble = Ensembles.of(members.get(best), s.training());
    LearnedSummary model = s.symmetry() == null ? ensemble : new SymmetrizedSummary(ensemble, s.symmetry());
    model.annotate("selection", String.format(Locale.ROOT, "inputs %s chosen on %d-fold cross-validated Fisher information %.6g ± %.3g",
        chosen.inputs(), k, chosen.cvFisher().value(), chosen.cvFisher().error()));
    return new Result(model, coefficient, chosen.inputs(), chosen.cvFisher(), bestInput, bestInputCv, List.copyOf(tried), ok,
        warning, retried, (System.nanoTime() - t0) / 1e9);
  }

  /**
   * A trained event2vec summary.
   *
   * @param model the binwise summary s(x) (soft-bin memberships), orbit-averaged when a symmetry is given
   * @param validationFisher information of the summed (soft-binned) summary on the validation events of the kept
   *     epoch (per pb of the training weights)
   * @param priorWidth width of the normal prior of θ₀ and θ₁ around the SM
   */
  public record Event2VecResult(LearnedSummary model, double validationFisher, double priorWidth, double seconds)
      implements AutoCloseable {
    @Override
    public void close() {
      model.close();
    }
  }

  /** Prior width of event2vec training in expected standard deviations of the coefficient. */
  public static final double EVENT2VEC_PRIOR_SIGMAS = 3;

  /**
   * Trains an event2vec binwise summary (arXiv-free construction of DESIGN §5: s(x) = softmax bin memberships,
   * π(θ) = log bin probabilities, log r̂(x|θ₁, θ₀) = s(x)·(π(θ₁) − π(θ₀)), ALICE loss) for one coefficient with
   * θ₀, θ₁ drawn from N(0, priorWidth²) — concentrated where the analysis is sensitive, so that the summed
   * summary Σ_i w_i s(x_i) is a locally optimal soft histogram — and keeps the epoch whose summed summary carries
   * the most Fisher information on the validation events.
   *
   * @param inputs feature columns (e.g. the derivative observable's chosen inputs)
   * @param priorWidth e.g. {@link #EVENT2VEC_PRIOR_SIGMAS} expected standard deviations, 1/√I at the luminosity
   */
  public static Event2VecResult event2vec(EftEvents train, List<String> inputs, String coefficient, double priorWidth,
      Settings s) {
    return event2vec(train, inputs, coefficient, priorWidth, s, false);
  }

  /**
   * As {@link #event2vec(EftEvents, List, String, double, Settings)}; with {@code localLimit} the pairs are not
   * sampled but the loss is taken in its limit for a prior concentrated at the SM
   * ({@link Event2Vec.Options#withLocalLimit}): the summed summary becomes a locally optimal soft histogram.
   */
  public static Event2VecResult event2vec(EftEvents train, List<String> inputs, String coefficient, double priorWidth,
      Settings s, boolean localLimit) {
    long t0 = System.nanoTime();
    int n = train.size();
    double[] w = train.smWeights();
    double[] dw = train.smDerivativeWeights(coefficient);
    FeatureSymmetry sym = s.symmetry();
    int g = sym == null ? 1 : sym.order();
    FeatureMatrix x = train.features(inputs);
    PolynomialWeights pw = train.polynomialWeights(List.of(coefficient));
    int[] val = ObservableTraining.folds(n, s.folds(), s.training().seed())[0];
    if (g > 1) {
      x = sym.augment(x);
      int[] rep = new int[n * g];
      for (int i = 0; i < rep.length; i++) {
        rep[i] = i % n;
      }
      pw = pw.subset(rep);
    }
    int[] orig = val;
    ValidationMetric metric = (rows, out) -> {
      double[][] soft = new double[out.length][];
      for (int j = 0; j < out.length; j++) {
        soft[j] = orbitMean(out[j], g);
      }
      double[] ww = new double[orig.length];
      double[] dd = new double[orig.length];
      for (int r = 0; r < orig.length; r++) {
        ww[r] = w[orig[r]];
        dd[r] = dw[orig[r]];
      }
      return FisherInformation.soft(soft, ww, dd, 1, 0, 0).value();
    };
    ParameterPrior prior = ParameterPrior.normal(List.of(coefficient), new double[] {0}, new double[] {priorWidth});
    TrainingSettings t = localLimit ? s.training() : s.training().withLabelClip(0);
    // θ enters the parameter network in units of 1/rms(∂w/w): Δπ starts at the scale of the true log-ratio
    double m2 = 0;
    double sw = 0;
    for (int i = 0; i < n; i++) {
      if (w[i] != 0) {
        m2 += dw[i] * dw[i] / Math.abs(w[i]);
        sw += Math.abs(w[i]);
      }
    }
    double unit = m2 > 0 ? Math.sqrt(sw / m2) : priorWidth;
    Event2VecSummary e = Event2Vec.train(x, pw, prior, Event2Vec.Options.binwise(s.bins()).withReferencePoint(new double[1])
        .withParameterUnit(unit).withLocalLimit(localLimit),
        RatioLoss.ALICE, t, metric, mirrored(val, n, g));
    LearnedSummary model = sym == null ? e : new SymmetrizedSummary(e, sym);
    TrainingHistory h = e.history();
    return new Event2VecResult(model, h.bestMetric(), priorWidth, (System.nanoTime() - t0) / 1e9);
  }

  /** Relative margin below which two information values count as equal (binning round-off). */
  static final double TIE = 1e-6;

  /** Whether a is below b by more than round-off. */
  static boolean below(FisherInformation.Estimate a, FisherInformation.Estimate b) {
    return a.value() < b.value() - TIE * Math.abs(b.value());
  }

  /** Whether ∂w/w is the same for every event (the coefficient only changes the rate). */
  static boolean rateOnly(double[] w, double[] dw) {
    double r0 = Double.NaN;
    for (int i = 0; i < w.length; i++) {
      if (w[i] != 0) {
        double r = dw[i] / w[i];
        if (Double.isNaN(r0)) {
          r0 = r;
        } else if (Math.abs(r - r0) > 1e-9 * Math.max(1, Math.abs(r0))) {
          return false;
        }
      }
    }
    return true;
  }

  /** Trains K members of every candidate in parallel: {@code [candidate][fold]}. */
  private static List<List<DerivativeSummary>> train(EftEvents ev, PolynomialWeights pw, List<List<String>> candidates,
      int[][] folds, double[] w, double[] dw, Settings s, TrainingSettings t) {
    int k = folds.length;
    int n = ev.size();
    FeatureSymmetry sym = s.symmetry();
    int g = sym == null ? 1 : sym.order();
    PolynomialWeights pwa = pw;
    if (g > 1) {
      int[] rep = new int[n * g];
      for (int i = 0; i < rep.length; i++) {
        rep[i] = i % n;
      }
      pwa = pw.subset(rep); // mirror images carry the same weights (the loss is normalized by the mean weight)
    }
    PolynomialWeights weightsA = pwa;
    ExecutorService pool = Executors.newFixedThreadPool(s.threads(), r -> {
      Thread th = new Thread(r, "sumbin-observable");
      th.setDaemon(true);
      return th;
    });
    List<List<Future<DerivativeSummary>>> futures = new ArrayList<>();
    io.sumbin.histmodel.progress.ProgressListener progress = t.progressListener();
    progress.start("train observable", (long) candidates.size() * k, "networks");
    try {
      for (List<String> inputs : candidates) {
        FeatureMatrix x = g > 1 ? sym.augment(ev.features(inputs)) : ev.features(inputs);
        List<Future<DerivativeSummary>> fs = new ArrayList<>();
        for (int f = 0; f < k; f++) {
          int[] val = mirrored(folds[f], n, g); // an event and its mirror images validate together
          TrainingSettings tf = t.withSeed(Ensembles.memberSeed(t.seed(), f)).withProgress(false);
          int[] orig = folds[f];
          ValidationMetric metric = (rows, out) -> binnedInformation(orbitMean(out[0], g), orig, w, dw, s.bins());
          fs.add(pool.submit(() -> {
            DerivativeSummary d = DerivativeLearning.train(x, weightsA, new double[1], s.smearing(), tf, metric, val);
            progress.advance(1);
            return d;
          }));
        }
        futures.add(fs);
      }
      List<List<DerivativeSummary>> out = new ArrayList<>();
      RuntimeException failure = null;
      for (List<Future<DerivativeSummary>> fs : futures) {
        List<DerivativeSummary> ms = new ArrayList<>();
        for (Future<DerivativeSummary> f : fs) {
          try {
            ms.add(f.get());
          } catch (ExecutionException e) {
            if (failure == null) {
              failure = e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = new IllegalStateException("interrupted while training", e);
          }
        }
        out.add(ms);
      }
      if (failure != null) {
        out.forEach(l -> l.forEach(DerivativeSummary::close));
        throw failure;
      }
      return out;
    } finally {
      progress.done();
      pool.shutdownNow();
    }
  }

  /** Rows of events {@code fold} and of their mirror images (element e of event i at row e·n + i), sorted. */
  static int[] mirrored(int[] fold, int n, int g) {
    int[] out = new int[fold.length * g];
    for (int e = 0; e < g; e++) {
      for (int r = 0; r < fold.length; r++) {
        out[e * fold.length + r] = e * n + fold[r];
      }
    }
    return out; // sorted: fold is sorted and blocks increase with e
  }

  /**
   * The mean over mirror images of values ordered as {@link #mirrored} (g blocks of the same events), i.e. the
   * symmetrized prediction of every event of the fold.
   */
  static double[] orbitMean(double[] v, int g) {
    if (g == 1) {
      return v;
    }
    int m = v.length / g;
    double[] out = new double[m];
    for (int e = 0; e < g; e++) {
      for (int r = 0; r < m; r++) {
        out[r] += v[e * m + r] / g;
      }
    }
    return out;
  }

  /** Information (debiased, no error) of {@code bins} equal-yield bins of values[r] over events rows[r]. */
  public static double binnedInformation(double[] values, int[] rows, double[] w, double[] dw, int bins) {
    double[] ww = new double[rows.length];
    double[] dd = new double[rows.length];
    for (int r = 0; r < rows.length; r++) {
      ww[r] = w[rows[r]];
      dd[r] = dw[rows[r]];
    }
    return FisherInformation.binned(ClassicalBaselines.quantileBins(values, ww, bins), bins, ww, dd, 1, 0, 0).value();
  }

  /** Cross-validated information of a candidate: Σ over folds of member f's binned information on fold f. */
  private static FisherInformation.Estimate crossValidated(EftEvents ev, List<String> inputs, List<DerivativeSummary> members,
      int[][] folds, double[] w, double[] dw, int bins, FeatureSymmetry sym) {
    FeatureMatrix x = ev.features(inputs);
    double[][] pred = new double[folds.length][];
    for (int f = 0; f < folds.length; f++) {
      LearnedSummary m = sym == null ? members.get(f) : new SymmetrizedSummary(members.get(f), sym);
      pred[f] = m.evaluate(x.rows(folds[f]))[0];
    }
    return crossValidated(folds, (f, r) -> pred[f][r], w, dw, bins);
  }

  /** Values of the events of fold f, by position r in the fold. */
  private interface FoldValues {
    double value(int fold, int row);
  }

  private static FisherInformation.Estimate crossValidated(int[][] folds, java.util.function.IntToDoubleFunction v, double[] w,
      double[] dw, int bins) {
    return crossValidated(folds, (f, r) -> v.applyAsDouble(folds[f][r]), w, dw, bins);
  }

  private static FisherInformation.Estimate crossValidated(int[][] folds, FoldValues v, double[] w, double[] dw, int bins) {
    double value = 0;
    double var = 0;
    double plug = 0;
    for (int f = 0; f < folds.length; f++) {
      int[] rows = folds[f];
      double[] vals = new double[rows.length];
      double[] ww = new double[rows.length];
      double[] dd = new double[rows.length];
      for (int r = 0; r < rows.length; r++) {
        vals[r] = v.value(f, r);
        ww[r] = w[rows[r]];
        dd[r] = dw[rows[r]];
      }
      FisherInformation.Estimate e = FisherInformation.binned(ClassicalBaselines.quantileBins(vals, ww, bins), bins, ww, dd, 1,
          CV_GROUPS, FisherInformation.DEFAULT_SEED + f);
      value += e.value();
      var += e.error() * e.error();
      plug += e.plugIn();
    }
    return new FisherInformation.Estimate(value, Math.sqrt(var), plug);
  }

  /** K seeded folds of n events (sorted indices each). */
  static int[][] folds(int n, int k, long seed) {
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    int[][] out = new int[k][];
    for (int f = 0; f < k; f++) {
      int from = (int) ((long) n * f / k);
      int to = (int) ((long) n * (f + 1) / k);
      out[f] = Arrays.copyOfRange(perm, from, to);
      Arrays.sort(out[f]);
    }
    return out;
  }
}
