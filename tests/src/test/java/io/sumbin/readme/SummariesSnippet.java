package io.sumbin.readme;

// tag::api[]
import io.sumbin.summaries.FeatureMatrix;
import io.sumbin.summaries.ParameterPrior;
import io.sumbin.summaries.RatioEstimator;
import io.sumbin.summaries.Summaries;
import io.sumbin.summaries.TrainingSettings;
import io.sumbin.summaries.derivative.DerivativeLearning;
import io.sumbin.summaries.derivative.DerivativeSummary;
import io.sumbin.summaries.derivative.LabelSmearing;
import io.sumbin.summaries.diagnostics.Diagnostics;
import io.sumbin.summaries.ensemble.EnsembleModel;
import io.sumbin.summaries.ensemble.Ensembles;
import io.sumbin.summaries.event2vec.Event2Vec;
import io.sumbin.summaries.event2vec.Event2VecSummary;
import io.sumbin.summaries.loss.RatioLoss;
import io.sumbin.summaries.ratio.MorphingAwareRatio;
import io.sumbin.summaries.ratio.MorphingRatio;
import io.sumbin.summaries.ratio.ParametrizedRatio;
import io.sumbin.summaries.ratio.RatioClassifier;
import io.sumbin.summaries.weights.Morphing;
import io.sumbin.summaries.weights.ParametrizedWeights;
import io.sumbin.summaries.weights.PolynomialBasis;
import io.sumbin.summaries.weights.PolynomialWeights;
import java.nio.file.Path;
import java.util.List;
// end::api[]
// tag::tables[]
import io.sumbin.binning.EventTable;
import io.sumbin.summaries.EventTables;
import io.sumbin.summaries.FeatureMatrix;
import io.sumbin.summaries.TrainingSettings;
import io.sumbin.summaries.derivative.DerivativeLearning;
import io.sumbin.summaries.derivative.DerivativeSummary;
import io.sumbin.summaries.weights.PolynomialWeights;
import java.util.List;
// end::tables[]
// tag::onnx[]
import io.sumbin.summaries.FeatureMatrix;
import io.sumbin.summaries.Standardizer;
import io.sumbin.summaries.onnx.OnnxSummary;
import java.nio.file.Path;
import java.util.List;
// end::onnx[]

import io.sumbin.binning.lhe.LheSample;
import io.sumbin.eft.morphing.EventQuadratics;

/**
 * The README's learned-summaries blocks, compiled only (they train networks for minutes; the
 * summaries module's tests train the same calls on small toys with known answers).
 */
final class SummariesSnippet {
  private SummariesSnippet() {}

  /**
   * The Java-API block. {@code weights}: per-event weights as functions of θ; {@code quad}: exact
   * polynomial weights of {@code x1only}'s events.
   */
  static void api(double[] x1, double[] x2, ParametrizedWeights weights, FeatureMatrix x1only, PolynomialWeights quad,
      Path dir, Path ensembleDir) {
    // tag::api[]
    FeatureMatrix x = FeatureMatrix.ofColumns(List.of("x1", "x2"), x1, x2);
    ParameterPrior prior = ParameterPrior.uniform(List.of("theta"), new double[] {0.05}, new double[] {0.95});
    double[] theta0 = {0.5};

    // (b) parametrized ratio classifier
    TrainingSettings s = TrainingSettings.DEFAULT.withSeed(1).withProgress(true);
    try (ParametrizedRatio r = RatioClassifier.train(x, weights, prior, theta0, RatioLoss.ALICE, s)) {
      double[] logr = r.logRatio(x, new double[] {0.3});          // log r̂(x_i | θ = 0.3, θ₀ = 0.5)
      r.save(dir);                                                 // dir/summary.json + dir/network-main.params
    }
    try (RatioEstimator back = Summaries.loadRatio(dir)) {
      double[] again = back.logRatio(x, new double[] {0.3});       // the same numbers
    }

    // (c) morphing-aware
    Morphing morphing = new Morphing(PolynomialBasis.linear(List.of("theta")), new double[][] {{0.2}, {0.8}});
    try (MorphingRatio m = MorphingAwareRatio.train(x, weights, morphing, prior, theta0, RatioLoss.CARL, s)) {
      double[][] components = m.evaluate(x);                      // log r̂_c(x) per basis point
    }

    // (d) event2vec, binwise
    try (Event2VecSummary e = Event2Vec.train(x, weights, prior, Event2Vec.Options.binwise(8), RatioLoss.ALICE, s)) {
      double[] softHistogram = e.summedSummary(x, weights.weights(new double[] {0.3}));  // Σ_i w_i s(x_i)
      double[] ell = e.logRatio(x, new double[] {0.7}, new double[] {0.3});              // ℓ(x | θ₁, θ₀)
    }

    // (a) derivative learning on exact labels of polynomial weights, with outlier smearing
    try (DerivativeSummary d = DerivativeLearning.train(x1only, quad, new double[] {0}, LabelSmearing.DEFAULT, s)) {
      double[][] r = d.evaluate(x1only);                          // R_theta(x), R_theta_theta(x)
    }

    // (e) ensemble of any method
    try (EnsembleModel ens = Ensembles.train(3, 2, s,
        st -> RatioClassifier.train(x, weights, prior, theta0, RatioLoss.ALICE, st))) {
      EnsembleModel.Prediction p = ens.logRatioWithSpread(x, new double[] {0.3});   // mean, spread
      ens.save(ensembleDir);                                      // summary.json + member-00/ ... member-02/
    }

    // diagnostics (records for tables and tests, PNGs for people)
    try (RatioEstimator r = Summaries.loadRatio(dir)) {
      Diagnostics.Calibration c = Diagnostics.calibration(r, x, weights, new double[] {0.3}, 10, Path.of("calibration.png"));
      List<Diagnostics.Closure> closure = Diagnostics.closure(r, x, weights, new double[] {0.3}, 20, Path.of("closure.png"));
    }
    // end::api[]
  }

  /** From binning/eft tables: {@code quadratics} fitted to {@code sample} (the eft module). */
  static void tables(EventQuadratics quadratics, LheSample sample) {
    // tag::tables[]
    EventTable t = quadratics.withQuadraticColumns(sample.events());          // eft module
    PolynomialWeights w = EventTables.eftWeights(t, List.of("cHW", "cHB"));    // others held at 0
    FeatureMatrix x = EventTables.features(t, List.of("m_jj", "dphi_jj_signed", "pt_h"));
    try (DerivativeSummary d = DerivativeLearning.train(x, w, TrainingSettings.DEFAULT)) {
      EventTable withR = EventTables.withSummary(t, d, "nn_");    // columns nn_R_cHW, nn_R_cHB, nn_R_cHW_cHW, ...
      double[][] rLinear = d.linearTerms(x);                       // [p][n]: learned R_a(x) per event
    }
    // end::tables[]
  }

  /** An ONNX network with its input standardisation ({@code mean}, {@code scale}). */
  static void onnx(double[] mean, double[] scale, FeatureMatrix x, Path dir) {
    // tag::onnx[]
    try (OnnxSummary s = OnnxSummary.load(Path.of("external.onnx"), List.of("m_jj", "pt_h", "dphi_jj_signed"),
        new Standardizer(mean, scale), List.of("s0", "s1"))) {
      double[][] v = s.evaluate(x);
      s.save(dir);                              // a regular model directory: summary.json (method "onnx") + model.onnx
    }
    // end::onnx[]
  }
}
