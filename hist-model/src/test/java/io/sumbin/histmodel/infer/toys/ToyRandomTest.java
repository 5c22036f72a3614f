package io.sumbin.histmodel.infer.toys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Toy streams are pure functions of (seed, stream, index) and have the right moments. */
class ToyRandomTest {
  @Test
  void streamsAreReproducibleAndDistinct() {
    ToyRandom a = new ToyRandom(42, 7, 1000);
    ToyRandom b = new ToyRandom(0, 0, 0);
    b.reset(42, 7, 1000);
    for (int i = 0; i < 100; i++) {
      assertThat(b.nextLong()).as("b.nextLong()").isEqualTo(a.nextLong());
    }
    long first = new ToyRandom(42, 7, 1000).nextLong();
    assertThat(new ToyRandom(42, 7, 1001).nextLong()).as("new ToyRandom(42, 7, 1001).nextLong()").isNotEqualTo(first);
    assertThat(new ToyRandom(42, 8, 1000).nextLong()).as("new ToyRandom(42, 8, 1000).nextLong()").isNotEqualTo(first);
    assertThat(new ToyRandom(43, 7, 1000).nextLong()).as("new ToyRandom(43, 7, 1000).nextLong()").isNotEqualTo(first);
    assertThat(ToyRandom.stream("b", 1)).as("ToyRandom.stream(\"b\", 1)").isNotEqualTo(ToyRandom.stream("sb", 1));
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
    assertThat(su / n).as("su / n").isCloseTo(0.5, within(5 * Math.sqrt(1 / 12.0 / n)));
    assertThat(su2 / n).as("su2 / n").isCloseTo(1 / 3.0, within(5 * Math.sqrt(4 / 45.0 / n)));
    assertThat(sg / n).as("sg / n").isCloseTo(0, within(5 / Math.sqrt(n)));
    assertThat(sg2 / n).as("sg2 / n").isCloseTo(1, within(5 * Math.sqrt(2.0 / n)));
    assertThat(sg4 / n).as("sg4 / n").isCloseTo(3, within(5 * Math.sqrt(96.0 / n)));
  }
}
