package io.sumbin.binning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    assertEquals(5, t.size());
    assertEquals(5.75, t.sumWeights(), EXACT);
    assertEquals(1 + 0.25 + 4 + 0.0625 + 9, t.sumWeights2(), EXACT);
    assertEquals(List.of("x", "y"), t.columnNames());
    assertEquals(Column.Type.DOUBLE, t.column("x").type());
    assertEquals(Column.Type.FLOAT, t.column("y").type());
    assertEquals(30.0, t.value("y", 2), EXACT);
    assertArrayEquals(new double[] {0.1, 0.2, 0.3, 0.4, 0.5}, t.doubles("x"), EXACT);
    assertEquals("sig", t.process(3));
  }

  @Test
  void floatColumnsUseFourBytesPerValue() {
    int n = 1000;
    EventTable base = EventTable.unweighted("p", n);
    EventTable f = base.withFloatColumn("a", new float[n]);
    EventTable d = base.withDoubleColumn("a", new double[n]);
    assertEquals(4, f.column("a").type().bytesPerValue());
    assertEquals(4L * n, f.payloadBytes() - base.payloadBytes());
    assertEquals(8L * n, d.payloadBytes() - base.payloadBytes());
    // narrowing rounds to the nearest binary32
    EventTable g = base.withFloatColumn("b", new double[n]).withFloatColumn("b", filled(n, 0.1));
    assertEquals((double) 0.1f, g.value("b", 7), EXACT);
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
    assertEquals(3, f.size());
    assertArrayEquals(new double[] {2.0, 0.25, 3.0}, f.weights(), EXACT);
    assertArrayEquals(new double[] {30, 40, 50}, f.doubles("y"), EXACT);
    assertEquals(Column.Type.FLOAT, f.column("y").type());
    assertEquals(5, t.size(), "the original is unchanged");
    EventTable s = t.select(new int[] {4, 4, 0});
    assertArrayEquals(new double[] {3.0, 3.0, 1.0}, s.weights(), EXACT);
    IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> t.select(new int[] {0, 5}));
    assertEquals("rows[1] = 5 is outside [0, 5)", e.getMessage());
  }

  @Test
  void processesConcatAndSelect() {
    EventTable a = small();
    EventTable b = small().withProcess("bkg").withScaledWeights(2);
    EventTable all = EventTable.concat(List.of(a, b));
    assertEquals(10, all.size());
    assertEquals(List.of("sig", "bkg"), all.processes());
    assertEquals(3 * 5.75, all.sumWeights(), SUM_TOL);
    assertEquals(Column.Type.FLOAT, all.column("y").type());
    EventTable onlyBkg = all.selectProcesses("bkg");
    assertEquals(11.5, onlyBkg.sumWeights(), SUM_TOL);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> all.selectProcesses("ttbar"));
    assertEquals("no process 'ttbar' in the event table (processes: [sig, bkg])", e.getMessage());
    IllegalArgumentException c = assertThrows(IllegalArgumentException.class,
        () -> EventTable.concat(List.of(a, a.withoutColumn("y"))));
    assertEquals("concat: tables[1] has different columns than tables[0]: missing [y], extra []", c.getMessage());
  }

  @Test
  void misuseIsPrecise() {
    EventTable t = small();
    IllegalArgumentException len = assertThrows(IllegalArgumentException.class, () -> t.withDoubleColumn("z", new double[4]));
    assertEquals("column 'z' has 4 values, the table has 5 events", len.getMessage());
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
        () -> EventTable.of("p", new double[] {1, Double.NaN}));
    assertEquals("weights[1] = NaN: weights must be finite", nan.getMessage());
    IllegalArgumentException col = assertThrows(IllegalArgumentException.class, () -> t.column("pt"));
    assertEquals("no column 'pt' in the event table (columns: [x, y])", col.getMessage());
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
    assertEquals(600, s1.train().size());
    assertEquals(200, s1.validation().size());
    assertEquals(200, s1.test().size());
    assertArrayEquals(s1.train().doubles("i"), s2.train().doubles("i"), EXACT, "same seed, same split");
    assertNotEquals(Arrays.toString(s1.train().doubles("i")), Arrays.toString(s3.train().doubles("i")));
    Set<Double> seen = new HashSet<>();
    for (EventTable part : List.of(s1.train(), s1.validation(), s1.test())) {
      double[] v = part.doubles("i");
      for (int k = 1; k < v.length; k++) {
        assertTrue(v[k] > v[k - 1], "parts keep the original order");
      }
      for (double d : v) {
        assertTrue(seen.add(d), "event " + d + " in two parts");
      }
    }
    assertEquals(n, seen.size());
    EventTable.Split r = s1.rescaled();
    assertEquals(n, r.train().sumWeights(), n * SUM_REL_TOL);
    assertEquals(n, r.validation().sumWeights(), n * SUM_REL_TOL);
    assertEquals(n, r.test().sumWeights(), n * SUM_REL_TOL);
    assertThrows(IllegalArgumentException.class, () -> t.split(0.8, 0.3, 1L));
  }
}
