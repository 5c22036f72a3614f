package io.sumbin.histmodel.infer.toys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.compile.Models;
import io.sumbin.histmodel.fit.FitOptions;
import io.sumbin.histmodel.fit.Fitter;
import io.sumbin.histmodel.infer.AsymptoticCalculator;
import io.sumbin.histmodel.infer.HypoTestResult;
import io.sumbin.histmodel.infer.Inference;
import io.sumbin.histmodel.infer.TestStatistic;
import io.sumbin.histmodel.spec.ExampleModels;
import io.sumbin.histmodel.spec.Workspace;
import org.junit.jupiter.api.Test;

/**
 * Toy CLs conventions, and agreement with the asymptotic formulae of arXiv:1007.1727 where those
 * hold (the house model scaled to hundreds of events per bin).
 */
class ToyCalculatorTest {
  static final int NTOYS = 4000;
  /** Binomial standard errors allowed. */
  static final double Z = 4;
  /** Residual error of the asymptotic formulae at O(500) events per bin (arXiv:1007.1727 §5). */
  static final double ASYMPTOTIC_TOL = 0.01;
  /** Median expected CLs (≈ 0.03 here): order-statistic noise of 4000 toys plus the asymptotic error. */
  static final double MEDIAN_TOL = 0.02;

  static Workspace big() {
    return ExampleModels.uncorrelatedBackground(new double[] {60, 55}, new double[] {500, 520}, new double[] {25, 35},
        new double[] {530, 560});
  }

  @Test
  void largeCountsAgreeWithAsymptotics() {
    Workspace ws = big();
    CompiledModel m = Models.compile(ws, null);
    double[] data = Models.observedData(ws, m);
    FitOptions o = FitOptions.suggested(m);
    for (TestStatistic ts : new TestStatistic[] {TestStatistic.QTILDE, TestStatistic.Q0}) {
      HypoTestResult toys = new ToyCalculator(m, data, o, ts, ToySettings.of(NTOYS).withSeed(3)).hypotest(1.0);
      HypoTestResult asy = new AsymptoticCalculator(new Inference(new Fitter(m), o.withUncertainties(false)), data, ts)
          .hypotest(1.0);
      assertThat(toys.converged()).as(toys.message()).isTrue();
      assertThat(toys.qObs()).as("the same observed statistic").isCloseTo(asy.qObs(), within(1e-9));
      for (double[] pair : new double[][] {{asy.clsb(), toys.clsb()}, {asy.clb(), toys.clb()}}) {
        double p = pair[0];
        assertThat(pair[1])
            .as(ts + ": toy p-value vs asymptotic")
            .isCloseTo(p, within(Z * Math.sqrt(p * (1 - p) / NTOYS) + ASYMPTOTIC_TOL));
      }
      if (ts == TestStatistic.Q0) {
        assertThat(toys.cls()).as("q0: CLs slot carries p0 (pyhf)").isCloseTo(toys.clsb(), within(0.0));
      } else {
        assertThat(toys.cls()).as("toys.cls()").isCloseTo(toys.clsb() / toys.clb(), within(1e-15));
        // the median expected CLs against the asymptotic median
        assertThat(toys.clsExpected()[2])
            .as("toys.clsExpected()[2]")
            .isCloseTo(asy.clsExpected()[2], within(MEDIAN_TOL));
      }
      for (int k = 1; k < 5; k++) {
        assertThat(toys.clsExpected()[k])
            .as("band ordered from −2σ to +2σ")
            .isGreaterThanOrEqualTo(toys.clsExpected()[k - 1]);
      }
    }
  }
}
