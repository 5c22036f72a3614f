package io.sumbin.histmodel.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sumbin.histmodel.family.ModelFamily;
import org.junit.jupiter.api.Test;

/** The one interval extractor, used by profile scans and model families alike. */
class IntervalsTest {
  /** Edges of a parabola solved on local parabolas: exact up to rounding. */
  static final double EXACT = 1e-12;

  static double[] parabola(double[] x, double mu, double sigma) {
    double[] t = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      t[i] = Math.pow((x[i] - mu) / sigma, 2);
    }
    return t;
  }

  @Test
  void edgesOfAParabolaAreExactOnACoarseGridWithOrWithoutTheBestPoint() {
    double mu = 0.37;
    double sigma = 0.8;
    double[] x = ProfileLikelihood.linspace(-3, 3, 11);
    double[] t = parabola(x, mu, sigma);
    for (double level : new double[] {ProfileLikelihood.DELTA_68_1D, ProfileLikelihood.DELTA_95_1D}) {
      double half = sigma * Math.sqrt(level);
      double[] grid = Intervals.around(x, t, level);
      double[] best = Intervals.aroundBest(x, t, level, mu);
      assertThat(grid).as("grid minimum, level %s", level).containsExactly(new double[] {mu - half, mu + half}, within(EXACT));
      assertThat(best).as("best point inserted, level %s", level).containsExactly(new double[] {mu - half, mu + half}, within(EXACT));
      assertThat(ModelFamily.acceptance(x, t, level)).as("ModelFamily's intervals are Intervals'").containsExactly(grid);
      assertThat(ProfileLikelihood.interval(x, t, level, mu)).as("ProfileLikelihood's intervals are Intervals'").containsExactly(best);
    }
  }

  @Test
  void openEndsAndMissingPoints() {
    double[] x = {0, 1, 2, 3, 4};
    assertThat(Intervals.around(x, new double[] {0.5, 0.2, 0, 0.3, 0.9}, 1.0)).as("never crosses")
        .containsExactly(Double.NaN, Double.NaN);
    double[] upper = Intervals.around(x, new double[] {4, 1.5, 0, 0.4, 0.8}, 1.0);
    assertThat(upper[0]).as("lower edge inside the grid").isBetween(1.0, 2.0);
    assertThat(upper[1]).as("open at the upper end").isNaN();
    assertThat(Intervals.around(x, new double[] {Double.NaN, 5, 2, 5, Double.NaN}, 1.0)).as("minimum above the level")
        .containsExactly(Double.NaN, Double.NaN);
  }
}
