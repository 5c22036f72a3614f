package io.sumbin.eft.morphing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

import io.sumbin.binning.BinningStrategy;
import io.sumbin.binning.ChannelBuilder;
import io.sumbin.binning.Column;
import io.sumbin.binning.EventTable;
import io.sumbin.binning.Histogram;
import io.sumbin.binning.lhe.LheReadOptions;
import io.sumbin.binning.lhe.LheSample;
import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.compile.Models;
import io.sumbin.histmodel.spec.Workspace;
import io.sumbin.histmodel.util.SymmetricEigen;
import io.sumbin.summaries.EftColumns;
import io.sumbin.testsupport.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Facts about the shared VBF-Higgs and Drell–Yan samples (skipped without ../shared). */
class SharedVbfMorphingTest {
  /** The requirement on reproducing every reweighting weight. */
  private static final double REPRODUCTION_TOL = 1e-6;
  /** The data README quotes 1.0244 (4 decimals). */
  private static final double README_DIGITS = 5e-5;
  /** Negative eigenvalues of A allowed by the 8-digit rounding of the weights, relative to the largest. */
  private static final double PSD_ROUNDING = 1e-5;
  /** Eigenvalues below this fraction of the largest count as zero for the rank. */
  private static final double RANK_CUT = 1e-4;
  private static final double ROUNDING = 1e-12;

  private static LheSample vbf;
  private static EventQuadratics q;

  static Path shared(String name) {
    return SharedData.root().resolve("data/lhe").resolve(name);
  }

  @BeforeAll
  static void read() {
    List<Path> files = List.of(shared("smeftsim_VBFH-1.lhe.gz"), shared("smeftsim_VBFH-2.lhe.gz"),
        shared("smeftsim_VBFH-3.lhe.gz"));
    if (!files.stream().allMatch(Files::isReadable)) {
      return;
    }
    vbf = LheSample.read(files, LheReadOptions.DEFAULT);
    long t0 = System.nanoTime();
    q = QuadraticMorphing.fit(vbf, QuadraticMorphing.Mode.QUADRATIC);
    System.out.printf(Locale.ROOT, "morphing benchmark: %d events x %d weights solved in %.3f s, condition number %.1f%n",
        q.size(), vbf.weightIds().size(), (System.nanoTime() - t0) * 1e-9, q.conditionNumber());
  }

  private static void need() {
    if (vbf == null) {
      SharedData.missing("shared VBF samples not found in " + shared(""));
    }
  }

  private static int coef(String name) {
    return q.coefficients().indexOf(name);
  }

  @Test
  void everyWeightOfEveryEventIsReproduced() {
    need();
    assertThat(q.size()).as("q.size()").isEqualTo(30_000);
    assertThat(q.coefficients()).as("q.coefficients()").isEqualTo(List.of("cHB", "cHDD", "cHW", "cHWB", "cHbox"));
    assertThat(q.design().nPoints()).as("q.design().nPoints()").isEqualTo(21);
    assertThat(q.basis().size()).as("q.basis().size()").isEqualTo(21);
    assertThat(q.maxRelativeResidual())
        .as("max relative residual " + q.maxRelativeResidual())
        .isLessThanOrEqualTo(REPRODUCTION_TOL);
    EventTable t = vbf.events();
    int checked = 0;
    for (ParameterPoint p : q.design().points()) {
      double[] c = p.vector(q.coefficients());
      Column col = t.column(LheSample.reweightColumn(p.id()));
      for (int i = 0; i < q.size(); i++) {
        double w = col.get(i);
        assertThat(q.weight(i, c)).as(() -> "weight " + p.id()).isCloseTo(w, within(REPRODUCTION_TOL * Math.abs(w)));
        checked++;
      }
    }
    assertThat(checked).as("checked").isEqualTo(21 * 30_000);
    assertThat(q.conditionNumber() > 1 && q.conditionNumber() < 1e4)
        .as("condition number " + q.conditionNumber())
        .isTrue();
  }

  @Test
  void cHboxOnlyChangesTheRate() {
    need();
    double[] c = new double[5];
    c[coef("cHbox")] = 0.2;
    double[] r = q.ratios(c);
    for (int i = 0; i < r.length; i++) {
      assertThat(r[i]).as("event " + i).isCloseTo(1.0244, within(README_DIGITS));
    }
    assertThat(q.crossSection(c) / q.crossSection(new double[5]))
        .as("q.crossSection(c) / q.crossSection(new double[5])")
        .isCloseTo(1.0244, within(README_DIGITS));
  }

  @Test
  void aboutAQuarterOfEventsIgnoreCHBAndCHWB() {
    need();
    int hb = coef("cHB") + 1, hwb = coef("cHWB") + 1;
    double[] a = new double[36];
    int insensitive = 0;
    for (int i = 0; i < q.size(); i++) {
      q.matrixA(i, a);
      boolean noHb = Math.abs(a[hb]) < ROUNDING && Math.abs(a[hb * 6 + hb]) < ROUNDING;
      boolean noHwb = Math.abs(a[hwb]) < ROUNDING && Math.abs(a[hwb * 6 + hwb]) < ROUNDING;
      if (noHb || noHwb) {
        insensitive++;
      }
    }
    double f = insensitive / (double) q.size();
    assertThat(f > 0.2 && f < 0.3).as("fraction insensitive to cHB or cHWB: " + f).isTrue();
  }

  @Test
  void perEventMatricesArePositiveSemidefiniteOfLowRank() {
    need();
    double[] a = new double[36];
    double[] ev = new double[6];
    double[] vec = new double[36];
    int lowRank = 0;
    for (int i = 0; i < q.size(); i++) {
      q.matrixA(i, a);
      SymmetricEigen.decompose(a, 6, ev, vec);
      double max = 0;
      for (double e : ev) {
        max = Math.max(max, Math.abs(e));
      }
      int rank = 0;
      for (double e : ev) {
        assertThat(e)
            .as("event " + i + ": eigenvalue " + e + " of A (largest " + max + ")")
            .isGreaterThanOrEqualTo(-PSD_ROUNDING * max);
        if (e > RANK_CUT * max) {
          rank++;
        }
      }
      if (rank <= 2) {
        lowRank++;
      }
    }
    assertThat((double) lowRank).as("events with rank <= 2: " + lowRank).isGreaterThan(0.9 * q.size());
  }

  @Test
  void smLabelsAndScoreConsistency() {
    need();
    EventTable t = q.withLabels(q.withQuadraticColumns(vbf.events()), new double[5], EftColumns.SM_PREFIX);
    Column score = t.column("eft_sm_t_cHW");
    Column r = t.column("eft_sm_r");
    Column a01 = t.column("eft_A_1_cHW");
    Column wsm = t.column("eft_wsm");
    Column rwSm = t.column("rwgt_SM");
    for (int i = 0; i < t.size(); i++) {
      assertThat(r.get(i)).as("r.get(i)").isCloseTo(1.0, within(ROUNDING));
      assertThat(score.get(i))
          .as("score.get(i)")
          .isCloseTo(2 * a01.get(i), within(ROUNDING * Math.max(1, Math.abs(score.get(i)))));
      assertThat(wsm.get(i)).as("wsm.get(i)").isCloseTo(rwSm.get(i), within(REPRODUCTION_TOL * rwSm.get(i)));
    }
    // E_SM[t] = d ln sigma / dc: the weighted mean score equals the cross-section slope
    double[] c = new double[5];
    double h = 1e-4;
    c[coef("cHW")] = h;
    double up = q.crossSection(c);
    c[coef("cHW")] = -h;
    double dn = q.crossSection(c);
    double slope = (up - dn) / (2 * h) / q.crossSection(new double[5]);
    double mean = 0;
    for (int i = 0; i < t.size(); i++) {
      mean += wsm.get(i) * score.get(i);
    }
    mean /= q.crossSection(new double[5]);
    assertThat(mean).as("mean").isCloseTo(slope, within(1e-6 * Math.abs(slope)));
  }

  @Test
  void perPointTruthTemplatesMatchEventSumsAndTheModel() {
    need();
    int iw = coef("cHW");
    List<double[]> scan = new ArrayList<>();
    for (double v : new double[] {-0.2, 0.0, 0.3}) {
      double[] c = new double[5];
      c[iw] = v;
      scan.add(c);
    }
    double[] dir = new double[5];
    dir[iw] = 1;
    List<TruthTemplates.PointTemplates> fam = TruthTemplates.build(q, scan, TruthTemplates.optimalObservable(q, dir),
        BinningStrategy.quantile(6));
    assertThat(fam.size()).as("fam.size()").isEqualTo(3);
    double lumi = 300_000; // 300 fb^-1 in pb^-1
    for (TruthTemplates.PointTemplates pt : fam) {
      assertThat(pt.nbins()).as("pt.nbins()").isEqualTo(6);
      // equal yields at the point's own hypothesis
      double[] own = new double[6];
      pt.expected(pt.point(), own);
      double total = q.crossSection(pt.point());
      for (double v : own) {
        assertThat(v)
            .as("quantile bins at " + java.util.Arrays.toString(pt.point()))
            .isCloseTo(total / 6, within(0.02 * total));
      }
      double[] c = new double[5];
      c[iw] = 0.1;
      c[coef("cHDD")] = -0.3;
      double[] nu = new double[6];
      pt.expected(c, nu);
      Histogram h = pt.histogram(c);
      assertThat(nu).as("nu").containsExactly(h.sumw(), within(ROUNDING * q.crossSection(c)));
      // the templates become a POI-dependent hist-model sample with the same yields
      Workspace ws = ChannelBuilder.named("SR").withSample(pt.toSample("vbf", lumi, "staterror_SR")).withAsimovObserved()
          .workspace("cHW");
      CompiledModel m = Models.compile(ws, null);
      double[] pars = m.suggestedInit();
      pars[m.parIndex("cHW")] = 0.1;
      pars[m.parIndex("cHDD")] = -0.3;
      double[] exp = new double[m.nMain()];
      m.evaluator().expectedMain(pars, exp);
      for (int b = 0; b < 6; b++) {
        assertThat(exp[b]).as("exp[b]").isCloseTo(lumi * nu[b], within(ROUNDING * lumi * total));
      }
    }
    // the SM point uses the score: the limit of (r - 1)/|c'| along the scan direction
    double eps = 1e-7;
    double[] small = new double[5];
    small[iw] = eps;
    double[] o0 = TruthTemplates.optimalObservable(q, dir).apply(new double[5]);
    double[] oe = TruthTemplates.optimalObservable(q, dir).apply(small);
    for (int i = 0; i < o0.length; i += 97) {
      assertThat(oe[i]).as("oe[i]").isCloseTo(o0[i], within(1e-5 * Math.max(1, Math.abs(o0[i]))));
    }
  }

  @Test
  void drellYanIsRefusedForAQuadraticFitAndFitsLinearly() {
    Path dy = SharedData.lhe("dy1j.lhe.gz");
    LheSample s = LheSample.read(dy);
    UnderdeterminedMorphingException e = assertThatExceptionOfType(UnderdeterminedMorphingException.class)
        .isThrownBy(() -> QuadraticMorphing.fit(s, QuadraticMorphing.Mode.QUADRATIC))
        .actual();
    assertThat(e.getMessage())
        .as(e.getMessage())
        .startsWith(dy + ": under-determined quadratic morphing: 37 reweighting points give rank 37, "
        + "703 components are needed for 36 coefficients; cannot separate: linear and quadratic terms of 36 coefficients "
        + "varied at one value only (cG, cGtil, cHDD, cHG, cHGtil, cHWB, ...); 630 cross terms with no point varying both "
        + "coefficients (cG*cGtil,");
    assertThat(e.inseparableComponents().size()).as("e.inseparableComponents().size()").isEqualTo(36 * 2 + 630);
    EventQuadratics lin = QuadraticMorphing.fit(s, QuadraticMorphing.Mode.LINEAR);
    assertThat(lin.basis().size()).as("lin.basis().size()").isEqualTo(37);
    assertThat(lin.maxRelativeResidual())
        .as("linear fit through 37 points: " + lin.maxRelativeResidual())
        .isLessThanOrEqualTo(REPRODUCTION_TOL);
  }
}
