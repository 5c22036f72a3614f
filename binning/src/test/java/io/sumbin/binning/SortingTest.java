package io.sumbin.binning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The radix argsort gives exactly the stable merge sort's permutation. */
class SortingTest {
  @Test
  void radixEqualsStableMergeSortWithTiesSignedZerosAndInfinities() {
    SplittableRandom rnd = new SplittableRandom(7);
    for (int trial = 0; trial < 50; trial++) {
      int n = Sorting.RADIX_MIN + rnd.nextInt(5000);
      double[] key = new double[n + 10];
      for (int i = 0; i < key.length; i++) {
        switch (rnd.nextInt(6)) {
          case 0 -> key[i] = rnd.nextInt(5) - 2; // many ties
          case 1 -> key[i] = rnd.nextBoolean() ? 0.0 : -0.0;
          case 2 -> key[i] = rnd.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
          case 3 -> key[i] = (rnd.nextDouble() - 0.5) * 1e-300;
          default -> key[i] = (rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(40) - 20);
        }
      }
      int[] idx = new int[n];
      for (int r = 0; r < n; r++) {
        idx[r] = trial % 2 == 0 ? r + 5 : key.length - 1 - r; // ascending and descending index orders
      }
      int[] radix = Sorting.argsort(key, idx);
      assertThat(radix).containsExactly(Sorting.mergeArgsort(key, idx));
      for (int r = 1; r < n; r++) {
        assertThat(key[radix[r - 1]]).isLessThanOrEqualTo(key[radix[r]]);
      }
    }
  }

  @Test
  void nanKeysFallBackToTheMergeSort() {
    double[] key = new double[1000];
    for (int i = 0; i < key.length; i++) {
      key[i] = i % 7 == 0 ? Double.NaN : (i * 7919) % 1000;
    }
    int[] idx = new int[key.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    assertThat(Sorting.argsort(key, idx)).containsExactly(Sorting.mergeArgsort(key, idx));
  }
}
