package io.sumbin.binning.lhe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The reader's number parser must give exactly what Double.parseDouble gives. */
class ParseDecimalTest {
  private static void same(String s) {
    String padded = "  " + s + " ";
    double expected = Double.parseDouble(s.replace('D', 'E'));
    double actual = LheReader.parseDecimal(padded, 2, 2 + s.length());
    assertThat(Double.doubleToRawLongBits(actual)).as(s).isEqualTo(Double.doubleToRawLongBits(expected));
  }

  @Test
  void generatorFormatsAreExact() {
    SplittableRandom rng = new SplittableRandom(5);
    for (int k = 0; k < 50_000; k++) {
      double v = (rng.nextBoolean() ? 1 : -1) * Math.pow(10, rng.nextDouble(-12, 8)) * rng.nextDouble();
      same(String.format(Locale.ROOT, "%+.10e", v)); // particle momenta
      same(String.format(Locale.ROOT, "%+.7e", v)); // weights
      same(String.format(Locale.ROOT, "%.8E", v)); // Fortran E
      same(String.format(Locale.ROOT, "%.17g", v)); // 17 digits, slow path
      same(String.format(Locale.ROOT, "%.6f", v));
    }
    for (String s : new String[] {"0", "-0.0", "+0.0000000000e+00", "1.25e+02", "3.", ".5", "-.5e-3", "1.0D+00", "7",
        "123456789012345678", "1234567890123456789", "1e22", "1e23", "1e-22", "1e-23", "4.9e-324", "1.7976931348623157e308",
        "NaN", "Infinity", "-Infinity"}) {
      same(s);
    }
  }

  @Test
  void garbageIsRejected() {
    for (String s : new String[] {"zero", "1.3x+02", "1e", "--1", "1.2.3", "e5", "+"}) {
      assertThatThrownBy(() -> LheReader.parseDecimal(s, 0, s.length()))
          .as(s)
          .isInstanceOf(NumberFormatException.class);
    }
  }
}
