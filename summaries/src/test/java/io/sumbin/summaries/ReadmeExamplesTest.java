package io.sumbin.summaries;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.sumbin.summaries.weights.PolynomialBasis;
import io.sumbin.summaries.weights.PolynomialWeights;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The code snippets of docs/readme-parts/issue6.md, compiled and run on a small toy (keep in sync). */
class ReadmeExamplesTest {
  @TempDir
  Path tmp;

  @Test
  void snippetsRun() {
    MixtureToy toy = new MixtureToy(4000, 3);
    double[] x1 = toy.x[0];
    double[] x2 = toy.x[1];
    PolynomialWeights weights = toy.weights();
    TrainingSettings quick = TrainingSettings.DEFAULT.withMaxEpochs(2).withHidden(16, 16);
    Path dir = tmp.resolve("model");

    // --- snippet: inputs
    FeatureMatrix x = FeatureMatrix.ofColumns(List.of("x1", "x2"), x1, x2);
    ParameterPrior prior = ParameterPrior.uniform(List.of("theta"), new double[] {0.05}, new double[] {0.95});
    double[] theta0 = {0.5};

    // --- snippet: ratio classifier
    TrainingSettings s = quick.withSeed(1).withProgress(false);
    try (ParametrizedRatio r = RatioClassifier.train(x, weights, prior, theta0, RatioLoss.ALICE, s)) {
      double[] logr = r.logRatio(x, new double[] {0.3});          // log r̂(x_i | θ = 0.3, θ₀ = 0.5)
      r.save(dir);                                                 // dir/summary.json + dir/network-main.params
      assertThat(logr.length).as("logr.length").isEqualTo(x.rows());
    }
    try (RatioEstimator back = Summaries.loadRatio(dir)) {
      assertThat(back.parameterNames()).as("back.parameterNames()").isEqualTo(List.of("theta"));
    }

    // --- snippet: morphing-aware
    Morphing morphing = new Morphing(PolynomialBasis.linear(List.of("theta")), new double[][] {{0.2}, {0.8}});
    try (MorphingRatio m = MorphingAwareRatio.train(x, weights, morphing, prior, theta0, RatioLoss.CARL, s)) {
      double[][] components = m.evaluate(x);                      // log r̂_c(x) per basis point
      assertThat(components.length).as("components.length").isEqualTo(2);
    }

    // --- snippet: event2vec
    try (Event2VecSummary e = Event2Vec.train(x, weights, prior, Event2Vec.Options.binwise(8), RatioLoss.ALICE, s)) {
      double[] softHistogram = e.summedSummary(x, weights.weights(new double[] {0.3}));  // Σ_i w_i s(x_i)
      double[] ell = e.logRatio(x, new double[] {0.7}, new double[] {0.3});              // ℓ(x | θ₁, θ₀)
      assertThat(softHistogram.length).as("softHistogram.length").isEqualTo(8);
      assertThat(ell.length).as("ell.length").isEqualTo(x.rows());
    }

    // --- snippet: derivative learning
    PolynomialWeights quad = Toys.Quadratic1D.weights(x1);
    FeatureMatrix x1only = FeatureMatrix.ofColumns(List.of("x"), x1);
    try (DerivativeSummary d = DerivativeLearning.train(x1only, quad, new double[] {0}, LabelSmearing.DEFAULT, s)) {
      double[][] r = d.evaluate(x1only);                          // R_theta(x), R_theta_theta(x)
      assertThat(d.outputNames()).as("d.outputNames()").isEqualTo(List.of("R_theta", "R_theta_theta"));
      assertThat(r.length).as("r.length").isEqualTo(2);
    }

    // --- snippet: ensemble
    try (EnsembleModel ens = Ensembles.train(3, 2, s,
        st -> RatioClassifier.train(x, weights, prior, theta0, RatioLoss.ALICE, st))) {
      EnsembleModel.Prediction p = ens.logRatioWithSpread(x, new double[] {0.3});
      double meanOfFirst = p.mean()[0][0];
      double spreadOfFirst = p.spread()[0][0];
      assertThat(Double.isFinite(meanOfFirst) && spreadOfFirst >= 0)
          .as("Double.isFinite(meanOfFirst) && spreadOfFirst >= 0")
          .isTrue();
      ens.save(tmp.resolve("ensemble"));                          // summary.json + member-00/ ... member-02/
    }

    // --- snippet: diagnostics
    try (RatioEstimator r = Summaries.loadRatio(dir)) {
      Diagnostics.Calibration c = Diagnostics.calibration(r, x, weights, new double[] {0.3}, 10, tmp.resolve("calibration.png"));
      List<Diagnostics.Closure> closure = Diagnostics.closure(r, x, weights, new double[] {0.3}, 20, tmp.resolve("closure.png"));
      assertThat(c.predicted().length).as("c.predicted().length").isEqualTo(10);
      assertThat(closure.size()).as("closure.size()").isEqualTo(2);
    }
  }
}
