package io.sumbin.histmodel.infer.toys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.compile.ModelCompiler;
import io.sumbin.histmodel.compile.TestModels;
import org.junit.jupiter.api.Test;

/**
 * Pseudo-data follow pyhf's probability model at the generating parameters: main bins
 * Pois(ν_b), Gaussian auxiliary data N(θ, σ), Poisson auxiliary data Pois(γτ) — checked by the
 * mean and variance of every data entry over many toys.
 */
class ToyGeneratorTest {
  static final int N = 40_000;
  /** Standard errors allowed per moment (about 25 entries × 2 moments are checked). */
  static final double Z = 5;

  @Test
  void everyEntryHasTheModelsMeanAndVariance() {
    CompiledModel m = ModelCompiler.compile(TestModels.everything());
    double[] pars = m.suggestedInit();
    for (int i = 0; i < pars.length; i++) {
      if (!m.parName(i).equals("mu")) {
        pars[i] += 0.1 * ((i % 3) - 1); // off-nominal generating point
      }
    }
    ToyGenerator g = new ToyGenerator(m);
    g.setParameters(pars);
    double[] expected = g.expected().clone();
    int nd = m.nMain() + m.nAux();
    double[] var = new double[nd];
    for (int b = 0; b < m.nMain(); b++) {
      var[b] = expected[b];
    }
    m.gaussianConstraints().forEach(c -> var[m.nMain() + c.aux()] = c.sigma() * c.sigma());
    m.poissonConstraints().forEach(c -> var[m.nMain() + c.aux()] = expected[m.nMain() + c.aux()]);
    double[] s1 = new double[nd];
    double[] s2 = new double[nd];
    double[] d = new double[nd];
    ToyRandom rng = new ToyRandom(0, 0, 0);
    for (int t = 0; t < N; t++) {
      rng.reset(9, 1, t);
      g.generate(rng, d);
      for (int i = 0; i < nd; i++) {
        double x = d[i] - expected[i];
        s1[i] += x;
        s2[i] += x * x;
      }
    }
    for (int i = 0; i < nd; i++) {
      double mean = s1[i] / N;
      double v = s2[i] / N - mean * mean;
      assertThat(mean).as("mean of data entry " + i).isCloseTo(0, within(Z * Math.sqrt(var[i] / N)));
      assertThat(v)
          .as("variance of data entry " + i)
          .isCloseTo(var[i], within(Z * var[i] * Math.sqrt(2.0 / N) + 1e-12));
    }
  }

  @Test
  void misuseIsRejected() {
    CompiledModel m = ModelCompiler.compile(TestModels.everything());
    ToyGenerator g = new ToyGenerator(m);
    double[] d = new double[m.nMain() + m.nAux()];
    assertThatThrownBy(() -> g.generate(new ToyRandom(1, 1, 1), d)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> g.setParameters(new double[1])).isInstanceOf(IllegalArgumentException.class);
  }
}
