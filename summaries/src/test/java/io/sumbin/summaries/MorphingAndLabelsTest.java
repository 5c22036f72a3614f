package io.sumbin.summaries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sumbin.summaries.derivative.DerivativeLabels;
import io.sumbin.summaries.derivative.LabelSmearing;
import io.sumbin.summaries.weights.Morphing;
import io.sumbin.summaries.weights.PolynomialBasis;
import io.sumbin.summaries.weights.PolynomialWeights;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Pure-Java parts: polynomial basis, morphing, exact derivative labels, label smearing. */
class MorphingAndLabelsTest {
  static final double EXACT = 1e-12;
  static final double MORPH = 1e-9;

  static final List<String> P2 = List.of("a", "b");

  @Test
  void quadraticBasisOrderNamesAndDerivatives() {
    PolynomialBasis b = PolynomialBasis.quadratic(P2);
    assertThat(b.termNames()).as("b.termNames()").isEqualTo(List.of("1", "a", "b", "a^2", "a*b", "b^2"));
    assertThat(b.evaluate(new double[] {2, 3}))
        .as("b.evaluate(new double[] {2, 3})")
        .containsExactly(new double[] {1, 2, 3, 4, 6, 9}, within(EXACT));
    double[][] g = new double[6][2];
    b.gradient(new double[] {2, 3}, g);
    assertThat(g[3]).as("g[3]").containsExactly(new double[] {4, 0}, within(EXACT));
    assertThat(g[4]).as("g[4]").containsExactly(new double[] {3, 2}, within(EXACT));
    double[][][] h = new double[6][2][2];
    b.hessian(new double[] {2, 3}, h);
    assertThat(h[3][0][0]).as("h[3][0][0]").isCloseTo(2, within(EXACT));
    assertThat(h[4][0][1]).as("h[4][0][1]").isCloseTo(1, within(EXACT));
    assertThat(h[4][1][0]).as("h[4][1][0]").isCloseTo(1, within(EXACT));
    assertThat(h[1][0][0]).as("h[1][0][0]").isCloseTo(0, within(EXACT));
    assertThat(new PolynomialBasis(List.of("a", "b", "c"), 2).size())
        .as("new PolynomialBasis(List.of(\"a\", \"b\", \"c\"), 2).size()")
        .isEqualTo(10);
  }

  @Test
  void morphingReproducesAnyQuadraticFromItsBasisPoints() {
    PolynomialBasis b = PolynomialBasis.quadratic(P2);
    double[][] pts = {{0, 0}, {1, 0}, {-1, 0}, {0, 1}, {0, -1}, {1, 1}};
    Morphing m = new Morphing(b, pts);
    double[] coef = {0.7, -0.3, 1.1, 0.4, -0.9, 0.25};
    double[] atBasis = new double[6];
    for (int c = 0; c < 6; c++) {
      atBasis[c] = dot(coef, b.evaluate(pts[c]));
    }
    SplittableRandom r = new SplittableRandom(3);
    for (int t = 0; t < 20; t++) {
      double[] theta = {4 * r.nextDouble() - 2, 4 * r.nextDouble() - 2};
      assertThat(dot(m.weights(theta), atBasis))
          .as("dot(m.weights(theta), atBasis)")
          .isCloseTo(dot(coef, b.evaluate(theta)), within(MORPH));
    }
    assertThat(m.weights(pts[3]))
        .as("m.weights(pts[3])")
        .containsExactly(new double[] {0, 0, 0, 1, 0, 0}, within(MORPH));
    PolynomialWeights w = m.coefficients(new double[][] {{atBasis[0]}, {atBasis[1]}, {atBasis[2]}, {atBasis[3]},
        {atBasis[4]}, {atBasis[5]}});
    assertThat(w.coefficients(0)).as("w.coefficients(0)").containsExactly(coef, within(MORPH));
    assertThat(w.total(new double[] {0.3, -0.2}))
        .as("w.total(new double[] {0.3, -0.2})")
        .isCloseTo(dot(coef, b.evaluate(new double[] {0.3, -0.2})), within(MORPH));
    RuntimeException e = assertThatExceptionOfType(io.sumbin.histmodel.BadInputException.class)
        .isThrownBy(() -> new Morphing(b, new double[][] {{0, 0}, {1, 0}, {2, 0}, {3, 0}, {0, 1}, {1, 1}}))
        .actual();
    assertThat(e.getMessage()).as(e.getMessage()).contains("singular");
    e = assertThatExceptionOfType(io.sumbin.histmodel.BadInputException.class)
        .isThrownBy(() -> new Morphing(b, new double[][] {{0, 0}}))
        .actual();
    assertThat(e.getMessage()).as(e.getMessage()).contains("needs 6 basis points, got 1");
  }

  @Test
  void derivativeLabelsAreTheTaylorCoefficientsOfTheWeightRatio() {
    PolynomialBasis b = PolynomialBasis.quadratic(P2);
    // w(θ) = 2 + 0.4 a − 0.6 b + 0.3 a² + 0.5 ab + 0.1 b²  →  at θ = 0: R_a = 0.2, R_b = −0.3, R_aa = 0.3, R_ab = 0.25, R_bb = 0.1
    PolynomialWeights w = new PolynomialWeights(b, new double[][] {{2, 0.4, -0.6, 0.3, 0.5, 0.1}});
    LabelSet l = DerivativeLabels.of(w, new double[2]);
    assertThat(l.names()).as("l.names()").isEqualTo(List.of("R_a", "R_b", "R_a_a", "R_a_b", "R_b_b"));
    double[] got = new double[5];
    for (int k = 0; k < 5; k++) {
      got[k] = l.column(k)[0];
    }
    assertThat(got).as("got").containsExactly(new double[] {0.2, -0.3, 0.3, 0.25, 0.1}, within(EXACT));
    // expansion about θ_ref = (1, 0): r = w(θ)/w(θ_ref), w(θ_ref) = 2.7, ∂_a w = 0.4 + 0.6 = 1.0, ∂_b w = −0.6 + 0.5 = −0.1
    l = DerivativeLabels.of(w, new double[] {1, 0});
    assertThat(l.column(0)[0]).as("l.column(0)[0]").isCloseTo(1.0 / 2.7, within(EXACT));
    assertThat(l.column(1)[0]).as("l.column(1)[0]").isCloseTo(-0.1 / 2.7, within(EXACT));
    LabelSet lin = DerivativeLabels.of(new PolynomialWeights(PolynomialBasis.linear(P2), new double[][] {{2, 0.4, -0.6}}),
        new double[2]);
    assertThat(lin.names()).as("lin.names()").isEqualTo(List.of("R_a", "R_b"));
    assertThat(lin.column(1)[0]).as("lin.column(1)[0]").isCloseTo(-0.3, within(EXACT));
    PolynomialWeights zero = new PolynomialWeights(b, new double[][] {{0, 1, 0, 0, 0, 0}});
    IllegalArgumentException e = assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> DerivativeLabels.of(zero, new double[2]))
        .actual();
    assertThat(e.getMessage()).as(e.getMessage()).contains("event 0 has weight 0.0");
  }

  @Test
  void smearingConservesWeightedLabelSumsAndShrinksOutliers() {
    int n = 4000;
    SplittableRandom r = new SplittableRandom(8);
    double[] x = new double[n];
    double[] w = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = r.nextGaussian();
      w[i] = 0.5 + r.nextDouble();
      y[i] = x[i] + 0.1 * r.nextGaussian();
    }
    int[] spikes = {17, 1234, 3999};
    for (int i : spikes) {
      y[i] += 80;
    }
    LabelSet labels = new LabelSet(List.of("y"), new double[][] {y});
    LabelSmearing s = new LabelSmearing(5, 0.75, 8);
    LabelSmearing.Result res = s.apply(FeatureMatrix.ofColumns(List.of("x"), x), w, labels);
    double[] z = res.labels().column(0);
    double before = 0;
    double after = 0;
    for (int i = 0; i < n; i++) {
      before += w[i] * y[i];
      after += w[i] * z[i];
    }
    assertThat(after).as("after").isCloseTo(before, within(1e-9 * Math.abs(before)));
    assertThat(res.outliers()[0]).as("res.outliers()[0]").isEqualTo(spikes.length);
    for (int i : spikes) {
      double excess = y[i] - x[i];
      assertThat(Math.abs(z[i] - x[i])).as("outlier " + i + " not shrunk: " + z[i]).isLessThan(0.3 * excess);
    }
    assertThatThrownBy(() -> new LabelSmearing(5, 1.5, 8)).isInstanceOf(io.sumbin.histmodel.BadInputException.class);
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
