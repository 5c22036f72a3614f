package io.sumbin.histmodel.infer.toys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** Toy streams are pure functions of (seed, stream, index) and have the right moments. */
class ToyRandomTest {
  @Test
  void streamsAreReproducibleAndDistinct() {
    ToyRandom a = new ToyRandom(42, 7, 1000);
    ToyRandom b = new ToyRandom(0, 0, 0);
    b.reset(42, 7, 1000);
    for (int i = 0; i < 100; i++) {
      assertEquals(a.nextLong(), b.nextLong());
    }
    long first = new ToyRandom(42, 7, 1000).nextLong();
    assertNotEquals(first, new ToyRandom(42, 7, 1001).nextLong());
    assertNotEquals(first, new ToyRandom(42, 8, 1000).nextLong());
    assertNotEquals(first, new ToyRandom(43, 7, 1000).nextLong());
    assertNotEquals(ToyRandom.stream("sb", 1), ToyRandom.stream("b", 1));
  }

  @Test
  void uniformAndGaussianMoments() {
    int n = 1_000_000;
    ToyRandom r = new ToyRandom(3, 1, 2);
    double su = 0;
    double su2 = 0;
    double sg = 0;
    double sg2 = 0;
    double sg4 = 0;
    for (int i = 0; i < n; i++) {
      double u = r.nextDouble();
      double g = r.nextGaussian();
      su += u;
      su2 += u * u;
      sg += g;
      sg2 += g * g;
      sg4 += g * g * g * g;
    }
    // five standard errors each
    assertEquals(0.5, su / n, 5 * Math.sqrt(1 / 12.0 / n));
    assertEquals(1 / 3.0, su2 / n, 5 * Math.sqrt(4 / 45.0 / n));
    assertEquals(0, sg / n, 5 / Math.sqrt(n));
    assertEquals(1, sg2 / n, 5 * Math.sqrt(2.0 / n));
    assertEquals(3, sg4 / n, 5 * Math.sqrt(96.0 / n));
  }
}
