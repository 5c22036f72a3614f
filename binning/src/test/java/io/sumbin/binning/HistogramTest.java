package io.sumbin.binning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

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
    assertThat(h.policy()).as("h.policy()").isEqualTo(OverflowPolicy.FOLD);
    // bin 0: 0, 0.5 (+ underflow -1, -inf), bin 1: 1, bin 2: 2.5, 3 (last edge inclusive) (+ overflow 4)
    assertThat(h.sumw()).as("h.sumw()").containsExactly(new double[] {2 + 3 + 1 + 9, 4, 5 + 6 + 7}, within(EXACT));
    assertThat(h.sumw2())
        .as("h.sumw2()")
        .containsExactly(new double[] {4 + 9 + 1 + 81, 16, 25 + 36 + 49}, within(EXACT));
    assertThat(h.underflow()).as("h.underflow()").isEqualTo(new BinContent(10, 82));
    assertThat(h.overflow()).as("h.overflow()").isEqualTo(new BinContent(7, 49));
    assertThat(h.nan()).as("h.nan()").isEqualTo(new BinContent(8, 64));
    assertThat(h.total()).as("h.total()").isCloseTo(45 - 8, within(EXACT));
  }

  @Test
  void dropKeepsFlowOutOfTheBins() {
    Histogram h = Histogram.fill(EDGES, X, W, OverflowPolicy.DROP);
    assertThat(h.sumw()).as("h.sumw()").containsExactly(new double[] {5, 4, 11}, within(EXACT));
    assertThat(h.underflow()).as("h.underflow()").isEqualTo(new BinContent(10, 82));
    assertThat(h.total() + h.underflow().sumw() + h.overflow().sumw() + h.nan().sumw())
        .as("h.total() + h.underflow().sumw() + h.overflow().sumw() + h.nan().sumw()")
        .isCloseTo(45, within(EXACT));
  }

  @Test
  void rejectThrowsWithTheOffendingValue() {
    IllegalArgumentException e = assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> Histogram.fill(EDGES, X, W, OverflowPolicy.REJECT))
        .actual();
    assertThat(e.getMessage())
        .as("e.getMessage()")
        .isEqualTo("histogram fill: value[0] = -1.0 is outside the edges [0.0, 3.0] (policy REJECT)");
  }

  @Test
  void binIndexConventions() {
    assertThat(Histogram.binIndex(EDGES, 0.0)).as("Histogram.binIndex(EDGES, 0.0)").isEqualTo(0);
    assertThat(Histogram.binIndex(EDGES, 1.0)).as("Histogram.binIndex(EDGES, 1.0)").isEqualTo(1);
    assertThat(Histogram.binIndex(EDGES, 3.0)).as("Histogram.binIndex(EDGES, 3.0)").isEqualTo(2);
    assertThat(Histogram.binIndex(EDGES, Math.nextUp(3.0)))
        .as("Histogram.binIndex(EDGES, Math.nextUp(3.0))")
        .isEqualTo(3);
    assertThat(Histogram.binIndex(EDGES, Math.nextDown(0.0)))
        .as("Histogram.binIndex(EDGES, Math.nextDown(0.0))")
        .isEqualTo(-1);
    assertThat(Histogram.binIndex(EDGES, Double.NaN))
        .as("Histogram.binIndex(EDGES, Double.NaN)")
        .isEqualTo(Integer.MIN_VALUE);
  }

  @Test
  void arithmeticAndRebinning() {
    Histogram h = Histogram.ofContents(new double[] {0, 1, 2, 3, 4}, new double[] {1, 2, 3, 4}, new double[] {1, 1, 2, 2});
    Histogram s = h.plus(h).scaled(0.5);
    assertThat(s.sumw()).as("s.sumw()").containsExactly(h.sumw(), within(EXACT));
    assertThat(s.sumw2()).as("s.sumw2()").containsExactly(new double[] {0.5, 0.5, 1, 1}, within(EXACT));
    Histogram r = h.rebinned(new double[] {0, 2, 4});
    assertThat(r.sumw()).as("r.sumw()").containsExactly(new double[] {3, 7}, within(EXACT));
    assertThat(r.sumw2()).as("r.sumw2()").containsExactly(new double[] {2, 4}, within(EXACT));
    IllegalArgumentException e = assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> h.rebinned(new double[] {0, 1.5, 4}))
        .actual();
    assertThat(e.getMessage())
        .as("e.getMessage()")
        .isEqualTo("rebinned: new edge 1.5 is not one of the histogram's edges");
    assertThatThrownBy(() -> h.rebinned(new double[] {0, 3.5, 4})).isInstanceOf(IllegalArgumentException.class);
    IllegalArgumentException edges = assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> Histogram.fill(new double[] {0, 1, 1}, X, W))
        .actual();
    assertThat(edges.getMessage())
        .as("edges.getMessage()")
        .isEqualTo("edges must be strictly increasing: edges[1] = 1.0, edges[2] = 1.0");
  }

  @Test
  void sampleCarriesStaterrorFromSumw2() {
    Histogram h = Histogram.ofContents(new double[] {0, 1, 2}, new double[] {10, 20}, new double[] {4, 9});
    SampleSpec s = h.toSample("signal", "staterror_SR", new ModifierSpec.NormFactor("mu"));
    assertThat(s.data()).as("s.data()").containsExactly(new double[] {10, 20}, within(EXACT));
    assertThat(s.modifiers().get(0))
        .as("s.modifiers().get(0)")
        .isEqualTo(new ModifierSpec.StatError("staterror_SR", new double[] {2, 3}));
    assertThat(s.modifiers().get(1)).as("s.modifiers().get(1)").isEqualTo(new ModifierSpec.NormFactor("mu"));
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
    assertThat(ws.observations().get(0).data())
        .as("ws.observations().get(0).data()")
        .containsExactly(new double[] {55, 70}, within(EXACT));
    CompiledModel m = Models.compile(ws, null);
    assertThat(m.parNames()).as("m.parNames()").isEqualTo(List.of("mu", "staterror_SR[0]", "staterror_SR[1]"));
    double[] expected = new double[m.nMain()];
    m.evaluator().expectedMain(m.suggestedInit(), expected);
    assertThat(expected).as("expected").containsExactly(new double[] {55, 70}, within(ROUNDING));
    // one Gaussian-constrained staterror factor per bin, auxiliary data 1 (pyhf)
    assertThat(m.auxdata()).as("m.auxdata()").containsExactly(new double[] {1, 1}, within(EXACT));
    IllegalArgumentException e = assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> ChannelBuilder.named("SR").withSample("a", sig).withSample("b", Histogram.ofContents(new double[] {0, 1},
            new double[] {1}, new double[] {1})))
        .actual();
    assertThat(e.getMessage()).as("e.getMessage()").isEqualTo("channel 'SR': sample 'b' has 1 bins, sample 'a' has 2");
  }

  @Test
  void oneHistogramPerProcessBecomesOneSamplePerProcess() {
    EventTable sig = EventTable.of("signal", new double[] {1, 2}).withDoubleColumn("x", new double[] {0.5, 1.5});
    EventTable bkg = EventTable.of("background", new double[] {3, 4, 5}).withDoubleColumn("x", new double[] {0.2, 0.7, 1.9});
    EventTable all = EventTable.concat(List.of(sig, bkg));
    java.util.Map<String, Histogram> h = Histogram.fillByProcess(new double[] {0, 1, 2}, all, "x", OverflowPolicy.FOLD);
    assertThat(List.copyOf(h.keySet())).as("List.copyOf(h.keySet())").isEqualTo(List.of("signal", "background"));
    assertThat(h.get("signal").sumw())
        .as("h.get(\"signal\").sumw()")
        .containsExactly(new double[] {1, 2}, within(EXACT));
    assertThat(h.get("background").sumw())
        .as("h.get(\"background\").sumw()")
        .containsExactly(new double[] {7, 5}, within(EXACT));
    assertThat(h.get("background").sumw2())
        .as("h.get(\"background\").sumw2()")
        .containsExactly(new double[] {9 + 16, 25}, within(EXACT));
    Workspace ws = ChannelBuilder.named("SR").withSamples(h).withAsimovObserved().workspace("");
    assertThat(ws.channels().get(0).samples().size()).as("ws.channels().get(0).samples().size()").isEqualTo(2);
    assertThat(ws.channels().get(0).samples().get(1).modifiers().get(0))
        .as("ws.channels().get(0).samples().get(1).modifiers().get(0)")
        .isEqualTo(new ModifierSpec.StatError("staterror_SR", new double[] {Math.sqrt(25), 5}));
    assertThat(ws.observations().get(0).data())
        .as("ws.observations().get(0).data()")
        .containsExactly(new double[] {8, 7}, within(EXACT));
  }
}
