package io.sumbin.summaries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sumbin.summaries.loss.RatioLoss;
import io.sumbin.summaries.persistence.MetaJson;
import io.sumbin.summaries.persistence.SummaryFormatException;
import io.sumbin.summaries.ratio.ParametrizedRatio;
import io.sumbin.summaries.ratio.RatioClassifier;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Saved summaries carry the SHA-256 of their weight files and are verified on load (issue 12
 * item 3): a corrupted, truncated or missing weights file is a clear error naming the file, never
 * a network that evaluates to nonsense.
 */
class WeightChecksumTest {
  @TempDir static Path tmp;
  static Path saved;

  @BeforeAll
  static void trainAndSave() {
    MixtureToy toy = new MixtureToy(1500, 5);
    TrainingSettings quick = TrainingSettings.DEFAULT.withHidden(8).withMaxEpochs(2).withBatchSize(128);
    saved = tmp.resolve("model");
    try (ParametrizedRatio r = RatioClassifier.train(toy.features(), toy.weights(), RatioClassifierTest.PRIOR,
        new double[] {0.5}, RatioLoss.CARL, quick)) {
      r.save(saved);
    }
  }

  static Path copy(String name) throws Exception {
    Path d = tmp.resolve(name);
    Files.createDirectories(d);
    try (var s = Files.list(saved)) {
      for (Path f : s.toList()) {
        Files.copy(f, d.resolve(f.getFileName()));
      }
    }
    return d;
  }

  @Test
  void metadataRecordsTheChecksumOfTheWeightsAndAnIntactModelLoads() throws Exception {
    JsonNode meta = new ObjectMapper().readTree(saved.resolve(MetaJson.FILE).toFile());
    String sha = meta.get("networks").get("main").get("sha256").asText();
    assertThat(sha).hasSize(64).isEqualTo(MetaJson.sha256(saved.resolve("network-main.params")));
    try (SavedModel m = Summaries.load(saved)) {
      assertThat(m.method()).isEqualTo("carl");
    }
  }

  @Test
  void aCorruptedWeightsFileIsRefused() throws Exception {
    Path d = copy("corrupt");
    Path w = d.resolve("network-main.params");
    byte[] b = Files.readAllBytes(w);
    b[b.length - 5] ^= 0x40; // one flipped bit in the last float: still loads, evaluates to something else
    Files.write(w, b);
    assertThatThrownBy(() -> Summaries.load(d)).isInstanceOf(SummaryFormatException.class)
        .hasMessageContaining("network-main.params").hasMessageContaining("corrupted or was replaced")
        .hasMessageContaining("networks.main.sha256");
  }

  @Test
  void aTruncatedWeightsFileIsRefused() throws Exception {
    Path d = copy("truncated");
    Path w = d.resolve("network-main.params");
    byte[] b = Files.readAllBytes(w);
    Files.write(w, java.util.Arrays.copyOf(b, b.length / 2));
    assertThatThrownBy(() -> Summaries.load(d)).isInstanceOf(SummaryFormatException.class)
        .hasMessageContaining("corrupted or was replaced");
  }

  @Test
  void aMissingWeightsFileIsRefused() throws Exception {
    Path d = copy("missing");
    Files.delete(d.resolve("network-main.params"));
    assertThatThrownBy(() -> Summaries.load(d)).isInstanceOf(SummaryFormatException.class)
        .hasMessageContaining("networks.main.file").hasMessageContaining("is missing");
  }
}
