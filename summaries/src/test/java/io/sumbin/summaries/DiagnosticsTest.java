package io.sumbin.summaries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sumbin.summaries.diagnostics.Diagnostics;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiagnosticsTest {
  /** With the exact ratio every calibration bin agrees within 4 statistical standard deviations. */
  static final double MAX_PULL_EXACT = 4;
  /** A halved log-ratio must be flagged. */
  static final double MIN_PULL_WRONG = 10;
  /** Closure of the exact ratio: every histogram bin within this relative deviation. */
  static final double MAX_CLOSURE_EXACT = 0.05;

  @TempDir
  Path tmp;

  @Test
  void exactRatioIsCalibratedAndClosesAWrongOneIsNot() throws IOException {
    MixtureToy toy = new MixtureToy(60_000, 21);
    FeatureMatrix x = toy.features();
    double theta = 0.2;
    double[] exact = new double[x.rows()];
    for (int i = 0; i < exact.length; i++) {
      exact[i] = MixtureToy.logRatio(toy.x[0][i], toy.x[1][i], theta, 0.5);
    }
    double[] w0 = toy.weights().weights(new double[] {0.5});
    double[] w1 = toy.weights().weights(new double[] {theta});
    Diagnostics.Calibration good = Diagnostics.calibration(exact, w0, w1, 10);
    assertThat(good.maxPull()).as("exact ratio pull " + good.maxPull()).isLessThan(MAX_PULL_EXACT);
    assertThat(sum(good.fraction())).as("sum(good.fraction())").isCloseTo(1.0, within(1e-12));
    double[] half = new double[exact.length];
    for (int i = 0; i < half.length; i++) {
      half[i] = 0.5 * exact[i];
    }
    Diagnostics.Calibration bad = Diagnostics.calibration(half, w0, w1, 10);
    assertThat(bad.maxPull()).as("halved log-ratio pull " + bad.maxPull()).isGreaterThan(MIN_PULL_WRONG);
    Path cal = tmp.resolve("calibration.png");
    Diagnostics.plotCalibration(good, "exact", cal);
    assertPng(cal, 1000, 700);

    List<Diagnostics.Closure> cl = Diagnostics.closure(x, exact, w0, w1, 20);
    assertThat(cl.size()).as("cl.size()").isEqualTo(2);
    for (Diagnostics.Closure c : cl) {
      assertThat(c.maxRelativeDeviation())
          .as(c.feature() + " closure " + c.maxRelativeDeviation())
          .isLessThan(MAX_CLOSURE_EXACT);
      assertThat(c.maxReferenceDeviation())
          .as(c.feature() + " reference " + c.maxReferenceDeviation())
          .isGreaterThan(3 * MAX_CLOSURE_EXACT);
      assertThat(sum(c.reweighted())).as("sum(c.reweighted())").isCloseTo(1.0, within(1e-9));
    }
    Path clp = tmp.resolve("closure.png");
    Diagnostics.plotClosure(cl, "closure", clp);
    assertPng(clp, 1200, 490);
  }

  @Test
  void labelProfilesAndLossCurves() throws IOException {
    int n = 5000;
    double[] e = new double[n];
    double[] p = new double[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      e[i] = i / (double) n;
      p[i] = e[i] + 0.1;
      w[i] = 1;
    }
    List<Diagnostics.LabelProfile> prof = Diagnostics.predictedVsExact(List.of("R"), new double[][] {p},
        new double[][] {e}, w, 10, tmp.resolve("labels.png"));
    assertThat(prof.get(0).rmsError()).as("prof.get(0).rmsError()").isCloseTo(0.1, within(1e-12));
    for (int b = 0; b < 10; b++) {
      assertThat(prof.get(0).meanLabel()[b])
          .as("prof.get(0).meanLabel()[b]")
          .isCloseTo(prof.get(0).predicted()[b] - 0.1, within(1e-12));
    }
    assertPng(tmp.resolve("labels.png"), 600, 490);
    TrainingHistory h = new TrainingHistory(new double[] {1, 0.5, 0.4}, new double[] {1.1, 0.6, 0.45}, 2, false, 1, 10, 2, false, new double[] {0.4, 0.3, 0.3});
    Diagnostics.lossCurves(List.of(h), "loss", tmp.resolve("loss.png"));
    assertPng(tmp.resolve("loss.png"), 1000, 700);
  }

  static void assertPng(Path p, int w, int h) throws IOException {
    BufferedImage img = ImageIO.read(p.toFile());
    assertThat(img).as(p + " is not a PNG").isNotNull();
    assertThat(img.getWidth()).as("img.getWidth()").isEqualTo(w);
    assertThat(img.getHeight()).as("img.getHeight()").isEqualTo(h);
  }

  static double sum(double[] a) {
    double s = 0;
    for (double v : a) {
      s += v;
    }
    return s;
  }
}
