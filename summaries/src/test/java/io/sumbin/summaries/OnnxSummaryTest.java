package io.sumbin.summaries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

import io.sumbin.summaries.onnx.OnnxSummary;
import io.sumbin.summaries.persistence.SummaryFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxSummaryTest {
  /** float32 network evaluated by ONNX Runtime versus double-precision Java. */
  static final double FLOAT_TOLERANCE = 2e-5;

  @TempDir
  Path tmp;

  @Test
  void importedPerceptronMatchesItsDefinitionAndRoundTrips() throws IOException {
    SplittableRandom r = new SplittableRandom(4);
    int d = 3;
    int h = 5;
    int m = 2;
    double[][] w1 = random(r, d, h);
    double[] b1 = random(r, 1, h)[0];
    double[][] w2 = random(r, h, m);
    double[] b2 = random(r, 1, m)[0];
    Path file = tmp.resolve("external.onnx");
    Files.write(file, OnnxWriter.perceptron(w1, b1, w2, b2));
    Standardizer scaler = new Standardizer(new double[] {1, -2, 0.5}, new double[] {2, 0.5, 1});
    List<String> names = List.of("a", "b", "c");
    int n = 40_000;
    double[][] cols = random(r, d, n);
    FeatureMatrix x = FeatureMatrix.ofColumns(names, cols);
    try (OnnxSummary s = OnnxSummary.load(file, names, scaler, List.of("u", "v"))) {
      assertThat(s.method()).as("s.method()").isEqualTo("onnx");
      double[][] y = s.evaluate(x);
      for (int i = 0; i < n; i++) {
        double[] z = new double[d];
        for (int j = 0; j < d; j++) {
          z[j] = ((float) cols[j][i] - scaler.mean()[j]) / scaler.scale()[j];
        }
        for (int k = 0; k < m; k++) {
          double o = b2[k];
          for (int u = 0; u < h; u++) {
            double a = b1[u];
            for (int j = 0; j < d; j++) {
              a += z[j] * w1[j][u];
            }
            o += Math.tanh(a) * w2[u][k];
          }
          assertThat(y[k][i]).as("y[k][i]").isCloseTo(o, within(FLOAT_TOLERANCE));
        }
      }
      s.save(tmp.resolve("model"));
      try (LearnedSummary back = Summaries.loadSummary(tmp.resolve("model"))) {
        assertThat(back.outputNames()).as("back.outputNames()").isEqualTo(List.of("u", "v"));
        double[][] again = back.evaluate(x.rows(0, 100));
        for (int i = 0; i < 100; i++) {
          assertThat(again[1][i]).as("again[1][i]").isCloseTo(y[1][i], within(0.0));
        }
      }
    }
  }

  @Test
  void badFilesAndShapesAreReportedWithTheFile() throws IOException {
    Path junk = tmp.resolve("junk.onnx");
    Files.writeString(junk, "this is not a protobuf");
    SummaryFormatException e = assertThatExceptionOfType(SummaryFormatException.class)
        .isThrownBy(() -> OnnxSummary.load(junk, List.of("a"), null, null))
        .actual();
    assertThat(e.getMessage()).as(e.getMessage()).startsWith(junk.toString());
    Path ok = tmp.resolve("ok.onnx");
    Files.write(ok, OnnxWriter.perceptron(new double[][] {{1, 2}}, new double[] {0, 0}, new double[][] {{1}, {1}},
        new double[] {0}));
    e = assertThatExceptionOfType(SummaryFormatException.class)
        .isThrownBy(() -> OnnxSummary.load(ok, List.of("a", "b"), null, null))
        .actual();
    assertThat(e.getMessage()).as(e.getMessage()).contains("(N, 2)");
    IllegalArgumentException ie = assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> OnnxSummary.load(ok, List.of("a"), null, List.of("p", "q")))
        .actual();
    assertThat(ie.getMessage()).as(ie.getMessage()).contains("1 outputs per event");
    e = assertThatExceptionOfType(SummaryFormatException.class)
        .isThrownBy(() -> OnnxSummary.load(tmp.resolve("none.onnx"), List.of("a"), null, null))
        .actual();
    assertThat(e.getMessage()).as(e.getMessage()).contains("no such file");
  }

  static double[][] random(SplittableRandom r, int a, int b) {
    double[][] out = new double[a][b];
    for (int i = 0; i < a; i++) {
      for (int j = 0; j < b; j++) {
        out[i][j] = r.nextGaussian();
      }
    }
    return out;
  }
}
