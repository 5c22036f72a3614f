package io.sumbin.histmodel.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.compile.ModelCompiler;
import io.sumbin.histmodel.spec.ChannelSpec;
import io.sumbin.histmodel.spec.ModelSpec;
import io.sumbin.histmodel.spec.ModifierSpec;
import io.sumbin.histmodel.spec.SampleSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Profile-likelihood intervals of a one-bin counting experiment, ν = μ s + b, against the exact
 * solutions of 2[ν − n − n ln(ν/n)] = level (bisection to machine precision), on coarse and fine
 * grids: the edges must not depend on the grid.
 */
class ProfileIntervalTest {
  static final double S = 10;
  static final double B = 5;
  static final double N = 12;
  /** Tolerance on an edge: Δ2NLL is solved to 1e-7, slope here ≈ 1–3 per unit μ. */
  static final double EDGE_TOL = 1e-6;

  static double delta(double mu) {
    double nu = mu * S + B;
    return 2 * (nu - N - N * Math.log(nu / N));
  }

  static double solve(double lo, double hi, double level) {
    double flo = delta(lo) - level;
    for (int i = 0; i < 200; i++) {
      double mid = 0.5 * (lo + hi);
      double fm = delta(mid) - level;
      if (fm * flo > 0) {
        lo = mid;
        flo = fm;
      } else {
        hi = mid;
      }
    }
    return 0.5 * (lo + hi);
  }

  @Test
  void edgesAreExactOnAnyGrid() {
    ModelSpec spec = new ModelSpec(List.of(new ChannelSpec("SR", List.of(
        new SampleSpec("signal", new double[] {S}, List.of(new ModifierSpec.NormFactor("mu"))),
        new SampleSpec("background", new double[] {B}, List.of())))), List.of(), "mu", null);
    CompiledModel m = ModelCompiler.compile(spec);
    double[] data = m.withAuxdata(new double[] {N});
    double muHat = (N - B) / S;
    double lo68 = solve(0, muHat, 1.0);
    double hi68 = solve(muHat, 5, 1.0);
    double lo95 = solve(0, muHat, ProfileLikelihood.DELTA_95_1D);
    double hi95 = solve(muHat, 5, ProfileLikelihood.DELTA_95_1D);
    for (int n : new int[] {6, 17, 301}) {
      ProfileScan s = new ProfileLikelihood(m).scan(m.poiIndex(), ProfileLikelihood.linspace(0, 3, n), data);
      assertThat(s.converged()).as(s.message()).isTrue();
      assertThat(s.best().bestfit()[m.poiIndex()])
          .as("s.best().bestfit()[m.poiIndex()]")
          .isCloseTo(muHat, within(1e-8));
      assertThat(s.interval68()[0]).as(n + " points").isCloseTo(lo68, within(EDGE_TOL));
      assertThat(s.interval68()[1]).as(n + " points").isCloseTo(hi68, within(EDGE_TOL));
      assertThat(s.interval95()[0]).as(n + " points").isCloseTo(lo95, within(EDGE_TOL));
      assertThat(s.interval95()[1]).as(n + " points").isCloseTo(hi95, within(EDGE_TOL));
    }
  }
}
