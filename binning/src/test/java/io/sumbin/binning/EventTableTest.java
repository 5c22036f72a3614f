package io.sumbin.binning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventTableTest {
  private static final double EXACT = 0.0;
  private static final double SUM_TOL = 1e-12;
  /** Relative rounding of a sum of 10^3 terms. */
  private static final double SUM_REL_TOL = 1e-13 * 1000;

  private static EventTable small() {
    return EventTable.of("sig", new double[] {1.0, -0.5, 2.0, 0.25, 3.0})
        .withDoubleColumn("x", new double[] {0.1, 0.2, 0.3, 0.4, 0.5})
        .withFloatColumn("y", new double[] {10, 20, 30, 40, 50});
  }

  @Test
  void columnsWeightsAndNegativeWeights() {
    EventTable t = small();
    assertThat(t.size()).as("t.size()").isEqualTo(5);
    assertThat(t.sumWeights()).as("t.sumWeights()").isCloseTo(5.75, within(EXACT));
    assertThat(t.sumWeights2()).as("t.sumWeights2()").isCloseTo(1 + 0.25 + 4 + 0.0625 + 9, within(EXACT));
    assertThat(t.columnNames()).as("t.columnNames()").isEqualTo(List.of("x", "y"));
    assertThat(t.column("x").type()).as("t.column(\"x\").type()").isEqualTo(Column.Type.DOUBLE);
    assertThat(t.column("y").type()).as("t.column(\"y\").type()").isEqualTo(Column.Type.FLOAT);
    assertThat(t.value("y", 2)).as("t.value(\"y\", 2)").isCloseTo(30.0, within(EXACT));
    assertThat(t.doubles("x"))
        .as("t.doubles(\"x\")")
        .containsExactly(new double[] {0.1, 0.2, 0.3, 0.4, 0.5}, within(EXACT));
    assertThat(t.process(3)).as("t.process(3)").isEqualTo("sig");
  }

  @Test
  void floatColumnsUseFourBytesPerValue() {
    int n = 1000;
    EventTable base = EventTable.unweighted("p", n);
    EventTable f = base.withFloatColumn("a", new float[n]);
    EventTable d = base.withDoubleColumn("a", new double[n]);
    assertThat(f.column("a").type().bytesPerValue()).as("f.column(\"a\").type().bytesPerValue()").isEqualTo(4);
    assertThat(f.payloadBytes() - base.payloadBytes()).as("f.payloadBytes() - base.payloadBytes()").isEqualTo(4L * n);
    assertThat(d.payloadBytes() - base.payloadBytes()).as("d.payloadBytes() - base.payloadBytes()").isEqualTo(8L * n);
    // narrowing rounds to the nearest binary32
    EventTable g = base.withFloatColumn("b", new double[n]).withFloatColumn("b", filled(n, 0.1));
    assertThat(g.value("b", 7)).as("g.value(\"b\", 7)").isCloseTo((double) 0.1f, within(EXACT));
  }

  private static double[] filled(int n, double v) {
    double[] a = new double[n];
    Arrays.fill(a, v);
    return a;
  }

  @Test
  void filtersAndSelectionsReturnNewTables() {
    EventTable t = small();
    EventTable f = t.filter("x", v -> v > 0.25);
    assertThat(f.size()).as("f.size()").isEqualTo(3);
    assertThat(f.weights()).as("f.weights()").containsExactly(new double[] {2.0, 0.25, 3.0}, within(EXACT));
    assertThat(f.doubles("y")).as("f.doubles(\"y\")").containsExactly(new double[] {30, 40, 50}, within(EXACT));
    assertThat(f.column("y").type()).as("f.column(\"y\").type()").isEqualTo(Column.Type.FLOAT);
    assertThat(t.size()).as("the original is unchanged").isEqualTo(5);
    EventTable s = t.select(new int[] {4, 4, 0});
    assertThat(s.weights()).as("s.weights()").containsExactly(new double[] {3.0, 3.0, 1.0}, within(EXACT));
    IndexOutOfBoundsException e = assertThatExceptionOfType(IndexOutOfBoundsException.class)
        .isThrownBy(() -> t.select(new int[] {0, 5}))
        .actual();
    assertThat(e.getMessage()).as("e.getMessage()").isEqualTo("rows[1] = 5 is outside [0, 5)");
  }

  @Test
  void processesConcatAndSelect() {
    EventTable a = small();
    EventTable b = small().withProcess("bkg").withScaledWeights(2);
    EventTable all = EventTable.concat(List.of(a, b));
    assertThat(all.size()).as("all.size()").isEqualTo(10);
    assertThat(all.processes()).as("all.processes()").isEqualTo(List.of("sig", "bkg"));
    assertThat(all.sumWeights()).as("all.sumWeights()").isCloseTo(3 * 5.75, within(SUM_TOL));
    assertThat(all.column("y").type()).as("all.column(\"y\").type()").isEqualTo(Column.Type.FLOAT);
    EventTable onlyBkg = all.selectProcesses("bkg");
    assertThat(onlyBkg.sumWeights()).as("onlyBkg.sumWeights()").isCloseTo(11.5, within(SUM_TOL));
    IllegalArgumentException e = assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> all.selectProcesses("ttbar"))
        .actual();
    assertThat(e.getMessage())
        .as("e.getMessage()")
        .isEqualTo("no process 'ttbar' in the event table (processes: [sig, bkg])");
    IllegalArgumentException c = assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> EventTable.concat(List.of(a, a.withoutColumn("y"))))
        .actual();
    assertThat(c.getMessage())
        .as("c.getMessage()")
        .isEqualTo("concat: tables[1] has different columns than tables[0]: missing [y], extra []");
  }

  @Test
  void misuseIsPrecise() {
    EventTable t = small();
    IllegalArgumentException len = assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> t.withDoubleColumn("z", new double[4]))
        .actual();
    assertThat(len.getMessage()).as("len.getMessage()").isEqualTo("column 'z' has 4 values, the table has 5 events");
    IllegalArgumentException nan = assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> EventTable.of("p", new double[] {1, Double.NaN}))
        .actual();
    assertThat(nan.getMessage()).as("nan.getMessage()").isEqualTo("weights[1] = NaN: weights must be finite");
    IllegalArgumentException col = assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> t.column("pt"))
        .actual();
    assertThat(col.getMessage())
        .as("col.getMessage()")
        .isEqualTo("no column 'pt' in the event table (columns: [x, y])");
  }

  @Test
  void splitIsSeededCompleteAndDisjoint() {
    int n = 1000;
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i;
    }
    EventTable t = EventTable.unweighted("p", n).withDoubleColumn("i", x);
    EventTable.Split s1 = t.split(0.6, 0.2, 42L);
    EventTable.Split s2 = t.split(0.6, 0.2, 42L);
    EventTable.Split s3 = t.split(0.6, 0.2, 43L);
    assertThat(s1.train().size()).as("s1.train().size()").isEqualTo(600);
    assertThat(s1.validation().size()).as("s1.validation().size()").isEqualTo(200);
    assertThat(s1.test().size()).as("s1.test().size()").isEqualTo(200);
    assertThat(s2.train().doubles("i"))
        .as("same seed, same split")
        .containsExactly(s1.train().doubles("i"), within(EXACT));
    assertThat(Arrays.toString(s3.train().doubles("i")))
        .as("Arrays.toString(s3.train().doubles(\"i\"))")
        .isNotEqualTo(Arrays.toString(s1.train().doubles("i")));
    Set<Double> seen = new HashSet<>();
    for (EventTable part : List.of(s1.train(), s1.validation(), s1.test())) {
      double[] v = part.doubles("i");
      for (int k = 1; k < v.length; k++) {
        assertThat(v[k]).as("parts keep the original order").isGreaterThan(v[k - 1]);
      }
      for (double d : v) {
        assertThat(seen.add(d)).as("event " + d + " in two parts").isTrue();
      }
    }
    assertThat(seen.size()).as("seen.size()").isEqualTo(n);
    EventTable.Split r = s1.rescaled();
    assertThat(r.train().sumWeights()).as("r.train().sumWeights()").isCloseTo(n, within(n * SUM_REL_TOL));
    assertThat(r.validation().sumWeights()).as("r.validation().sumWeights()").isCloseTo(n, within(n * SUM_REL_TOL));
    assertThat(r.test().sumWeights()).as("r.test().sumWeights()").isCloseTo(n, within(n * SUM_REL_TOL));
    assertThatThrownBy(() -> t.split(0.8, 0.3, 1L)).isInstanceOf(IllegalArgumentException.class);
  }
}
