package io.sumbin.histmodel.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sumbin.histmodel.BadInputException;
import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.compile.ModelCompiler;
import io.sumbin.histmodel.compile.Models;
import io.sumbin.histmodel.infer.HypoTestResult;
import io.sumbin.histmodel.infer.Normal;
import io.sumbin.histmodel.infer.ProfileLikelihoodStatistic;
import io.sumbin.histmodel.infer.TestStatistic;
import io.sumbin.histmodel.infer.toys.Shard;
import io.sumbin.histmodel.infer.toys.ToySettings;
import io.sumbin.histmodel.spec.ChannelSpec;
import io.sumbin.histmodel.spec.Measurement;
import io.sumbin.histmodel.spec.ModifierSpec;
import io.sumbin.histmodel.spec.Observation;
import io.sumbin.histmodel.spec.SampleSpec;
import io.sumbin.histmodel.spec.Workspace;
import java.util.List;
import org.hipparchus.distribution.discrete.PoissonDistribution;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A statistic that is not built in — the two-sided t_μ reported as the p-value of the tested μ,
 * p = 2(1 − Φ(√t_μ)) asymptotically (Wilks) — is one class plus one registration line, and runs
 * through the facade's asymptotic and toy calculators without any change to them. Checked on a
 * one-bin counting model without nuisance parameters (signal 10·μ, background 50, 65 observed),
 * where t_μ = 2[ν(μ) − n − n ln(ν(μ)/n)], ν(μ) = 10μ + 50, μ̂ = 1.5, and where the toy p-value is
 * an exact Poisson sum.
 */
class CustomTestStatisticTest {
  /** The new statistic: t_μ's value and densities, a two-sided p-value as the result. */
  static final class TwoSidedPValue extends ProfileLikelihoodStatistic {
    TwoSidedPValue() {
      super("tp", false, false);
    }

    @Override
    public boolean pValueResult() {
      return true;
    }

    /** t = √q − √q_A: 2(1 − Φ(√q)). */
    @Override
    public double asymptoticClsb(double t, double sqrtQAsimov) {
      return 2 * Normal.sf(t + sqrtQAsimov);
    }

    @Override
    protected double continuousDensity(double t, double mu, double muPrime, double sigma) {
      return twoSided(t, (mu - muPrime) / sigma);
    }
  }

  static final double S = 10;
  static final double B = 50;
  static final int N = 65;
  /** The fits' −2 ln L agree with the closed form to about 1e-9 (Newton to gradient 1e-10). */
  static final double T_TOL = 1e-7;

  static TestStatistic tp;

  @BeforeAll
  static void register() {
    tp = TestStatistic.register(new TwoSidedPValue());
  }

  @AfterAll
  static void unregister() {
    TestStatistic.unregister("tp");
  }

  static InferenceProblem counting() {
    SampleSpec sig = new SampleSpec("signal", new double[] {S}, List.of(new ModifierSpec.NormFactor("mu")));
    SampleSpec bkg = new SampleSpec("background", new double[] {B}, List.of());
    Workspace ws = new Workspace(List.of(new ChannelSpec("sr", List.of(sig, bkg))), List.of(new Observation("sr", new double[] {N})),
        List.of(new Measurement("m", "mu", List.of())), "1.0.0");
    CompiledModel m = ModelCompiler.compile(ws.model(null));
    return InferenceProblem.of(m, Models.observedData(ws, m)).withSource("counting");
  }

  /** t_μ of n counts, μ̂ = (n − b)/s within the normfactor's bounds [0, 10]. */
  static double t(int n, double mu) {
    double muHat = Math.min(Math.max((n - B) / S, 0), 10);
    return 2 * (poissonDeviance(n, S * mu + B) - poissonDeviance(n, S * muHat + B));
  }

  private static double poissonDeviance(int n, double nu) {
    return nu - n + (n == 0 ? 0 : n * Math.log(n / nu));
  }

  @Test
  void oneLineMakesItKnownByName() {
    assertThat(TestStatistic.parse("TP")).isSameAs(tp);
    assertThat(TestStatistic.registered()).startsWith(TestStatistic.Q, TestStatistic.QTILDE, TestStatistic.T,
        TestStatistic.TTILDE, TestStatistic.Q0).contains(tp);
    assertThatThrownBy(() -> TestStatistic.parse("nope")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown test statistic 'nope' (expected q, qtilde, t, ttilde, q0 or tp)");
    assertThatThrownBy(() -> TestStatistic.register(new TwoSidedPValue())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> InferenceOptions.requireStatistic(tp, "--test-stat", "limit", TestStatistic.QTILDE))
        .isInstanceOf(BadInputException.class)
        .hasMessage("--test-stat tp: limit uses qtilde (tp is two-sided: its asymptotic distribution is not the one of CLs;"
            + " it orders confidence belts)");
  }

  @Test
  void asymptoticPValueIsWilksTwoSided() {
    InferenceProblem p = counting();
    for (double mu : new double[] {0.5, 2.5}) { // μ̂ = 1.5 above and below the tested value
      HypoTestResult r = InferenceFacade.hypotest(p, mu, InferenceOptions.asymptotic(tp)).result();
      double t = t(N, mu);
      assertThat(r.converged()).isTrue();
      assertThat(r.mu()).isEqualTo(mu);
      assertThat(r.qObs()).as("t_mu at %s", mu).isCloseTo(t, within(T_TOL));
      double p2 = 2 * Normal.sf(Math.sqrt(t));
      assertThat(r.clsb()).as("p at %s", mu).isCloseTo(p2, within(1e-7));
      assertThat(r.cls()).as("the result is the p-value, not CLs").isEqualTo(r.clsb());
      // the same fits as the built-in t_mu: identical value, and its one-sided p-value is half of ours
      HypoTestResult builtIn = InferenceFacade.hypotest(p, mu, InferenceOptions.asymptotic(TestStatistic.T)).result();
      assertThat(r.qObs()).isEqualTo(builtIn.qObs());
      assertThat(r.clsb()).isEqualTo(2 * builtIn.clsb());
    }
  }

  @Test
  void toyPValueIsTheExactPoissonTail() {
    double mu = 0.5;
    int ntoys = 3000;
    HypoTestResult r = InferenceFacade.hypotest(counting(), mu, InferenceOptions.toys(tp, new ToySettings(ntoys, 11, 1, Shard.ALL)))
        .result();
    double tObs = t(N, mu);
    // the toys are drawn at the conditional fit, ν = 55: the exact p-value sums Poisson(n; 55) where t(n) ≥ t_obs;
    // the toy n = 65 itself lands on t_obs up to the fit tolerance, so it may count or not
    PoissonDistribution pois = new PoissonDistribution(S * mu + B);
    double strict = 0;
    double inclusive = 0;
    for (int n = 0; n < 300; n++) {
      double tn = t(n, mu);
      if (tn > tObs + 1e-6) {
        strict += pois.probability(n);
      }
      if (tn > tObs - 1e-6) {
        inclusive += pois.probability(n);
      }
    }
    double sigma = Math.sqrt(inclusive * (1 - strict) / ntoys);
    assertThat(r.converged()).as(r.message()).isTrue();
    assertThat(r.cls()).isEqualTo(r.clsb());
    assertThat(r.clsb()).isBetween(strict - 4 * sigma, inclusive + 4 * sigma);
  }
}
