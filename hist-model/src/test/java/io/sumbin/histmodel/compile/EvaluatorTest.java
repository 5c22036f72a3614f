package io.sumbin.histmodel.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sumbin.histmodel.spec.ModelSpec;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Analytic gradients and Hessians against finite differences; Fisher information identities. */
class EvaluatorTest {
  static final double STEP = 1e-6;
  static final double GRAD_TOL = 1e-6;
  static final double HESS_TOL = 1e-5;
  static final double IDENTITY_TOL = 1e-10;

  static Stream<ModelSpec> models() {
    return Stream.of(TestModels.everything(), TestModels.withTerms());
  }

  /** A random parameter point strictly inside the bounds and away from them. */
  static double[] randomPoint(CompiledModel m, Random rnd) {
    double[] x = m.suggestedInit();
    for (int i = 0; i < x.length; i++) {
      double v = x[i] + 0.6 * (2 * rnd.nextDouble() - 1);
      x[i] = Math.min(Math.max(v, m.lowerBounds()[i] + 0.05), m.upperBounds()[i] - 0.05);
    }
    return x;
  }

  static double[] pseudoData(CompiledModel m, double[] at) {
    double[] d = new double[m.nMain() + m.nAux()];
    m.evaluator().expectedData(at, d);
    for (int b = 0; b < m.nMain(); b++) {
      d[b] = Math.round(d[b] * 1.1 + 1); // not the expectation: second-derivative terms matter
    }
    return d;
  }

  @ParameterizedTest
  @MethodSource("models")
  void gradientMatchesFiniteDifferences(ModelSpec spec) {
    CompiledModel m = ModelCompiler.compile(spec);
    Evaluator ev = m.evaluator();
    Random rnd = new Random(7);
    for (int trial = 0; trial < 5; trial++) {
      double[] x = randomPoint(m, rnd);
      double[] data = pseudoData(m, randomPoint(m, rnd));
      double c = ev.constant(data);
      double[] g = new double[m.nPars()];
      double f = ev.nllGrad(x, data, c, g);
      assertThat(f).as("Double.isFinite(f)").isFinite();
      for (int i = 0; i < m.nPars(); i++) {
        double[] p = x.clone();
        double[] q = x.clone();
        p[i] += STEP;
        q[i] -= STEP;
        double fd = (ev.nll(p, data, c) - ev.nll(q, data, c)) / (2 * STEP);
        assertThat(g[i]).as("d/d" + m.parName(i)).isCloseTo(fd, within(GRAD_TOL * (1 + Math.abs(fd))));
      }
    }
  }

  @ParameterizedTest
  @MethodSource("models")
  void hessianMatchesFiniteDifferencesOfTheGradient(ModelSpec spec) {
    CompiledModel m = ModelCompiler.compile(spec);
    Evaluator ev = m.evaluator();
    Random rnd = new Random(11);
    int n = m.nPars();
    for (int trial = 0; trial < 3; trial++) {
      double[] x = randomPoint(m, rnd);
      double[] data = pseudoData(m, randomPoint(m, rnd));
      double c = ev.constant(data);
      double[] h = new double[n * n];
      assertThat(ev.hessian(x, data, h)).as("ev.hessian(x, data, h)").isTrue();
      double[] gp = new double[n];
      double[] gm = new double[n];
      for (int i = 0; i < n; i++) {
        double[] p = x.clone();
        double[] q = x.clone();
        p[i] += STEP;
        q[i] -= STEP;
        ev.nllGrad(p, data, c, gp);
        ev.nllGrad(q, data, c, gm);
        for (int j = 0; j < n; j++) {
          double fd = (gp[j] - gm[j]) / (2 * STEP);
          assertThat(h[j * n + i])
              .as(m.parName(i) + "," + m.parName(j))
              .isCloseTo(fd, within(HESS_TOL * (1 + Math.abs(fd))));
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("models")
  void exactHessianOnAsimovDataIsTheFisherInformation(ModelSpec spec) {
    CompiledModel m = ModelCompiler.compile(spec);
    Evaluator ev = m.evaluator();
    double[] x = randomPoint(m, new Random(3));
    double[] asimov = new double[m.nMain() + m.nAux()];
    ev.expectedData(x, asimov);
    int n = m.nPars();
    double[] h = new double[n * n];
    double[] fi = new double[n * n];
    ev.hessian(x, asimov, h);
    ev.fisher(x, fi);
    for (int i = 0; i < n * n; i++) {
      assertThat(h[i]).as("h[i]").isCloseTo(fi[i], within(IDENTITY_TOL * (1 + Math.abs(fi[i]))));
    }
  }

  @ParameterizedTest
  @MethodSource("models")
  void gradientVanishesAtTheTruthForAsimovData(ModelSpec spec) {
    CompiledModel m = ModelCompiler.compile(spec);
    Evaluator ev = m.evaluator();
    double[] x = randomPoint(m, new Random(5));
    double[] asimov = new double[m.nMain() + m.nAux()];
    ev.expectedData(x, asimov);
    double[] g = new double[m.nPars()];
    ev.nllGrad(x, asimov, ev.constant(asimov), g);
    for (int i = 0; i < g.length; i++) {
      assertThat(g[i]).as(m.parName(i)).isCloseTo(0.0, within(1e-9));
    }
  }
}
