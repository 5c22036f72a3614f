package io.sumbin.eft.morphing;

import static org.assertj.core.api.Assertions.assertThat;

import io.sumbin.summaries.weights.PolynomialBasis;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link QuadraticBasis} is the symmetric-matrix view (a, b, multiplicity) of the one polynomial basis
 * ({@link PolynomialBasis}, summaries' {@code weights}): the same monomials in the same order, and design rows
 * that are exactly multiplicity(k) · f_k(c).
 */
class QuadraticBasisTest {
  static final List<String> NAMES = List.of("cHbox", "cHDD", "cHW", "cHB");
  static final int POINTS = 20;

  @Test
  void theComponentsAreThePolynomialBasisMonomialsInItsOrder() {
    for (boolean linear : new boolean[] {false, true}) {
      for (int n = 1; n <= NAMES.size(); n++) {
        QuadraticBasis q = new QuadraticBasis(NAMES.subList(0, n), linear);
        PolynomialBasis p = q.polynomialBasis();
        assertThat(p.size()).as("size, n = %d, linear = %s", n, linear).isEqualTo(q.size());
        for (int k = 0; k < q.size(); k++) {
          int[] e = new int[n];
          for (String f : q.monomial(k)) {
            e[NAMES.indexOf(f)]++;
          }
          assertThat(p.exponents(k)).as("exponents of component %d (%s), n = %d, linear = %s", k, q.componentName(k), n, linear)
              .containsExactly(e);
        }
      }
    }
  }

  @Test
  void designRowsAreMultiplicityTimesTheMonomialsExactly() {
    SplittableRandom rng = new SplittableRandom(3);
    for (boolean linear : new boolean[] {false, true}) {
      QuadraticBasis q = new QuadraticBasis(NAMES, linear);
      PolynomialBasis p = q.polynomialBasis();
      for (int r = 0; r < POINTS; r++) {
        double[] c = rng.doubles(NAMES.size(), -3, 3).toArray();
        double[] f = p.evaluate(c);
        double[] row = q.designRow(c);
        for (int k = 0; k < q.size(); k++) {
          assertThat(row[k]).as("design row component %d at point %d, linear = %s", k, r, linear).isEqualTo(q.multiplicity(k) * f[k]);
        }
      }
    }
  }
}
