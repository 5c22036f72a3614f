package io.sumbin.eft;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sumbin.histmodel.util.RecordText;
import io.sumbin.pyhf.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The JSON contract of a comparison ({@code sumbin vbf}, {@code sumbin demo}) and its verdicts against the
 * classical baselines, in one place. Non-finite numbers are written as null.
 *
 * <pre>
 * {name, histogram|learned_binned|event2vec|unbinned_learned|unbinned_truth: {label, interval_68, interval_95,
 *  fisher, fisher_error, fisher_plugin, converged, fisher_per_fb, fisher_per_fb_error, half_width_68, half_width_95},
 *  best_1d|best_2d|best_2d_on_test: {features, binning, fisher, fisher_error, fisher_per_fb, fisher_per_fb_error,
 *  half_width_68, half_width_95}, learned_training: {inputs, cv_fisher, cv_fisher_error, best_input, best_input_cv_fisher,
 *  best_input_cv_fisher_error, candidates: [{inputs, cv_fisher, cv_fisher_error}], ok, warning, retried, seconds},
 *  event2vec_prior_width, learned_over_histogram(_error), learned_over_best_1d(_error), learned_over_best_2d(_error),
 *  event2vec_over_histogram(_error), learned_over_truth(_error), flags: [...]}
 * </pre>
 *
 * {@code fisher} is in expected events at the run's luminosity L; {@code fisher_per_fb} = fisher / L;
 * {@code half_width_68} = 1/√fisher and {@code half_width_95} = 1.96/√fisher are the expected
 * half-widths of the 68%/95% CL intervals at L (Gaussian approximation).
 */
public final class ComparisonJson {
  private ComparisonJson() {}

  static final JsonNodeFactory F = JsonNodeFactory.instance;

  /**
   * What a VBF comparison ran on (the head of the {@code sumbin vbf} document).
   *
   * @param trainEvents events used for training (with a split: the training half)
   * @param testFiles empty without held-out files
   */
  public record VbfRun(int events, int trainEvents, int testEvents, List<String> trainFiles, List<String> testFiles,
      boolean heldOut, double luminosityFb, int bins, boolean symmetry) {
    /**
     * A builder with every field named (no files, no split, no symmetry, zeros until set).
     *
     * @return an empty builder
     */
    public static Builder builder() {
      return new Builder();
    }

    /** Sets the fields of a {@link VbfRun} by name. */
    public static final class Builder {
      private int events;
      private int trainEvents;
      private int testEvents;
      private List<String> trainFiles = List.of();
      private List<String> testFiles = List.of();
      private boolean heldOut;
      private double luminosityFb;
      private int bins;
      private boolean symmetry;

      private Builder() {}

      /**
       * Sets all events read (training and held-out files).
       *
       * @param n all events read (training and held-out files)
       * @return this
       */
      public Builder events(int n) {
        events = n;
        return this;
      }

      /**
       * Sets events used for training.
       *
       * @param n events used for training
       * @return this
       */
      public Builder trainEvents(int n) {
        trainEvents = n;
        return this;
      }

      /**
       * Sets events used for testing.
       *
       * @param n events used for testing
       * @return this
       */
      public Builder testEvents(int n) {
        testEvents = n;
        return this;
      }

      /**
       * Sets the training files.
       *
       * @param files the training files
       * @return this
       */
      public Builder trainFiles(List<String> files) {
        trainFiles = List.copyOf(files);
        return this;
      }

      /**
       * The held-out test files (which also marks the run as held out when there are any).
       *
       * @param files the test files, empty without held-out files
       * @return this
       */
      public Builder testFiles(List<String> files) {
        testFiles = List.copyOf(files);
        return this;
      }

      /**
       * Sets whether the test events come from held-out files.
       *
       * @param h whether the test events come from held-out files
       * @return this
       */
      public Builder heldOut(boolean h) {
        heldOut = h;
        return this;
      }

      /**
       * Sets the luminosity in fb^-1.
       *
       * @param fb the luminosity in fb^-1
       * @return this
       */
      public Builder luminosityFb(double fb) {
        luminosityFb = fb;
        return this;
      }

      /**
       * Sets bins of the binned observables.
       *
       * @param b bins of the binned observables
       * @return this
       */
      public Builder bins(int b) {
        bins = b;
        return this;
      }

      /**
       * Sets whether the training used the sign-flip symmetry.
       *
       * @param s whether the training used the sign-flip symmetry
       * @return this
       */
      public Builder symmetry(boolean s) {
        symmetry = s;
        return this;
      }

      /**
       * The run.
       *
       * @return the run with the fields set
       */
      public VbfRun build() {
        return new VbfRun(events, trainEvents, testEvents, trainFiles, testFiles, heldOut, luminosityFb, bins, symmetry);
      }
    }
  }

  /** The {@code sumbin vbf} document: the run, one object per coefficient, the wall time. */
  public static ObjectNode vbf(VbfRun run, List<EftComparison.Result> rs, double seconds) {
    ObjectNode o = F.objectNode();
    o.put("events", run.events());
    o.put("train_events", run.trainEvents());
    o.put("test_events", run.testEvents());
    ArrayNode tr = o.putArray("train_files");
    run.trainFiles().forEach(tr::add);
    ArrayNode te = o.putArray("test_files");
    run.testFiles().forEach(te::add);
    o.put("held_out", run.heldOut());
    o.put("luminosity_fb", run.luminosityFb());
    o.put("bins", run.bins());
    o.put("symmetry", run.symmetry());
    ArrayNode rows = o.putArray("coefficients");
    for (EftComparison.Result r : rs) {
      rows.add(coefficient(r));
    }
    o.put("seconds", seconds);
    return o;
  }

  /**
   * The fit of one pseudo-experiment with the learned per-point observable (the {@code observed}
   * object of the {@code sumbin demo} document).
   */
  public record Observed(double truth, double best, double[] interval68, double[] interval95) {
    @Override
    public String toString() {
      return RecordText.of(this);
    }
  }

  /** The {@code sumbin demo} document: the five methods of the comparison, the observed fit, where the outputs are. */
  public static ObjectNode demo(int events, double luminosityFb, double fisherExact, EftComparison.Result cmp, Observed obs,
      String outputs, double seconds) {
    ObjectNode o = F.objectNode();
    o.put("events", events);
    o.put("luminosity_fb", luminosityFb);
    o.put("fisher_exact", fisherExact);
    ArrayNode ms = o.putArray("methods");
    for (EftComparison.Method m : cmp.methods()) {
      ObjectNode mo = ms.addObject();
      mo.put("method", m.key());
      mo.put("label", m.label());
      mo.set("interval_68", Json.numbers(m.interval68()));
      mo.set("interval_95", Json.numbers(m.interval95()));
      Json.putNumber(mo, "fisher", m.fisher());
      Json.putNumber(mo, "fisher_error", m.fisherError());
      mo.put("converged", m.converged());
    }
    ObjectNode ob = o.putObject("observed");
    ob.put("truth", obs.truth());
    Json.putNumber(ob, "best", obs.best());
    ob.set("interval_68", Json.numbers(obs.interval68()));
    ob.set("interval_95", Json.numbers(obs.interval95()));
    o.put("outputs", outputs);
    o.put("seconds", seconds);
    return o;
  }

  /**
   * The information per fb⁻¹ ({@code fisher_per_fb}, {@code fisher_per_fb_error}) and the expected
   * 68%/95% CL half-widths 1/√I and 1.96/√I at the analysis luminosity ({@code half_width_68},
   * {@code half_width_95}), beside {@code fisher} in expected events.
   */
  static void perFb(ObjectNode o, FisherInformation.Estimate e, double luminosityFb) {
    Json.putNumber(o, "fisher_per_fb", e.value() / luminosityFb);
    Json.putNumber(o, "fisher_per_fb_error", e.error() / luminosityFb);
    double h = halfWidth68(e.value());
    Json.putNumber(o, "half_width_68", h);
    Json.putNumber(o, "half_width_95", Z95 * h);
  }

  /** One coefficient's comparison. */
  public static ObjectNode coefficient(EftComparison.Result r) {
    ObjectNode o = F.objectNode();
    o.put("name", r.settings().coefficient());
    for (EftComparison.Method m : r.methods()) {
      ObjectNode mo = o.putObject(m.key());
      mo.put("label", m.label());
      mo.set("interval_68", Json.numbers(m.interval68()));
      mo.set("interval_95", Json.numbers(m.interval95()));
      Json.putNumber(mo, "fisher", m.fisher());
      Json.putNumber(mo, "fisher_error", m.fisherError());
      Json.putNumber(mo, "fisher_plugin", m.information().plugIn());
      mo.put("converged", m.converged());
      perFb(mo, m.information(), r.settings().luminosityFb());
    }
    ClassicalBaselines.Result b = r.baselines();
    if (b != null) {
      o.set("best_1d", histogram(b.best1d(), r.settings().luminosityFb()));
      o.set("best_2d", histogram(b.best2d(), r.settings().luminosityFb()));
      o.set("best_2d_on_test", histogram(b.best2dOnTest(), r.settings().luminosityFb()));
    }
    EftComparison.LearnedTraining lt = r.learned();
    if (lt != null) {
      ObjectNode t = o.putObject("learned_training");
      t.set("inputs", strings(lt.inputs()));
      Json.putNumber(t, "cv_fisher", lt.cvFisher().value());
      Json.putNumber(t, "cv_fisher_error", lt.cvFisher().error());
      t.put("best_input", lt.bestInput());
      Json.putNumber(t, "best_input_cv_fisher", lt.bestInputCvFisher().value());
      Json.putNumber(t, "best_input_cv_fisher_error", lt.bestInputCvFisher().error());
      ArrayNode cs = t.putArray("candidates");
      for (ObservableTraining.Candidate c : lt.candidates()) {
        ObjectNode co = cs.addObject();
        co.set("inputs", strings(c.inputs()));
        Json.putNumber(co, "cv_fisher", c.cvFisher().value());
        Json.putNumber(co, "cv_fisher_error", c.cvFisher().error());
      }
      t.put("ok", lt.ok());
      t.put("warning", lt.warning());
      t.put("retried", lt.retried());
      t.put("seconds", lt.seconds());
    }
    Json.putNumber(o, "event2vec_prior_width", r.event2vecPriorWidth());
    if (r.learnedEqualYield() != null) {
      ObjectNode ey = o.putObject("learned_binned_equal_yield");
      Json.putNumber(ey, "fisher", r.learnedEqualYield().value());
      Json.putNumber(ey, "fisher_error", r.learnedEqualYield().error());
    }
    ratio(o, "learned_over_histogram", r.method(EftComparison.LEARNED_BINNED).information(),
        r.method(EftComparison.HISTOGRAM).information());
    if (b != null) {
      ratio(o, "learned_over_best_1d", r.method(EftComparison.LEARNED_BINNED).information(), b.best1d().fisher());
      ratio(o, "learned_over_best_2d", r.method(EftComparison.LEARNED_BINNED).information(), b.best2d().fisher());
    }
    ratio(o, "event2vec_over_histogram", r.method(EftComparison.EVENT2VEC).information(),
        r.method(EftComparison.HISTOGRAM).information());
    ratio(o, "learned_over_truth", r.method(EftComparison.LEARNED_BINNED).information(),
        r.method(EftComparison.UNBINNED_TRUTH).information());
    o.set("flags", strings(flags(r)));
    return o;
  }

  /**
   * What a physicist should not miss: a learned summary that carries less information than the trivial baseline
   * (the reference histogram), than the best single feature, or than 0.9 × the best pair of features, and a failed
   * training. Empty when the learned summaries beat the classical analyses.
   */
  public static List<String> flags(EftComparison.Result r) {
    List<String> f = new ArrayList<>();
    String c = r.settings().coefficient();
    double learned = r.method(EftComparison.LEARNED_BINNED).fisher();
    double hist = r.method(EftComparison.HISTOGRAM).fisher();
    double e2v = r.method(EftComparison.EVENT2VEC).fisher();
    if (below(learned, hist)) {
      f.add(String.format(Locale.ROOT, "%s: learned observable (%.4g) below the %s histogram (%.4g)", c, learned,
          r.settings().histogramColumn(), hist));
    }
    if (below(e2v, hist)) {
      f.add(String.format(Locale.ROOT, "%s: event2vec (%.4g) below the %s histogram (%.4g)", c, e2v, r.settings().histogramColumn(),
          hist));
    }
    ClassicalBaselines.Result b = r.baselines();
    if (b != null) {
      if (below(learned, b.best1d().fisher().value())) {
        f.add(String.format(Locale.ROOT, "%s: learned observable (%.4g) below the best single feature %s (%.4g)", c, learned,
            b.best1d().features(), b.best1d().fisher().value()));
      }
      if (learned < 0.9 * b.best2d().fisher().value()) {
        f.add(String.format(Locale.ROOT, "%s: learned observable (%.4g) below 0.9 × the best pair %s %s (%.4g)", c, learned,
            b.best2d().features(), b.best2d().binning(), b.best2d().fisher().value()));
      }
    }
    if (r.learned() != null && !r.learned().ok()) {
      f.add(r.learned().warning());
    }
    return f;
  }

  /** a below b by more than the round-off of binning ({@link ObservableTraining#TIE}). */
  static boolean below(double a, double b) {
    return a < b - ObservableTraining.TIE * Math.abs(b);
  }

  static ObjectNode histogram(ClassicalBaselines.Histogram1or2 h, double luminosityFb) {
    ObjectNode o = F.objectNode();
    o.set("features", strings(h.features()));
    o.put("binning", h.binning());
    Json.putNumber(o, "fisher", h.fisher().value());
    Json.putNumber(o, "fisher_error", h.fisher().error());
    perFb(o, h.fisher(), luminosityFb);
    return o;
  }

  static void ratio(ObjectNode o, String key, FisherInformation.Estimate a, FisherInformation.Estimate b) {
    double[] r = a.over(b);
    Json.putNumber(o, key, r[0]);
    Json.putNumber(o, key + "_error", r[1]);
  }

  static ArrayNode strings(List<String> l) {
    ArrayNode a = F.arrayNode();
    l.forEach(a::add);
    return a;
  }

  /** A markdown table of several coefficients: information per method with errors, baselines and ratios. */
  public static String table(List<EftComparison.Result> rs, double luminosityFb, int bins) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "Fisher information per fb⁻¹ at the SM (%d bins per scan point; test events only; "
        + "debiased, ± jackknife standard error):%n%n", bins));
    sb.append("| coefficient | m_jj-type histogram | best 1-D (train-selected) | best 2-D (train-selected) | learned, binned per point "
        + "| event2vec | unbinned learned | unbinned truth | learned / histogram | learned / best 2-D | event2vec / histogram |\n");
    sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    List<String> allFlags = new ArrayList<>();
    for (EftComparison.Result r : rs) {
      double perFb = 1 / luminosityFb;
      sb.append("| ").append(cell(r.settings().coefficient()));
      sb.append(" | ").append(pm(r.method(EftComparison.HISTOGRAM).information().times(perFb)));
      ClassicalBaselines.Result b = r.baselines();
      sb.append(" | ").append(b == null ? "–" : cell(pm(b.best1d().fisher().times(perFb)) + " (" + String.join(", ", b.best1d().features()) + ")"));
      sb.append(" | ").append(b == null ? "–" : cell(pm(b.best2d().fisher().times(perFb)) + " (" + String.join(", ", b.best2d().features()) + "; "
          + b.best2d().binning() + ")"));
      for (String k : List.of(EftComparison.LEARNED_BINNED, EftComparison.EVENT2VEC, EftComparison.UNBINNED_LEARNED,
          EftComparison.UNBINNED_TRUTH)) {
        sb.append(" | ").append(pm(r.method(k).information().times(perFb)));
      }
      sb.append(" | ").append(ratioText(r.method(EftComparison.LEARNED_BINNED).information(), r.method(EftComparison.HISTOGRAM).information()));
      sb.append(" | ").append(b == null ? "–" : ratioText(r.method(EftComparison.LEARNED_BINNED).information(), b.best2d().fisher()));
      sb.append(" | ").append(ratioText(r.method(EftComparison.EVENT2VEC).information(), r.method(EftComparison.HISTOGRAM).information()));
      sb.append(" |\n");
      allFlags.addAll(flags(r));
    }
    sb.append(String.format(Locale.ROOT, "%nExpected 68%% / 95%% CL half-widths 1/√(I·L) and 1.96/√(I·L) at L = %s fb⁻¹ "
        + "(I per fb⁻¹ as above):%n%n", num(luminosityFb)));
    sb.append("| coefficient | m_jj-type histogram | best 1-D | best 2-D | learned, binned per point | event2vec | unbinned learned "
        + "| unbinned truth |\n");
    sb.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (EftComparison.Result r : rs) {
      ClassicalBaselines.Result b = r.baselines();
      sb.append("| ").append(r.settings().coefficient());
      sb.append(" | ").append(halfWidths(r.method(EftComparison.HISTOGRAM).fisher()));
      sb.append(" | ").append(b == null ? "–" : halfWidths(b.best1d().fisher().value()));
      sb.append(" | ").append(b == null ? "–" : halfWidths(b.best2d().fisher().value()));
      for (String k : List.of(EftComparison.LEARNED_BINNED, EftComparison.EVENT2VEC, EftComparison.UNBINNED_LEARNED,
          EftComparison.UNBINNED_TRUTH)) {
        sb.append(" | ").append(halfWidths(r.method(k).fisher()));
      }
      sb.append(" |\n");
    }
    if (!allFlags.isEmpty()) {
      sb.append("\nFLAGGED (learned summaries that do not beat the classical analysis):\n");
      allFlags.forEach(x -> sb.append("- ").append(x).append('\n'));
    }
    return sb.toString();
  }

  /**
   * The expected half-width of the 68% CL interval, 1/√I, from the Fisher information I in expected
   * events at the analysis luminosity (I per fb⁻¹ times L); NaN where I is not positive.
   *
   * @param fisherEvents the Fisher information at the analysis luminosity
   * @return the half-width
   */
  public static double halfWidth68(double fisherEvents) {
    return fisherEvents > 0 ? 1 / Math.sqrt(fisherEvents) : Double.NaN;
  }

  /** {@code ±0.0105 / ±0.0206}: the 68% and 95% (1.96 σ) half-widths of information I (events). */
  static String halfWidths(double fisherEvents) {
    double h = halfWidth68(fisherEvents);
    return Double.isNaN(h) ? "–" : String.format(Locale.ROOT, "±%.3g / ±%.3g", h, Z95 * h);
  }

  /** The two-sided 95% quantile of the normal distribution, Φ⁻¹(0.975). */
  static final double Z95 = 1.959963984540054;

  private static String num(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  /** A markdown table cell: '|' (e.g. in |Δη_jj|) escaped, line breaks as spaces. */
  static String cell(String text) {
    return text.replace("|", "\\|").replace('\n', ' ').replace('\r', ' ');
  }

  static String pm(FisherInformation.Estimate e) {
    return String.format(Locale.ROOT, "%.4g ± %.2g", e.value(), e.error());
  }

  static String ratioText(FisherInformation.Estimate a, FisherInformation.Estimate b) {
    double[] r = a.over(b);
    return String.format(Locale.ROOT, "%.2f ± %.2f", r[0], r[1]);
  }
}
