package io.sumbin.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sumbin.eft.ClassicalBaselines;
import io.sumbin.eft.EftAnalysis;
import io.sumbin.eft.EftEvents;
import io.sumbin.eft.FisherInformation;
import io.sumbin.testsupport.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sumbin vbf TRAIN --test TEST} (issue 10, item 1): the networks train on the first files and every method
 * is evaluated on the test file only — checked by recomputing the m_jj histogram's and the truth's information
 * from the test file alone — and the JSON carries the debiased information with errors, the classical 1-D/2-D
 * baselines and how the learned observable was selected. Few epochs: this checks the mechanics, not the physics
 * (the physics is in docs/BENCHMARKS.md).
 */
class VbfHeldOutCliTest {
  static final double SAME = 1e-9;

  @Test
  void trainsOnTheTrainingFilesAndEvaluatesOnTheTestFileOnly(@TempDir Path dir) throws Exception {
    Path train = SharedData.lhe("smeftsim_VBFH-1.lhe.gz");
    Path test = SharedData.lhe("smeftsim_VBFH-2.lhe.gz");
    Path out = dir.resolve("vbf");
    Cli.Run r = Cli.run("vbf", train.toString(), "--test", test.toString(), "--coefficients", "cHW", "--epochs", "3", "--json",
        "--out", out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode o = new ObjectMapper().readTree(r.out());
    assertThat(o.get("held_out").asBoolean()).isTrue();
    assertThat(o.get("train_events").asInt()).isEqualTo(10_000);
    assertThat(o.get("test_events").asInt()).isEqualTo(10_000);
    assertThat(o.get("test_files").get(0).asText()).isEqualTo(test.toString());
    JsonNode c = o.get("coefficients").get(0);
    assertThat(c.get("name").asText()).isEqualTo("cHW");
    for (String m : List.of("histogram", "learned_binned", "event2vec", "unbinned_learned", "unbinned_truth")) {
      assertThat(c.get(m).get("fisher").asDouble()).as(m + " information").isPositive();
      assertThat(c.get(m).get("fisher_error").asDouble()).as(m + " error").isPositive();
      assertThat(c.get(m).get("interval_68")).as(m + " interval").hasSize(2);
    }
    assertThat(c.get("best_1d").get("features")).hasSize(1);
    assertThat(c.get("best_2d").get("features")).hasSize(2);
    assertThat(c.get("best_2d").get("binning").asText()).isIn("5x5", "10x10");
    assertThat(c.get("learned_training").get("inputs").size()).isPositive();
    assertThat(c.get("learned_training").get("cv_fisher").asDouble()).isPositive();
    assertThat(c.get("flags").isArray()).isTrue();
    assertThat(c.get("learned_over_best_2d").asDouble()).isPositive();
    assertThat(Files.isRegularFile(out.resolve("vbf.json"))).isTrue();
    assertThat(Files.isRegularFile(out.resolve("vbf.md"))).isTrue();

    // the evaluation used the test file alone: its m_jj histogram and unbinned truth information, recomputed
    EftEvents t = EftEvents.fromLhe(List.of(test));
    double lpb = 300 * 1000;
    int k = t.indexOfMonomial(List.of("cHW"));
    double[] w = t.smWeights();
    double[] dw = new double[w.length];
    for (int i = 0; i < dw.length; i++) {
      dw[i] = t.component(i, k);
    }
    double hist = FisherInformation.binned(ClassicalBaselines.quantileBins(t.table().doubles("m_jj"), w, 10), 10, w, dw, lpb).value();
    assertThat(c.get("histogram").get("fisher").asDouble()).as("m_jj histogram on the test file").isCloseTo(hist,
        within(SAME * hist));
    double truth = EftAnalysis.builder(t).luminosityFb(300).build().unbinnedFisher("cHW");
    assertThat(c.get("unbinned_truth").get("fisher").asDouble()).as("unbinned truth on the test file").isCloseTo(truth,
        within(SAME * truth));
  }
}
