package io.sumbin.summaries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sumbin.summaries.derivative.DerivativeLearning;
import io.sumbin.summaries.derivative.DerivativeSummary;
import io.sumbin.summaries.derivative.LabelSmearing;
import io.sumbin.summaries.ensemble.EnsembleModel;
import io.sumbin.summaries.ensemble.Ensembles;
import io.sumbin.summaries.event2vec.Event2Vec;
import io.sumbin.summaries.event2vec.Event2VecSummary;
import io.sumbin.summaries.loss.RatioLoss;
import io.sumbin.summaries.persistence.SummaryFormatException;
import io.sumbin.summaries.ratio.MorphingAwareRatio;
import io.sumbin.summaries.ratio.MorphingRatio;
import io.sumbin.summaries.ratio.ParametrizedRatio;
import io.sumbin.summaries.ratio.RatioClassifier;
import io.sumbin.summaries.weights.Morphing;
import io.sumbin.summaries.weights.PolynomialBasis;
import io.sumbin.summaries.weights.PolynomialWeights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reproducibility, save/load round trips and the metadata contract, on small fast trainings. */
class PersistenceTest {
  static final TrainingSettings QUICK = TrainingSettings.DEFAULT.withHidden(16, 16).withMaxEpochs(3).withBatchSize(128);
  static final double[] THETA0 = {0.5};
  static final ParameterPrior PRIOR = RatioClassifierTest.PRIOR;

  @TempDir
  Path tmp;

  static final MixtureToy TOY = new MixtureToy(3000, 5);

  @Test
  void sameSeedGivesIdenticalWeightsAndOtherSeedDoesNot() {
    FeatureMatrix x = TOY.features();
    double[] a;
    double[] b;
    double[] c;
    double[] la;
    double[] lb;
    try (ParametrizedRatio r = RatioClassifier.train(x, TOY.weights(), PRIOR, THETA0, RatioLoss.CARL, QUICK)) {
      a = r.logRatio(x, new double[] {0.3});
      la = r.history().trainLoss();
      r.save(tmp.resolve("run1"));
    }
    try (ParametrizedRatio r = RatioClassifier.train(x, TOY.weights(), PRIOR, THETA0, RatioLoss.CARL, QUICK)) {
      b = r.logRatio(x, new double[] {0.3});
      lb = r.history().trainLoss();
      r.save(tmp.resolve("run2"));
    }
    try {
      assertThat(Files.readAllBytes(tmp.resolve("run2").resolve("network-main.params")))
          .as("weight files differ")
          .containsExactly(Files.readAllBytes(tmp.resolve("run1").resolve("network-main.params")));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    try (ParametrizedRatio r = RatioClassifier.train(x, TOY.weights(), PRIOR, THETA0, RatioLoss.CARL, QUICK.withSeed(7))) {
      c = r.logRatio(x, new double[] {0.3});
    }
    assertThat(b).as("b").containsExactly(a, within(0.0));
    assertThat(lb).as("lb").containsExactly(la, within(0.0));
    assertThat(Arrays.equals(a, c)).as("a different seed must give different weights").isFalse();
  }

  @Test
  void ensembleMembersDoNotDependOnThreads() {
    FeatureMatrix x = TOY.features();
    try (EnsembleModel par = Ensembles.train(2, 2, QUICK, s -> RatioClassifier.train(x, TOY.weights(), PRIOR, THETA0,
        RatioLoss.ALICE, s))) {
      EnsembleModel.Prediction p = par.logRatioWithSpread(x, new double[] {0.7});
      double[][] members = new double[2][];
      for (int k = 0; k < 2; k++) {
        TrainingSettings s = QUICK.withSeed(Ensembles.memberSeed(QUICK.seed(), k));
        try (ParametrizedRatio r = RatioClassifier.train(x, TOY.weights(), PRIOR, THETA0, RatioLoss.ALICE, s)) {
          members[k] = r.logRatio(x, new double[] {0.7});
        }
        assertThat(((RatioEstimator) par.members().get(k)).logRatio(x, new double[] {0.7}))
            .as("((RatioEstimator) par.members().get(k)).logRatio(x, new double[] {0.7})")
            .containsExactly(members[k], within(0.0));
      }
      double maxSpread = 0;
      for (int i = 0; i < x.rows(); i++) {
        double mean = 0.5 * (members[0][i] + members[1][i]);
        double sd = Math.abs(members[0][i] - members[1][i]) / Math.sqrt(2);
        assertThat(p.mean()[0][i]).as("p.mean()[0][i]").isCloseTo(mean, within(1e-12));
        assertThat(p.spread()[0][i]).as("p.spread()[0][i]").isCloseTo(sd, within(1e-12));
        maxSpread = Math.max(maxSpread, sd);
      }
      assertThat(maxSpread).as("members trained from different seeds must differ").isGreaterThan(0);
    }
  }

  @Test
  void everyMethodRoundTripsThroughItsDirectory() throws IOException {
    FeatureMatrix x = TOY.features();
    PolynomialWeights w = TOY.weights();
    double[] theta = {0.35};
    Morphing morphing = new Morphing(PolynomialBasis.linear(MixtureToy.PARAMS), new double[][] {{0.2}, {0.8}});
    try (ParametrizedRatio r = RatioClassifier.train(x, w, PRIOR, THETA0, RatioLoss.ALICE, QUICK)) {
      checkRatioRoundTrip(r, x, theta, tmp.resolve("alice"));
    }
    try (MorphingRatio r = MorphingAwareRatio.train(x, w, morphing, PRIOR, THETA0, RatioLoss.CARL, QUICK)) {
      checkRatioRoundTrip(r, x, theta, tmp.resolve("morphing"));
      checkSummaryRoundTrip(r, x, tmp.resolve("morphing"));
    }
    try (Event2VecSummary e = Event2Vec.train(x, w, PRIOR, Event2Vec.Options.binwise(3), RatioLoss.ALICE, QUICK)) {
      checkRatioRoundTrip(e, x, theta, tmp.resolve("e2v"));
      checkSummaryRoundTrip(e, x, tmp.resolve("e2v"));
    }
    try (Event2VecSummary e = Event2Vec.train(x, w, PRIOR, Event2Vec.Options.vector(2), RatioLoss.CARL, QUICK)) {
      checkRatioRoundTrip(e, x, theta, tmp.resolve("e2v-vector"));
    }
    double[] x1 = x.column(0);
    LabelSet labels = new LabelSet(List.of("y1", "y2"), new double[][] {x1, Arrays.stream(x1).map(v -> v * v).toArray()});
    try (DerivativeSummary d = DerivativeLearning.train(x, new double[x.rows()], labels, null, QUICK)) {
      throw new AssertionError("zero weights must be rejected");
    } catch (IllegalArgumentException expected) {
      assertThat(expected.getMessage()).as(expected.getMessage()).contains("all weights are zero");
    }
    double[] ones = new double[x.rows()];
    Arrays.fill(ones, 1);
    try (DerivativeSummary d = DerivativeLearning.train(x, ones, labels, LabelSmearing.DEFAULT, QUICK)) {
      checkSummaryRoundTrip(d, x, tmp.resolve("derivative"));
      JsonNode meta = new ObjectMapper().readTree(Files.readString(tmp.resolve("derivative").resolve("summary.json")));
      assertThat(meta.get("loss").asText()).as("meta.get(\"loss\").asText()").isEqualTo("weighted-mse");
      assertThat(meta.get("label_scaler").get("mean").size())
          .as("meta.get(\"label_scaler\").get(\"mean\").size()")
          .isEqualTo(2);
      assertThat(meta.get("smearing").get("outliers").size())
          .as("meta.get(\"smearing\").get(\"outliers\").size()")
          .isEqualTo(2);
    }
    try (EnsembleModel e = Ensembles.train(2, 1, QUICK, s -> DerivativeLearning.train(x, ones, labels, null, s))) {
      checkSummaryRoundTrip(e, x, tmp.resolve("ensemble"));
      assertThat(Files.isRegularFile(tmp.resolve("ensemble").resolve("member-01").resolve("summary.json")))
          .as("Files.isRegularFile(tmp.resolve(\"ensemble\").resolve(\"member-01\").resolve(\"summary.json\"))")
          .isTrue();
    }
  }

  private static void checkRatioRoundTrip(RatioEstimator r, FeatureMatrix x, double[] theta, Path dir) throws IOException {
    r.save(dir);
    double[] before = r.logRatio(x, theta);
    try (RatioEstimator back = Summaries.loadRatio(dir)) {
      assertThat(back.method()).as("back.method()").isEqualTo(r.method());
      assertThat(back.inputNames()).as("back.inputNames()").isEqualTo(r.inputNames());
      assertThat(back.referencePoint()).as("back.referencePoint()").containsExactly(r.referencePoint(), within(0.0));
      assertThat(back.logRatio(x, theta)).as("back.logRatio(x, theta)").containsExactly(before, within(0.0));
    }
    checkMetadata(dir, r.method());
  }

  private static void checkSummaryRoundTrip(LearnedSummary s, FeatureMatrix x, Path dir) throws IOException {
    s.save(dir);
    double[][] before = s.evaluate(x);
    try (LearnedSummary back = Summaries.loadSummary(dir)) {
      assertThat(back.outputNames()).as("back.outputNames()").isEqualTo(s.outputNames());
      double[][] after = back.evaluate(x);
      for (int k = 0; k < before.length; k++) {
        assertThat(after[k]).as("after[k]").containsExactly(before[k], within(0.0));
      }
    }
    checkMetadata(dir, s.method());
  }

  static void checkMetadata(Path dir, String method) throws IOException {
    JsonNode m = new ObjectMapper().readTree(Files.readString(dir.resolve("summary.json")));
    assertThat(m.get("format").asText()).as("m.get(\"format\").asText()").isEqualTo("sumbin-summary");
    assertThat(m.get("method").asText()).as("m.get(\"method\").asText()").isEqualTo(method);
    assertThat(m.get("inputs").isArray()).as("m.get(\"inputs\").isArray()").isTrue();
    assertThat(m.get("seed").asLong()).as("m.get(\"seed\").asLong()").isEqualTo(QUICK.seed());
    assertThat(m.get("hyperparameters").get("batch_size").asInt())
        .as("m.get(\"hyperparameters\").get(\"batch_size\").asInt()")
        .isEqualTo(QUICK.batchSize());
    assertThat(m.get("versions").get("djl").asText())
        .as("m.get(\"versions\").get(\"djl\").asText()")
        .isEqualTo("0.35.1");
    assertThat(m.get("versions").get("pytorch").asText()).as(m.get("versions").toString()).startsWith("2.7.1");
    if (!method.equals("ensemble")) {
      assertThat(m.get("input_scaler").get("scale").isArray())
          .as("m.get(\"input_scaler\").get(\"scale\").isArray()")
          .isTrue();
      assertThat(m.get("history").get("train_loss").size())
          .as("m.get(\"history\").get(\"train_loss\").size()")
          .isEqualTo(QUICK.maxEpochs());
    }
  }

  @Test
  void badDirectoriesFailWithFileAndPath() throws IOException {
    SummaryFormatException e = assertThatExceptionOfType(SummaryFormatException.class)
        .isThrownBy(() -> Summaries.load(tmp.resolve("nothing")))
        .actual();
    assertThat(e.getMessage()).as(e.getMessage()).contains("not a model directory");
    Path d = tmp.resolve("bad");
    Files.createDirectories(d);
    Files.writeString(d.resolve("summary.json"), "{\"format\": \"sumbin-summary\", \"format_version\": 1, \"method\": \"carl\","
        + " \"inputs\": [\"x1\", 3]}");
    e = assertThatExceptionOfType(SummaryFormatException.class).isThrownBy(() -> Summaries.load(d)).actual();
    assertThat(e.path()).as("e.path()").isEqualTo("inputs[1]");
    Files.writeString(d.resolve("summary.json"), "{\"format\": \"sumbin-summary\", \"format_version\": 1, \"method\": \"magic\"}");
    e = assertThatExceptionOfType(SummaryFormatException.class).isThrownBy(() -> Summaries.load(d)).actual();
    assertThat(e.path()).as("e.path()").isEqualTo("method");
    Files.writeString(d.resolve("summary.json"), "{\"format\": ");
    e = assertThatExceptionOfType(SummaryFormatException.class).isThrownBy(() -> Summaries.load(d)).actual();
    assertThat(e.getMessage()).as(e.getMessage()).contains("invalid JSON");
  }

  @Test
  void misuseThrowsPreciseExceptions() {
    FeatureMatrix x = TOY.features();
    IllegalArgumentException e = assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> RatioClassifier.train(x, TOY.weights(), PRIOR, new double[] {0.5, 1}, RatioLoss.CARL, QUICK))
        .actual();
    assertThat(e.getMessage()).as(e.getMessage()).contains("θ₀ has 2 values");
    try (ParametrizedRatio r = RatioClassifier.train(x, TOY.weights(), PRIOR, THETA0, RatioLoss.CARL,
        QUICK.withMaxEpochs(1))) {
      e = assertThatExceptionOfType(IllegalArgumentException.class)
          .isThrownBy(() -> r.logRatio(FeatureMatrix.ofColumns(List.of("x1"), new double[3]),
          THETA0))
          .actual();
      assertThat(e.getMessage()).as(e.getMessage()).contains("[x2] are missing");
      r.close();
      assertThatThrownBy(() -> r.logRatio(x, THETA0)).isInstanceOf(IllegalStateException.class);
    }
    assertThatThrownBy(() -> TrainingSettings.DEFAULT.withBatchSize(0)).as("batch size 0")
        .isInstanceOf(io.sumbin.histmodel.BadInputException.class).hasMessage("batch size must be >= 1, got 0");
  }
}
