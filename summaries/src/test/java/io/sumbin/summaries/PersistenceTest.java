package io.sumbin.summaries;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
      assertArrayEquals(Files.readAllBytes(tmp.resolve("run1").resolve("network-main.params")),
          Files.readAllBytes(tmp.resolve("run2").resolve("network-main.params")), "weight files differ");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    try (ParametrizedRatio r = RatioClassifier.train(x, TOY.weights(), PRIOR, THETA0, RatioLoss.CARL, QUICK.withSeed(7))) {
      c = r.logRatio(x, new double[] {0.3});
    }
    assertArrayEquals(a, b, 0.0);
    assertArrayEquals(la, lb, 0.0);
    assertFalse(Arrays.equals(a, c), "a different seed must give different weights");
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
        assertArrayEquals(members[k], ((RatioEstimator) par.members().get(k)).logRatio(x, new double[] {0.7}), 0.0);
      }
      double maxSpread = 0;
      for (int i = 0; i < x.rows(); i++) {
        double mean = 0.5 * (members[0][i] + members[1][i]);
        double sd = Math.abs(members[0][i] - members[1][i]) / Math.sqrt(2);
        assertEquals(mean, p.mean()[0][i], 1e-12);
        assertEquals(sd, p.spread()[0][i], 1e-12);
        maxSpread = Math.max(maxSpread, sd);
      }
      assertTrue(maxSpread > 0, "members trained from different seeds must differ");
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
      assertTrue(expected.getMessage().contains("all weights are zero"), expected.getMessage());
    }
    double[] ones = new double[x.rows()];
    Arrays.fill(ones, 1);
    try (DerivativeSummary d = DerivativeLearning.train(x, ones, labels, LabelSmearing.DEFAULT, QUICK)) {
      checkSummaryRoundTrip(d, x, tmp.resolve("derivative"));
      JsonNode meta = new ObjectMapper().readTree(Files.readString(tmp.resolve("derivative").resolve("summary.json")));
      assertEquals("weighted-mse", meta.get("loss").asText());
      assertEquals(2, meta.get("label_scaler").get("mean").size());
      assertEquals(2, meta.get("smearing").get("outliers").size());
    }
    try (EnsembleModel e = Ensembles.train(2, 1, QUICK, s -> DerivativeLearning.train(x, ones, labels, null, s))) {
      checkSummaryRoundTrip(e, x, tmp.resolve("ensemble"));
      assertTrue(Files.isRegularFile(tmp.resolve("ensemble").resolve("member-01").resolve("summary.json")));
    }
  }

  private static void checkRatioRoundTrip(RatioEstimator r, FeatureMatrix x, double[] theta, Path dir) throws IOException {
    r.save(dir);
    double[] before = r.logRatio(x, theta);
    try (RatioEstimator back = Summaries.loadRatio(dir)) {
      assertEquals(r.method(), back.method());
      assertEquals(r.inputNames(), back.inputNames());
      assertArrayEquals(r.referencePoint(), back.referencePoint(), 0.0);
      assertArrayEquals(before, back.logRatio(x, theta), 0.0);
    }
    checkMetadata(dir, r.method());
  }

  private static void checkSummaryRoundTrip(LearnedSummary s, FeatureMatrix x, Path dir) throws IOException {
    s.save(dir);
    double[][] before = s.evaluate(x);
    try (LearnedSummary back = Summaries.loadSummary(dir)) {
      assertEquals(s.outputNames(), back.outputNames());
      double[][] after = back.evaluate(x);
      for (int k = 0; k < before.length; k++) {
        assertArrayEquals(before[k], after[k], 0.0);
      }
    }
    checkMetadata(dir, s.method());
  }

  static void checkMetadata(Path dir, String method) throws IOException {
    JsonNode m = new ObjectMapper().readTree(Files.readString(dir.resolve("summary.json")));
    assertEquals("sumbin-summary", m.get("format").asText());
    assertEquals(method, m.get("method").asText());
    assertTrue(m.get("inputs").isArray());
    assertEquals(QUICK.seed(), m.get("seed").asLong());
    assertEquals(QUICK.batchSize(), m.get("hyperparameters").get("batch_size").asInt());
    assertEquals("0.35.1", m.get("versions").get("djl").asText());
    assertTrue(m.get("versions").get("pytorch").asText().startsWith("2.7.1"), m.get("versions").toString());
    if (!method.equals("ensemble")) {
      assertTrue(m.get("input_scaler").get("scale").isArray());
      assertEquals(QUICK.maxEpochs(), m.get("history").get("train_loss").size());
    }
  }

  @Test
  void badDirectoriesFailWithFileAndPath() throws IOException {
    SummaryFormatException e = assertThrows(SummaryFormatException.class, () -> Summaries.load(tmp.resolve("nothing")));
    assertTrue(e.getMessage().contains("not a model directory"), e.getMessage());
    Path d = tmp.resolve("bad");
    Files.createDirectories(d);
    Files.writeString(d.resolve("summary.json"), "{\"format\": \"sumbin-summary\", \"format_version\": 1, \"method\": \"carl\","
        + " \"inputs\": [\"x1\", 3]}");
    e = assertThrows(SummaryFormatException.class, () -> Summaries.load(d));
    assertEquals("inputs[1]", e.path());
    Files.writeString(d.resolve("summary.json"), "{\"format\": \"sumbin-summary\", \"format_version\": 1, \"method\": \"magic\"}");
    e = assertThrows(SummaryFormatException.class, () -> Summaries.load(d));
    assertEquals("method", e.path());
    Files.writeString(d.resolve("summary.json"), "{\"format\": ");
    e = assertThrows(SummaryFormatException.class, () -> Summaries.load(d));
    assertTrue(e.getMessage().contains("invalid JSON"), e.getMessage());
  }

  @Test
  void misuseThrowsPreciseExceptions() {
    FeatureMatrix x = TOY.features();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RatioClassifier.train(x, TOY.weights(), PRIOR, new double[] {0.5, 1}, RatioLoss.CARL, QUICK));
    assertTrue(e.getMessage().contains("θ₀ has 2 values"), e.getMessage());
    try (ParametrizedRatio r = RatioClassifier.train(x, TOY.weights(), PRIOR, THETA0, RatioLoss.CARL,
        QUICK.withMaxEpochs(1))) {
      e = assertThrows(IllegalArgumentException.class, () -> r.logRatio(FeatureMatrix.ofColumns(List.of("x1"), new double[3]),
          THETA0));
      assertTrue(e.getMessage().contains("[x2] are missing"), e.getMessage());
      r.close();
      assertThrows(IllegalStateException.class, () -> r.logRatio(x, THETA0));
    }
    assertInstanceOf(IllegalArgumentException.class, assertThrows(RuntimeException.class,
        () -> TrainingSettings.DEFAULT.withBatchSize(0)));
  }
}
