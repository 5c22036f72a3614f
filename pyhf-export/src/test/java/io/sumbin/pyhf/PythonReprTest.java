package io.sumbin.pyhf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link PyhfDigest#pythonRepr} (digit rounding on Double.toString) against its formatter definition. */
class PythonReprTest {

  @Test
  void knownValues() {
    assertThat(PyhfDigest.pythonRepr(0.1)).isEqualTo("0.1");
    assertThat(PyhfDigest.pythonRepr(-2.0)).isEqualTo("-2.0");
    assertThat(PyhfDigest.pythonRepr(1e16)).isEqualTo("1e+16");
    assertThat(PyhfDigest.pythonRepr(1e-5)).isEqualTo("1e-05");
    assertThat(PyhfDigest.pythonRepr(0.0001)).isEqualTo("0.0001");
    assertThat(PyhfDigest.pythonRepr(123456789.125)).isEqualTo("123456789.125");
    assertThat(PyhfDigest.pythonRepr(1.0 / 3)).isEqualTo("0.3333333333333333");
    assertThat(PyhfDigest.pythonRepr(2.0 / 3)).isEqualTo("0.6666666666666666");
    assertThat(PyhfDigest.pythonRepr(-0.0)).isEqualTo("-0.0");
    assertThat(PyhfDigest.pythonRepr(Double.MIN_VALUE)).isEqualTo("5e-324");
    assertThat(PyhfDigest.pythonRepr(Double.MAX_VALUE)).isEqualTo("1.7976931348623157e+308");
  }

  @Test
  void sameAsTheFormatterOnManyDoubles() {
    SplittableRandom rnd = new SplittableRandom(24);
    List<Double> vs = new ArrayList<>();
    for (int i = 0; i < 40_000; i++) {
      vs.add(Double.longBitsToDouble(rnd.nextLong())); // any bit pattern
      vs.add(rnd.nextDouble() * Math.pow(10, rnd.nextInt(-8, 20))); // typical magnitudes
      vs.add(Math.round(rnd.nextDouble() * 1e6) / Math.pow(10, rnd.nextInt(0, 9))); // few digits
      vs.add((double) rnd.nextLong(-1L << 54, 1L << 54)); // integers
    }
    for (int e = -1074; e <= 1023; e++) {
      double p2 = Math.scalb(1.0, e);
      vs.add(p2);
      vs.add(Math.nextUp(p2));
      vs.add(Math.nextDown(p2));
    }
    for (int e = -323; e <= 308; e++) {
      double p10 = Double.parseDouble("1e" + e);
      vs.add(p10);
      vs.add(Math.nextUp(p10));
      vs.add(Math.nextDown(p10));
      vs.add(9.5 * p10);
      vs.add(0.95 * p10);
    }
    int checked = 0;
    for (double v : vs) {
      if (Double.isNaN(v) || Double.isInfinite(v)) {
        continue;
      }
      String fast = PyhfDigest.pythonRepr(v);
      String ref = PyhfDigest.pythonReprByFormatter(v);
      if (!fast.equals(ref)) {
        assertThat(fast).as("repr of %s (bits %x)", v, Double.doubleToRawLongBits(v)).isEqualTo(ref);
      }
      checked++;
    }
    assertThat(checked).isGreaterThan(160_000);
  }
}
