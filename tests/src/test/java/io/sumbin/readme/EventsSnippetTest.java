package io.sumbin.readme;

// tag::table[]
import io.sumbin.binning.EventTable;
import java.util.List;
// end::table[]
// tag::morphing[]
import io.sumbin.binning.EventTable;
import io.sumbin.binning.lhe.LheReadOptions;
import io.sumbin.binning.lhe.LheSample;
import io.sumbin.eft.morphing.EventQuadratics;
import io.sumbin.eft.morphing.QuadraticMorphing;
import java.util.List;
// end::morphing[]
// tag::histogram[]
import io.sumbin.binning.BinningStrategy;
import io.sumbin.binning.ChannelBuilder;
import io.sumbin.binning.EventTable;
import io.sumbin.binning.Histogram;
import io.sumbin.binning.lhe.LheSample;
import io.sumbin.histmodel.spec.ModifierSpec;
import io.sumbin.histmodel.spec.SampleSpec;
import io.sumbin.histmodel.spec.Workspace;
// end::histogram[]
// tag::sources[]
import io.sumbin.binning.EventTable;
import io.sumbin.binning.source.EventSample;
import io.sumbin.binning.source.EventSources;
import io.sumbin.binning.source.EventStream;
import io.sumbin.binning.source.ReadOptions;
import io.sumbin.eft.EftEvents;
import java.nio.file.Path;
import java.util.List;
// end::sources[]
// tag::expression[]
import io.sumbin.binning.EventTable;
import io.sumbin.binning.expr.Expression;
// end::expression[]

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sumbin.summaries.EftColumns;
import io.sumbin.testsupport.SharedData;
import org.junit.jupiter.api.Test;

/** The README's event-table, LHE-morphing, histogram, event-source and expression blocks, run on small inputs. */
class EventsSnippetTest {
  @Test
  void table() {
    double[] weights = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    double[] mjj = {100, 200, 300, 400, 500, 600, 700, 800, 900, 1000};
    float[] eta = {0, 1, -1, 2, -2, 3, -3, 2.4f, -2.6f, 0.5f};
    EventTable sig = EventTable.of("signal", new double[] {1, 1});
    EventTable bkg = EventTable.of("signal", new double[] {2, 2, 2});
    // tag::table[]
    EventTable t = EventTable.of("signal", weights)
        .withDoubleColumn("m_jj", mjj)
        .withFloatColumn("eta_j1", eta);                 // stored as float[]
    EventTable central = t.filter("eta_j1", e -> Math.abs(e) < 2.5);
    EventTable both = EventTable.concat(List.of(sig, bkg.withProcess("background")));
    EventTable.Split s = t.split(0.6, 0.2, 42L);         // train / validation / test
    EventTable.Split r = s.rescaled();                   // each part's Σw estimates the full Σw
    // end::table[]
    assertThat(central.size()).as("|eta| < 2.5: 0, ±1, ±2, 2.4, 0.5").isEqualTo(7);
    assertThat(central.sumWeights()).isEqualTo(1 + 2 + 3 + 4 + 5 + 8 + 10);
    assertThat(both.size()).isEqualTo(5);
    assertThat(s.train().size() + s.validation().size() + s.test().size()).isEqualTo(10);
    assertThat(r.train().sumWeights())
        .as("rescaled by N/N_train")
        .isCloseTo(s.train().sumWeights() * 10.0 / s.train().size(), within(1e-12));
  }

  @Test
  void morphing() {
    var vbf1 = SharedData.lhe("smeftsim_VBFH-1.lhe.gz");
    var vbf2 = SharedData.lhe("smeftsim_VBFH-2.lhe.gz");
    var vbf3 = SharedData.lhe("smeftsim_VBFH-3.lhe.gz");
    // tag::morphing[]
    LheSample s = LheSample.read(List.of(vbf1, vbf2, vbf3), LheReadOptions.DEFAULT);
    EventQuadratics q = QuadraticMorphing.fit(s, QuadraticMorphing.Mode.QUADRATIC);
    q.conditionNumber();         // 2121.5
    q.maxRelativeResidual();     // 1.1e-13: all 21 weights of all 30 000 events reproduced
    double[] c = {0, 0, 0.1, 0, 0};                 // coefficients in q.coefficients() order:
    q.ratio(0, c);               // 0.934579           [cHB, cHDD, cHW, cHWB, cHbox]
    double[] out = new double[s.events().size()];
    q.weights(c, out);           // w(x|c) for all events, into a caller-owned array
    EventTable labelled = q.withSmLabels(s.events());   // eft_A_* columns + labels at the SM (eft_sm_r, eft_sm_t_cHW, ...)
    // end::morphing[]
    assertThat(q.conditionNumber()).isCloseTo(2121.48, within(0.01));
    assertThat(q.maxRelativeResidual()).isLessThan(1e-11);
    assertThat(s.events().size()).isEqualTo(30_000);
    assertThat(q.coefficients()).containsExactly("cHB", "cHDD", "cHW", "cHWB", "cHbox");
    assertThat(q.ratio(0, c)).isCloseTo(0.934579, within(5e-7));
    assertThat(out).isEqualTo(q.weights(c));
    assertThat(labelled.size()).isEqualTo(30_000);
    // withSmLabels = the quadratic-form columns, then the labels at c = 0 under eft_sm_
    EventTable explicit = q.withLabels(q.withQuadraticColumns(s.events()), new double[5], EftColumns.SM_PREFIX);
    assertThat(labelled.columnNames()).isEqualTo(explicit.columnNames());
    assertThat(labelled.doubles(EftColumns.SM_WEIGHT)).isEqualTo(explicit.doubles(EftColumns.SM_WEIGHT));
    assertThat(labelled.doubles(EftColumns.SM_PREFIX + EftColumns.DERIVATIVE + "cHW"))
        .isEqualTo(explicit.doubles(EftColumns.SM_PREFIX + EftColumns.DERIVATIVE + "cHW"));
    assertThat(labelled.doubles(EftColumns.SM_PREFIX + EftColumns.RATIO)).usingComparatorWithPrecision(1e-12).containsOnly(1.0);
  }

  @Test
  void histogram() {
    var vbf1 = SharedData.lhe("smeftsim_VBFH-1.lhe.gz");
    EventTable bkg = LheSample.read(SharedData.lhe("smeftsim_VBFH-2.lhe.gz")).events();
    // tag::histogram[]
    LheSample s = LheSample.read(vbf1);                  // vbf1 = Path.of("../shared/data/lhe/smeftsim_VBFH-1.lhe.gz")
    EventTable t = s.events();
    double[] edges = BinningStrategy.quantile(4).edges(t.doubles("m_jj"), t.weights());
    Histogram h = Histogram.fill(edges, t, "m_jj").scaled(300_000);    // 300 fb⁻¹ = 3·10⁵ pb⁻¹
    // edges [19.19, 143.68, 440.78, 906.80, 6818.84] GeV
    // sumw  [250826.7, 250726.4, 250726.4, 250626.1], errors √Σw² [5015.5, 5014.5, 5014.5, 5013.5]
    SampleSpec sample = h.toSample("vbf", "staterror_SR");              // staterror data = √Σw²
    Workspace ws = ChannelBuilder.named("SR")
        .withSample("signal", h, new ModifierSpec.NormFactor("mu"))       // staterror_SR added
        .withSample("background", Histogram.fill(edges, bkg, "m_jj").scaled(300_000))
        .withAsimovObserved()
        .workspace("mu");
    // end::histogram[]
    double[] e = {19.19, 143.68, 440.78, 906.80, 6818.84};
    double[] w = {250826.7, 250726.4, 250726.4, 250626.1};
    double[] err = {5015.5, 5014.5, 5014.5, 5013.5};
    for (int i = 0; i < e.length; i++) {
      assertThat(edges[i]).as("edge " + i).isCloseTo(e[i], within(0.005));
    }
    for (int i = 0; i < w.length; i++) {
      assertThat(h.sumw(i)).as("sumw " + i).isCloseTo(w[i], within(0.05));
      assertThat(h.errors()[i]).as("error " + i).isCloseTo(err[i], within(0.05));
    }
    assertThat(sample.name()).isEqualTo("vbf");
    assertThat(ws.channels()).hasSize(1);
  }

  /** Compiled only: the README's file names are examples. */
  static double sources() {
    // tag::sources[]
    EventSample s = EventSources.read(Path.of("vbf.parquet"));        // or .lhe.gz, .csv, .h5
    EftEvents ev = EftEvents.read(List.of(Path.of("vbf.h5")));         // per-event quadratic weights
    double sum = 0;
    try (EventStream in = EventSources.open(Path.of("big.parquet"),
        ReadOptions.DEFAULT.withObservables(List.of("m_jj", "deta_jj")))) {
      for (EventTable chunk; (chunk = in.next()) != null; ) {        // one row group at a time
        sum += chunk.sumWeights();
      }
    }
    // end::sources[]
    return sum + s.events().size() + ev.size();
  }

  @Test
  void expression() {
    EventTable table = EventTable.of("vbf", new double[] {1, 1, 1, 1})
        .withDoubleColumn("m_jj", new double[] {400, 600, 800, 1000})
        .withDoubleColumn("deta_jj", new double[] {4, 2, -3.5, 3.2})
        .withDoubleColumn("pt_h", new double[] {Math.E, 1, 10, 100});
    // tag::expression[]
    Expression cut = Expression.parse("m_jj > 500 && abs(deta_jj) > 3");
    EventTable vbf = cut.select(table);
    EventTable t = Expression.parse("log(pt_h)").withColumn(table, "log_pt_h");
    // end::expression[]
    assertThat(vbf.doubles("m_jj")).containsExactly(800, 1000);
    assertThat(t.doubles("log_pt_h")[0]).isCloseTo(1.0, within(1e-15));
  }
}
