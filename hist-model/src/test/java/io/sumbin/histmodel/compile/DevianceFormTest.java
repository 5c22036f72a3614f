package io.sumbin.histmodel.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sumbin.histmodel.fit.FitOptions;
import io.sumbin.histmodel.fit.FitResult;
import io.sumbin.histmodel.fit.Fitter;
import io.sumbin.histmodel.spec.ChannelSpec;
import io.sumbin.histmodel.spec.ModelSpec;
import io.sumbin.histmodel.spec.ModifierSpec;
import io.sumbin.histmodel.spec.SampleSpec;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import org.hipparchus.special.Gamma;
import org.junit.jupiter.api.Test;

/**
 * The deviance (saturated-relative) form of the Poisson terms (issue 11 item 1): exact against
 * high-precision references, continuous, and immune to the size of the counts.
 */
class DevianceFormTest {
  /** Relative accuracy of the deviance and of the saturated constant. */
  static final double REL = 1e-14;

  /** n·ln(n/ν) + ν − n in 50-digit arithmetic (BigDecimal ln via series on the ratio). */
  static double deviance50(double n, double nu) {
    MathContext mc = new MathContext(50);
    BigDecimal x = new BigDecimal(nu).subtract(new BigDecimal(n)).divide(new BigDecimal(n), mc); // (ν−n)/n
    // φ(x) = x − ln(1+x) = Σ_{k≥2} (−1)^k x^k / k for |x| < 1
    BigDecimal sum = BigDecimal.ZERO;
    BigDecimal pow = x;
    for (int k = 2; k < 200; k++) {
      pow = pow.multiply(x, mc);
      BigDecimal term = pow.divide(BigDecimal.valueOf(k), mc);
      sum = (k % 2 == 0) ? sum.add(term, mc) : sum.subtract(term, mc);
      if (term.abs().compareTo(new BigDecimal("1e-45")) < 0) {
        break;
      }
    }
    return sum.multiply(new BigDecimal(n), mc).doubleValue();
  }

  @Test
  void devianceMatchesHighPrecisionWhateverTheCount() {
    double[][] cases = {{1.9e11, 1.9e11 * (1 + 2.3e-6)}, {1e12, 1e12 + 1e6}, {1e12, 1e12 + 1}, {5, 6}, {50, 35}, {3.5, 3.49999}};
    for (double[] c : cases) {
      double ref = deviance50(c[0], c[1]);
      assertThat(Evaluator.poissonDeviance(c[0], c[1])).as("n=%s ν=%s", c[0], c[1]).isCloseTo(ref, within(REL * Math.abs(ref) + 1e-300));
    }
    assertThat(Evaluator.poissonDeviance(0, 2.5)).isEqualTo(2.5);
    assertThat(Evaluator.poissonDeviance(3, 0)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(Evaluator.poissonDeviance(7, 7)).isZero();
  }

  @Test
  void saturatedConstantIsLnGammaMinusNLnNPlusN() {
    for (double n = 0.25; n < 40; n += 0.25) {
      double direct = Gamma.logGamma(n + 1) - n * Math.log(n) + n;
      assertThat(Evaluator.saturatedConstant(n)).as("n=%s", n).isCloseTo(direct, within(1e-12));
    }
    // Stirling: c(n) → ½ln(2πn) + 1/(12n) for large n, where the direct form has lost all digits
    double n = 1.9e11;
    assertThat(Evaluator.saturatedConstant(n)).isCloseTo(0.5 * Math.log(2 * Math.PI * n) + 1 / (12 * n), within(1e-14));
    // −ln Pois(n|ν) = d + c reproduces the textbook value where that is computable
    double nn = 37;
    double nu = 41.5;
    double textbook = nu - nn * Math.log(nu) + Gamma.logGamma(nn + 1);
    assertThat(Evaluator.poissonDeviance(nn, nu) + Evaluator.saturatedConstant(nn)).isCloseTo(textbook, within(1e-12));
  }

  @Test
  void aStiffShapesysGammaConvergesToTheFixedGammaMinimum() {
    // one bin: signal (normfactor mu) + background with an MC-statistics shapesys of relative width 1e-6
    double bkg = 50;
    SampleSpec sig = new SampleSpec("sig", new double[] {5}, List.of(new ModifierSpec.NormFactor("mu")));
    SampleSpec bk = new SampleSpec("bkg", new double[] {bkg}, List.of(new ModifierSpec.ShapeSys("stat", new double[] {bkg * 1e-6})));
    ModelSpec spec = new ModelSpec(List.of(new ChannelSpec("SR", List.of(sig, bk))), List.of(), "mu", null);
    CompiledModel m = ModelCompiler.compile(spec);
    double[] data = m.withAuxdata(new double[] {58});
    Fitter f = new Fitter(m);
    FitResult free = f.fit(data);
    int g = m.parIndex("stat");
    FitResult fixed = f.fit(data, FitOptions.suggested(m).withFixed(g, 1.0));
    assertThat(free.converged()).isTrue();
    assertThat(free.twiceNll()).isCloseTo(fixed.twiceNll(), within(1e-9));
    assertThat(free.value("mu")).isCloseTo(1.6, within(1e-4));
    // and the reported twice_nll is on pyhf's scale: the Poisson of the main bin plus the two constants
    double expected = 2 * (Evaluator.poissonDeviance(58, 58) + Evaluator.saturatedConstant(58)
        + Evaluator.saturatedConstant(1e12));
    assertThat(free.twiceNll()).isCloseTo(expected, within(1e-6));
  }
}
