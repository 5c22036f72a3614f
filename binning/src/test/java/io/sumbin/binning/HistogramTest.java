package io.sumbin.binning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.compile.Models;
import io.sumbin.histmodel.spec.ModifierSpec;
import io.sumbin.histmodel.spec.SampleSpec;
import io.sumbin.histmodel.spec.Workspace;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistogramTest {
  private static final double EXACT = 0.0;
  private static final double ROUNDING = 1e-12;
  private static final double[] EDGES = {0, 1, 2, 3};
  private static final double[] X = {-1, 0, 0.5, 1, 2.5, 3, 4, Double.NaN, Double.NEGATIVE_INFINITY};
  private static final double[] W = {1, 2, 3, 4, 5, 6, 7, 8, 9};

  @Test
  void foldIsTheDefaultAndAccountsForEverything() {
    Histogram h = Histogram.fill(EDGES, X, W);
    assertEquals(OverflowPolicy.FOLD, h.policy());
    // bin 0: 0, 0.5 (+ underflow -1, -inf), bin 1: 1, bin 2: 2.5, 3 (last edge inclusive) (+ overflow 4)
    assertArrayEquals(new double[] {2 + 3 + 1 + 9, 4, 5 + 6 + 7}, h.sumw(), EXACT);
    assertArrayEquals(new double[] {4 + 9 + 1 + 81, 16, 25 + 36 + 49}, h.sumw2(), EXACT);
    assertEquals(new BinContent(10, 82), h.underflow());
    assertEquals(new BinContent(7, 49), h.overflow());
    assertEquals(new BinContent(8, 64), h.nan());
    assertEquals(45 - 8, h.total(), EXACT);
  }

  @Test
  void dropKeepsFlowOutOfTheBins() {
    Histogram h = Histogram.fill(EDGES, X, W, OverflowPolicy.DROP);
    assertArrayEquals(new double[] {5, 4, 11}, h.sumw(), EXACT);
    assertEquals(new BinContent(10, 82), h.underflow());
    assertEquals(45, h.total() + h.underflow().sumw() + h.overflow().sumw() + h.nan().sumw(), EXACT);
  }

  @Test
  void rejectThrowsWithTheOffendingValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Histogram.fill(EDGES, X, W, OverflowPolicy.REJECT));
    assertEquals("histogram fill: value[0] = -1.0 is outside the edges [0.0, 3.0] (policy REJECT)", e.getMessage());
  }

  @Test
  void binIndexConventions() {
    assertEquals(0, Histogram.binIndex(EDGES, 0.0));
    assertEquals(1, Histogram.binIndex(EDGES, 1.0));
    assertEquals(2, Histogram.binIndex(EDGES, 3.0));
    assertEquals(3, Histogram.binIndex(EDGES, Math.nextUp(3.0)));
    assertEquals(-1, Histogram.binIndex(EDGES, Math.nextDown(0.0)));
    assertEquals(Integer.MIN_VALUE, Histogram.binIndex(EDGES, Double.NaN));
  }

  @Test
  void arithmeticAndRebinning() {
    Histogram h = Histogram.ofContents(new double[] {0, 1, 2, 3, 4}, new double[] {1, 2, 3, 4}, new double[] {1, 1, 2, 2});
    Histogram s = h.plus(h).scaled(0.5);
    assertArrayEquals(h.sumw(), s.sumw(), EXACT);
    assertArrayEquals(new double[] {0.5, 0.5, 1, 1}, s.sumw2(), EXACT);
    Histogram r = h.rebinned(new double[] {0, 2, 4});
    assertArrayEquals(new double[] {3, 7}, r.sumw(), EXACT);
    assertArrayEquals(new double[] {2, 4}, r.sumw2(), EXACT);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> h.rebinned(new double[] {0, 1.5, 4}));
    assertEquals("rebinned: new edge 1.5 is not one of the histogram's edges", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> h.rebinned(new double[] {0, 3.5, 4}));
    IllegalArgumentException edges = assertThrows(IllegalArgumentException.class,
        () -> Histogram.fill(new double[] {0, 1, 1}, X, W));
    assertEquals("edges must be strictly increasing: edges[1] = 1.0, edges[2] = 1.0", edges.getMessage());
  }

  @Test
  void sampleCarriesStaterrorFromSumw2() {
    Histogram h = Histogram.ofContents(new double[] {0, 1, 2}, new double[] {10, 20}, new double[] {4, 9});
    SampleSpec s = h.toSample("signal", "staterror_SR", new ModifierSpec.NormFactor("mu"));
    assertArrayEquals(new double[] {10, 20}, s.data(), EXACT);
    assertEquals(new ModifierSpec.StatError("staterror_SR", new double[] {2, 3}), s.modifiers().get(0));
    assertEquals(new ModifierSpec.NormFactor("mu"), s.modifiers().get(1));
  }

  @Test
  void channelBuilderMakesACompilableWorkspace() {
    Histogram sig = Histogram.ofContents(new double[] {0, 1, 2}, new double[] {5, 10}, new double[] {1, 4});
    Histogram bkg = Histogram.ofContents(new double[] {0, 1, 2}, new double[] {50, 60}, new double[] {25, 36});
    Workspace ws = ChannelBuilder.named("SR")
        .withSample("signal", sig, new ModifierSpec.NormFactor("mu"))
        .withSample("background", bkg)
        .withAsimovObserved()
        .workspace("mu");
    assertArrayEquals(new double[] {55, 70}, ws.observations().get(0).data(), EXACT);
    CompiledModel m = Models.compile(ws, null);
    assertEquals(List.of("mu", "staterror_SR[0]", "staterror_SR[1]"), m.parNames());
    double[] expected = new double[m.nMain()];
    m.evaluator().expectedMain(m.suggestedInit(), expected);
    assertArrayEquals(new double[] {55, 70}, expected, ROUNDING);
    // one Gaussian-constrained staterror factor per bin, auxiliary data 1 (pyhf)
    assertArrayEquals(new double[] {1, 1}, m.auxdata(), EXACT);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ChannelBuilder.named("SR").withSample("a", sig).withSample("b", Histogram.ofContents(new double[] {0, 1},
            new double[] {1}, new double[] {1})));
    assertEquals("channel 'SR': sample 'b' has 1 bins, sample 'a' has 2", e.getMessage());
  }

  @Test
  void oneHistogramPerProcessBecomesOneSamplePerProcess() {
    EventTable sig = EventTable.of("signal", new double[] {1, 2}).withDoubleColumn("x", new double[] {0.5, 1.5});
    EventTable bkg = EventTable.of("background", new double[] {3, 4, 5}).withDoubleColumn("x", new double[] {0.2, 0.7, 1.9});
    EventTable all = EventTable.concat(List.of(sig, bkg));
    java.util.Map<String, Histogram> h = Histogram.fillByProcess(new double[] {0, 1, 2}, all, "x", OverflowPolicy.FOLD);
    assertEquals(List.of("signal", "background"), List.copyOf(h.keySet()));
    assertArrayEquals(new double[] {1, 2}, h.get("signal").sumw(), EXACT);
    assertArrayEquals(new double[] {7, 5}, h.get("background").sumw(), EXACT);
    assertArrayEquals(new double[] {9 + 16, 25}, h.get("background").sumw2(), EXACT);
    Workspace ws = ChannelBuilder.named("SR").withSamples(h).withAsimovObserved().workspace("");
    assertEquals(2, ws.channels().get(0).samples().size());
    assertEquals(new ModifierSpec.StatError("staterror_SR", new double[] {Math.sqrt(25), 5}),
        ws.channels().get(0).samples().get(1).modifiers().get(0));
    assertArrayEquals(new double[] {8, 7}, ws.observations().get(0).data(), EXACT);
  }
}
