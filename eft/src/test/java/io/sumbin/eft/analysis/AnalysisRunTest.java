package io.sumbin.eft.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sumbin.binning.Histogram;
import io.sumbin.binning.lhe.LheReadOptions;
import io.sumbin.binning.lhe.LheSample;
import io.sumbin.eft.analysis.AnalysisResult.ParameterResult;
import io.sumbin.eft.analysis.AnalysisSpec.Data;
import io.sumbin.eft.analysis.AnalysisSpec.EftMode;
import io.sumbin.eft.analysis.AnalysisSpec.Observable;
import io.sumbin.eft.analysis.AnalysisSpec.Region;
import io.sumbin.eft.analysis.AnalysisSpec.Scan;
import io.sumbin.eft.analysis.AnalysisSpec.Systematic;
import io.sumbin.eft.analysis.AnalysisSpec.SystematicType;
import io.sumbin.histmodel.family.ModelFamily;
import io.sumbin.histmodel.spec.ModifierSpec;
import io.sumbin.histmodel.spec.SampleSpec;
import io.sumbin.testsupport.SharedData;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** End-to-end analyses of the shared VBF-Higgs and Drell–Yan samples (skipped without ../shared). */
class AnalysisRunTest {
  /** Independent regions: the profiled Fisher matrix is block-diagonal in the nuisance parameters, so the sum is exact. */
  private static final double ADDITIVITY_TOL = 1e-6;
  /** Histosys of JES against the analytic m_jj → (1 + s) m_jj of massless jets (rounding only). */
  private static final double HISTOSYS_TOL = 1e-9;
  private static final double LUMI_FB = 300;

  private static Path lhe(String f) {
    return SharedData.lhe(f);
  }

  private static AnalysisSpec.Builder vbfDy() {
    return AnalysisSpec.builder().luminosityFb(LUMI_FB).parameter("cHWB", -1, 1)
        .process("vbfh", EftMode.QUADRATIC, 1, lhe("smeftsim_VBFH-1.lhe.gz"))
        .process("bkg", EftMode.NONE, 2, lhe("smeftsim_VBFH-2.lhe.gz"))
        .process("dy", EftMode.LINEAR, 1, lhe("dy1j.lhe.gz"))
        .region(new Region("vbf", List.of("vbfh", "bkg"), "m_jj > 300", Observable.truth(), 6))
        .region(new Region("dy", List.of("dy"), "pt_j > 30", Observable.column("m_ll"), 6))
        .systematic(Systematic.normsys("xs_vbfh", 1.05, 0.95, "vbfh"))
        .systematic(Systematic.normsys("xs_dy", 1.02, 0.98, "dy"))
        .systematic(Systematic.staterror("mcstat"))
        .scan(Scan.of("cHWB", 41));
  }

  @Test
  void informationOfIndependentRegionsAddsAndTheCombinationIsNarrowest() {
    AnalysisResult r = AnalysisRun.run(vbfDy().build(), AnalysisRun.Options.threads(2));
    ParameterResult c = r.parameters().get("cHWB");
    ParameterResult v = r.regions().get("vbf").get("cHWB");
    ParameterResult d = r.regions().get("dy").get("cHWB");
    System.out.printf("fisher cHWB: combined %.3f ± %.3f, vbf %.3f ± %.3f, dy %.3f ± %.3f; 68%%: %s %s %s%n", c.fisher(),
        c.fisherError(), v.fisher(), v.fisherError(), d.fisher(), d.fisherError(), java.util.Arrays.toString(c.interval68()),
        java.util.Arrays.toString(v.interval68()), java.util.Arrays.toString(d.interval68()));
    assertThat(c.fisher()).isCloseTo(v.fisher() + d.fisher(), within(ADDITIVITY_TOL * c.fisher()));
    assertThat(Math.abs(c.fisher() - v.fisher() - d.fisher())).isLessThan(Math.hypot(c.fisherError(), Math.hypot(v.fisherError(),
        d.fisherError())));
    assertThat(c.width68()).isLessThanOrEqualTo(Math.min(v.width68(), d.width68()));
    assertThat(c.interval95()[1] - c.interval95()[0]).isLessThanOrEqualTo(
        Math.min(v.interval95()[1] - v.interval95()[0], d.interval95()[1] - d.interval95()[0]));
    // Asimov at the SM: the best value is the SM and the intervals contain it
    assertThat(c.best()).isCloseTo(0.0, within(1e-6));
    assertThat(c.interval68()[0]).isNegative();
    assertThat(c.interval68()[1]).isPositive();
    assertThat(r.nuisanceParameters()).containsKeys("xs_vbfh", "xs_dy", "mcstat_vbf[0]", "mcstat_dy[0]");
    // one coefficient: nothing else to profile, the profiled information is the same number
    assertThat(c.fisherProfiled()).isEqualTo(c.fisher());
    assertThat(d.fisherProfiledError()).isEqualTo(d.fisherError());
  }

  @Test
  void profiledInformationOfACoefficientOnlyOneRegionDependsOnAdds() {
    // cHW enters the VBF sample only: profiling it costs the VBF region information on cHWB, leaves DY's as it is,
    // and the combination's F adds block-wise, so its Schur complement is the sum of the regions' (no shared nuisance)
    AnalysisResult r = AnalysisRun.run(vbfDy().parameter("cHW", -1, 1).scan(Scan.of("cHW", 21)).build(), AnalysisRun.Options.threads(2));
    ParameterResult c = r.parameters().get("cHWB");
    ParameterResult v = r.regions().get("vbf").get("cHWB");
    ParameterResult d = r.regions().get("dy").get("cHWB");
    System.out.printf("fisher_profiled cHWB: combined %.3f ± %.3f (fixed %.3f), vbf %.3f ± %.3f (fixed %.3f), dy %.3f ± %.3f%n",
        c.fisherProfiled(), c.fisherProfiledError(), c.fisher(), v.fisherProfiled(), v.fisherProfiledError(), v.fisher(),
        d.fisherProfiled(), d.fisherProfiledError());
    assertThat(d.fisherProfiled()).isEqualTo(d.fisher());
    assertThat(v.fisherProfiled()).isLessThan(v.fisher() - 2 * v.fisherProfiledError());
    assertThat(c.fisherProfiled()).isCloseTo(v.fisherProfiled() + d.fisherProfiled(), within(ADDITIVITY_TOL * c.fisherProfiled()));
    assertThat(c.fisher()).isCloseTo(v.fisher() + d.fisher(), within(ADDITIVITY_TOL * c.fisher()));
    assertThat(c.fisherProfiledError()).isPositive();
    assertThat(r.toJson().get("parameters").get("cHWB").get("fisher_profiled").asDouble()).isEqualTo(c.fisherProfiled());
  }

  @Test
  void jetEnergyScaleWidensTheIntervalIsConstrainedAndIsTheObservableOfTheVariedEvents() {
    AnalysisSpec.Builder b = AnalysisSpec.builder().luminosityFb(LUMI_FB).parameter("cHW", -0.05, 0.05)
        .process("vbfh", EftMode.QUADRATIC, 1, lhe("smeftsim_VBFH-1.lhe.gz"))
        .region(new Region("vbf", List.of("vbfh"), "m_jj > 300", Observable.column("m_jj"), 8))
        .training(new AnalysisSpec.Training(5, 0.8)).scan(Scan.of("cHW", 21));
    AnalysisSpec without = b.build();
    AnalysisSpec with = b.systematic(Systematic.eventVariation("jes", SystematicType.JET_ENERGY_SCALE, 0.05)).build();
    AnalysisResult r0 = AnalysisRun.run(without, AnalysisRun.Options.threads(2));
    Analysis a = Analysis.prepare(with, s -> {});
    try {
      long t0 = System.nanoTime();
      AnalysisResult r1 = AnalysisRun.run(a, AnalysisRun.Options.threads(2).withUnbinned(AnalysisRun.Unbinned.LEARNED_SHAPES));
      System.out.printf("JES: unbinned with learned shape %s, without JES %s (%.1f s)%n", java.util.Arrays.toString(r1.unbinned().get("cHW").interval68()),
          java.util.Arrays.toString(r0.unbinned().get("cHW").interval68()), (System.nanoTime() - t0) * 1e-9);
      // the learned JES shape enters the unbinned fit: its interval is not narrower than without JES
      assertThat(r1.unbinned().get("cHW").width68()).isGreaterThanOrEqualTo(r0.unbinned().get("cHW").width68() * (1 - 1e-6));
      System.out.printf("cHW 68%%: without JES %s, with %s; jes %s%n", java.util.Arrays.toString(r0.parameters().get("cHW").interval68()),
          java.util.Arrays.toString(r1.parameters().get("cHW").interval68()), java.util.Arrays.toString(r1.nuisanceParameters().get("jes")));
      assertThat(r1.parameters().get("cHW").width68()).isGreaterThan(r0.parameters().get("cHW").width68());
      assertThat(r1.parameters().get("cHW").fisher()).isLessThan(r0.parameters().get("cHW").fisher());
      assertThat(r1.nuisanceParameters()).containsKey("jes");
      assertThat(r1.nuisanceParameters().get("jes")[1]).isStrictlyBetween(0.0, 1.0 + 1e-3);

      // the histosys at the SM point: the nominal events with m_jj → 1.05 m_jj (massless jets), selected and binned again
      ModelFamily fam = a.family(List.of(0), Scan.of("cHW", 3), 1);
      SampleSpec s = fam.point(1).spec().channels().get(0).samples().get(0);
      ModifierSpec.HistoSys h = (ModifierSpec.HistoSys) s.modifiers().stream().filter(m -> m.name().equals("jes")).findFirst().orElseThrow();
      LheSample raw = LheSample.read(List.of(lhe("smeftsim_VBFH-1.lhe.gz")), LheReadOptions.DEFAULT);
      double[] mjj = raw.events().doubles("m_jj");
      double[] w = raw.events().weights();
      double[] nominal = new double[mjj.length];
      double[] up = new double[mjj.length];
      double[] down = new double[mjj.length];
      for (int i = 0; i < mjj.length; i++) {
        nominal[i] = mjj[i] > 300 ? mjj[i] : Double.NaN;
        up[i] = 1.05 * mjj[i] > 300 ? 1.05 * mjj[i] : Double.NaN;
        down[i] = 0.95 * mjj[i] > 300 ? 0.95 * mjj[i] : Double.NaN;
      }
      double[] sm = new double[w.length];
      for (int i = 0; i < w.length; i++) {
        sm[i] = raw.events().doubles("rwgt_SM")[i];
      }
      double[] edges = io.sumbin.binning.BinningStrategy.quantile(8).edges(nominal, zeroWhereNaN(nominal, sm));
      double[] hi = Histogram.fill(edges, up, sm, io.sumbin.binning.OverflowPolicy.FOLD).sumw();
      double[] lo = Histogram.fill(edges, down, sm, io.sumbin.binning.OverflowPolicy.FOLD).sumw();
      for (int k = 0; k < hi.length; k++) {
        assertThat(h.hiData()[k]).as("hi bin %d", k).isCloseTo(1000 * LUMI_FB * hi[k], within(HISTOSYS_TOL * s.data()[k] + 1e-9));
        assertThat(h.loData()[k]).as("lo bin %d", k).isCloseTo(1000 * LUMI_FB * lo[k], within(HISTOSYS_TOL * s.data()[k] + 1e-9));
      }
    } finally {
      a.close();
    }
  }

  @Test
  void pseudoDataFromAnIndependentSampleAtATruthPointCloses() {
    double truth = 0.01;
    AnalysisSpec s = AnalysisSpec.builder().luminosityFb(LUMI_FB).parameter("cHW", -0.07, 0.09)
        .process("vbfh", EftMode.QUADRATIC, 1, lhe("smeftsim_VBFH-1.lhe.gz"))
        .process("bkg", EftMode.NONE, 2, lhe("smeftsim_VBFH-2.lhe.gz"))
        .region(new Region("vbf", List.of("vbfh", "bkg"), null, Observable.truth(), 8))
        .systematic(Systematic.normsys("xs", 1.02, 0.98, "vbfh"))
        .systematic(Systematic.staterror("mcstat"))
        .data(Data.pseudo(List.of(lhe("smeftsim_VBFH-3.lhe.gz")), "vbfh", Map.of("cHW", truth)))
        .scan(Scan.of("cHW", 49)).build();
    AnalysisResult r = AnalysisRun.run(s, AnalysisRun.Options.threads(2));
    ParameterResult p = r.parameters().get("cHW");
    System.out.printf("closure cHW truth %.4f: best %.5f, 68%% %s, 95%% %s%n", truth, p.best(), java.util.Arrays.toString(p.interval68()),
        java.util.Arrays.toString(p.interval95()));
    assertThat(truth).isBetween(p.interval68()[0], p.interval68()[1]);
    assertThat(truth).isBetween(p.interval95()[0], p.interval95()[1]);
    ParameterResult u = r.unbinned().get("cHW");
    System.out.printf("closure unbinned: best %.5f, 68%% %s, fisher %.1f ± %.1f (binned %.1f ± %.1f)%n", u.best(),
        java.util.Arrays.toString(u.interval68()), u.fisher(), u.fisherError(), p.fisher(), p.fisherError());
    // no closure assertion for the exact-ratio unbinned fit: the 10^4-event pseudo-data sample stands for ~10^6 expected
    // events, so its own Monte-Carlo fluctuation (~10x the data's Poisson noise) is read as signal; the binned fit
    // carries it in the staterror
    assertThat(u.fisher()).isGreaterThan(p.fisher());
    assertThat(Math.abs(p.best() - truth)).isLessThan(p.width68() / 2 * 1.5);
  }

  /** The per-point event2vec observable against the summary's own log-ratio (double arithmetic on float outputs). */
  private static final double EVENT2VEC_TOL = 1e-9;

  @Test
  void event2vecRegionObservableIsTheSummarysLogRatioAtThePointAndCarriesInformation() {
    List<String> features = List.of("pt_h", "pt_j1", "pt_j2", "m_jj", "deta_jj", "dphi_jj_signed");
    AnalysisSpec s = AnalysisSpec.builder().luminosityFb(LUMI_FB).parameter("cHW", -0.6, 0.6)
        .process("vbfh", EftMode.QUADRATIC, 1, lhe("smeftsim_VBFH-1.lhe.gz"))
        .region(new Region("vbf", List.of("vbfh"), null, Observable.event2vec(features, List.of(lhe("smeftsim_VBFH-2.lhe.gz"))), 6))
        .systematic(Systematic.staterror("mcstat"))
        .training(new AnalysisSpec.Training(3, 0.8)).scan(Scan.of("cHW", 11)).build();
    Analysis a = Analysis.prepare(s, x -> {});
    try {
      io.sumbin.eft.EftObservable ob = a.regions.get(0).observable();
      assertThat(ob.name()).isEqualTo("event2vec");
      assertThat(ob.perPoint()).isTrue();
      io.sumbin.eft.EftEvents nominal = a.regions.get(0).entries().get(0).events().get(ProcessSample.NOMINAL);
      io.sumbin.summaries.event2vec.Event2VecSummary e2v = a.resources().stream()
          .filter(io.sumbin.summaries.event2vec.Event2VecSummary.class::isInstance).map(io.sumbin.summaries.event2vec.Event2VecSummary.class::cast)
          .findFirst().orElseThrow();
      assertThat(e2v.binwise()).isTrue();
      assertThat(e2v.dimension()).isEqualTo(6);
      double[] v = ob.values(nominal, new double[] {0.3}, new double[] {1});
      double[] l = e2v.logRatio(nominal.features(features), new double[] {0.3}, new double[1]);
      for (int i = 0; i < v.length; i++) {
        assertThat(v[i]).isCloseTo(l[i], within(EVENT2VEC_TOL * (1 + Math.abs(l[i]))));
      }
      // at the SM: the log-ratio a step along the direction, not identically zero
      double[] v0 = ob.values(nominal, new double[1], new double[] {1});
      assertThat(java.util.Arrays.stream(v0).map(Math::abs).max().orElse(0)).isPositive();
    } finally {
      a.close();
    }
    AnalysisResult r = AnalysisRun.run(s, AnalysisRun.Options.threads(2));
    ParameterResult p = r.parameters().get("cHW");
    System.out.printf("event2vec region: cHW 68%% %s, fisher %.2f ± %.2f%n", java.util.Arrays.toString(p.interval68()), p.fisher(),
        p.fisherError());
    assertThat(r.templates().get(0).observable()).isEqualTo("event2vec");
    assertThat(p.interval68()[0]).isNegative();
    assertThat(p.interval68()[1]).isPositive();
    assertThat(p.fisher()).isGreaterThan(2 * p.fisherError());
  }

  @Test
  void learnedObservablesHistosysIsItsOwnResponseToTheVariedEvents() {
    double jes = 0.03;
    AnalysisSpec s = AnalysisSpec.builder().luminosityFb(LUMI_FB).parameter("cHW", -0.05, 0.05)
        .process("vbfh", EftMode.QUADRATIC, 1, lhe("smeftsim_VBFH-1.lhe.gz"))
        .region(new Region("vbf", List.of("vbfh"), null, Observable.learned(List.of("pt_h", "pt_j1", "pt_j2", "m_jj", "deta_jj",
            "dphi_jj_signed"), List.of(lhe("smeftsim_VBFH-2.lhe.gz"))), 6))
        .systematic(Systematic.eventVariation("jes", SystematicType.JET_ENERGY_SCALE, jes))
        .training(new AnalysisSpec.Training(2, 0.8)).scan(Scan.of("cHW", 3)).build();
    Analysis a = Analysis.prepare(s, x -> {});
    try {
      ModelFamily fam = a.family(List.of(0), Scan.of("cHW", 3), 1);
      int point = 2; // c' = 0.05: the learned observable r̂(x|c') there
      double[] c = {0.05};
      double[] dir = {1};
      SampleSpec sample = fam.point(point).spec().channels().get(0).samples().get(0);
      ModifierSpec.HistoSys h = (ModifierSpec.HistoSys) sample.modifiers().get(0);
      // the varied events by hand: jets scaled by 1 + s scale p_T and m_jj, leave angles and the Higgs alone
      io.sumbin.eft.EftEvents nominal = a.regions.get(0).entries().get(0).events().get(ProcessSample.NOMINAL);
      io.sumbin.binning.EventTable t = nominal.table();
      for (String col : List.of("pt_j1", "pt_j2", "m_jj")) {
        double[] v = t.doubles(col).clone();
        for (int i = 0; i < v.length; i++) {
          v[i] *= 1 + jes;
        }
        t = t.withDoubleColumn(col, v);
      }
      io.sumbin.eft.EftEvents byHand = io.sumbin.eft.EftEvents.of(t, nominal.quadratics());
      double[] v0 = a.regions.get(0).observable().values(nominal, c, dir);
      double[] v1 = a.regions.get(0).observable().values(byHand, c, dir);
      double[] w0 = nominal.weights(new double[1]);
      double[] edges = io.sumbin.binning.BinningStrategy.quantile(6).edges(v0, w0);
      double[] wc = nominal.weights(c);
      double[] nom = Histogram.fill(edges, v0, wc, io.sumbin.binning.OverflowPolicy.FOLD).sumw();
      double[] up = Histogram.fill(edges, v1, wc, io.sumbin.binning.OverflowPolicy.FOLD).sumw();
      for (int b = 0; b < nom.length; b++) {
        double expected = sample.data()[b] + 1000 * LUMI_FB * (up[b] - nom[b]);
        // float32 network inputs: the varied features read from the file and scaled by hand agree to rounding
        assertThat(h.hiData()[b]).as("bin %d", b).isCloseTo(expected, within(1e-4 * sample.data()[b]));
      }
      double shift = 0;
      for (int b = 0; b < nom.length; b++) {
        shift = Math.max(shift, Math.abs(up[b] - nom[b]) / nom[b]);
      }
      System.out.printf("learned observable: largest JES shift of a bin %.4f%n", shift);
      assertThat(shift).as("JES moves the learned observable well beyond the tolerance").isGreaterThan(1e-3);
    } finally {
      a.close();
    }
  }

  @Test
  void weightVariationsAndObservedCountsWithFixedEdges() {
    double[] edges = {300, 500, 800, 1500, 13000};
    double[] counts = {1000, 900, 800, 300};
    AnalysisSpec s = AnalysisSpec.builder().luminosityFb(1).parameter("cHW", -1, 1)
        .process("vbfh", EftMode.QUADRATIC, 1, lhe("smeftsim_VBFH-1.lhe.gz"))
        .region(new Region("vbf", List.of("vbfh"), null, Observable.column("m_jj"), 4, edges))
        .systematic(Systematic.weights("wvar", "cHW_0p1", "SM"))
        .systematic(Systematic.feature("fvar", "m_jj", "1.05 * m_jj", "m_jj / 1.05"))
        .data(Data.counts(Map.of("vbf", counts))).scan(Scan.of("cHW", 3)).build();
    Analysis a = Analysis.prepare(s, x -> {});
    try {
      ModelFamily fam = a.family(List.of(0), Scan.of("cHW", 3), 1);
      io.sumbin.histmodel.family.FamilyPoint sm = fam.point(1);
      assertThat(java.util.Arrays.copyOf(sm.data(), 4)).containsExactly(counts);
      SampleSpec sample = sm.spec().channels().get(0).samples().get(0);
      ModifierSpec.HistoSys h = (ModifierSpec.HistoSys) sample.modifiers().stream().filter(m -> m.name().equals("wvar")).findFirst()
          .orElseThrow();
      LheSample raw = LheSample.read(List.of(lhe("smeftsim_VBFH-1.lhe.gz")), LheReadOptions.DEFAULT);
      double[] mjj = raw.events().doubles("m_jj");
      double[] up = Histogram.fill(edges, mjj, raw.events().doubles("rwgt_cHW_0p1"), io.sumbin.binning.OverflowPolicy.FOLD).sumw();
      double[] nom = Histogram.fill(edges, mjj, raw.events().weights(), io.sumbin.binning.OverflowPolicy.FOLD).sumw();
      double[] dn = Histogram.fill(edges, mjj, raw.events().doubles("rwgt_SM"), io.sumbin.binning.OverflowPolicy.FOLD).sumw();
      for (int b = 0; b < 4; b++) {
        // 1 fb⁻¹ = 1000 pb⁻¹; histosys = data + (varied − nominal) at the SM point
        assertThat(h.hiData()[b]).isCloseTo(sample.data()[b] + 1000 * (up[b] - nom[b]), within(1e-9 * sample.data()[b]));
        assertThat(h.loData()[b]).isCloseTo(sample.data()[b] + 1000 * (dn[b] - nom[b]), within(1e-9 * sample.data()[b]));
        assertThat(h.hiData()[b]).isNotCloseTo(sample.data()[b], within(1e-4 * sample.data()[b]));
      }
      // a feature variation: the column replaced by its expressions, binned in the same edges
      ModifierSpec.HistoSys f = (ModifierSpec.HistoSys) sample.modifiers().stream().filter(m -> m.name().equals("fvar")).findFirst()
          .orElseThrow();
      double[] scaledUp = new double[mjj.length];
      double[] scaledDn = new double[mjj.length];
      for (int i = 0; i < mjj.length; i++) {
        scaledUp[i] = 1.05 * mjj[i];
        scaledDn[i] = mjj[i] / 1.05;
      }
      double[] fu = Histogram.fill(edges, scaledUp, raw.events().weights(), io.sumbin.binning.OverflowPolicy.FOLD).sumw();
      double[] fd = Histogram.fill(edges, scaledDn, raw.events().weights(), io.sumbin.binning.OverflowPolicy.FOLD).sumw();
      for (int b = 0; b < 4; b++) {
        assertThat(f.hiData()[b]).isCloseTo(sample.data()[b] + 1000 * (fu[b] - nom[b]), within(1e-9 * sample.data()[b]));
        assertThat(f.loData()[b]).isCloseTo(sample.data()[b] + 1000 * (fd[b] - nom[b]), within(1e-9 * sample.data()[b]));
      }
    } finally {
      a.close();
    }
  }

  /** Toys of the coverage check: the binomial error of the fraction is then ≈ 0.033. */
  private static final int TOYS = 200;

  @Test
  void theFamily68PercentIntervalCoversOnToys() {
    // m_jj in 8 bins at 300 fb⁻¹, where the linear term dominates (one minimum): one binning at every point, so a toy is one Poisson histogram
    AnalysisSpec s = AnalysisSpec.builder().luminosityFb(LUMI_FB).parameter("cHW", -0.3, 0.3)
        .process("vbfh", EftMode.QUADRATIC, 1, lhe("smeftsim_VBFH-1.lhe.gz"))
        .region(new Region("vbf", List.of("vbfh"), "m_jj > 300", Observable.column("m_jj"), 8))
        .systematic(Systematic.normsys("xs", 1.05, 0.95, "vbfh")).scan(Scan.of("cHW", 41)).build();
    Analysis a = Analysis.prepare(s, x -> {});
    try {
      ModelFamily fam = a.family(List.of(0), Scan.of("cHW", 41), 1);
      double[] asimov = fam.point(0).data();
      int nb = fam.point(0).model().nMain();
      io.sumbin.histmodel.infer.toys.ToyRandom rng = new io.sumbin.histmodel.infer.toys.ToyRandom(11, 0, 0);
      int covered = 0;
      int valid = 0;
      for (int t = 0; t < TOYS; t++) {
        double[] toy = asimov.clone();
        for (int b = 0; b < nb; b++) {
          toy[b] = io.sumbin.histmodel.infer.toys.PoissonSampler.sample(rng, asimov[b]);
        }
        for (int b = nb; b < toy.length; b++) {
          toy[b] = asimov[b] + rng.nextGaussian(); // the normsys' auxiliary datum
        }
        List<double[]> data = new java.util.ArrayList<>();
        for (int p = 0; p < fam.size(); p++) {
          data.add(toy);
        }
        io.sumbin.histmodel.family.FamilyScan sc = fam.withData(data).scan(1);
        if (Double.isNaN(sc.interval68()[0]) || Double.isNaN(sc.interval68()[1])) {
          continue;
        }
        valid++;
        if (sc.interval68()[0] <= 0 && 0 <= sc.interval68()[1]) {
          covered++;
        }
      }
      double f = (double) covered / valid;
      double err = Math.sqrt(0.6827 * (1 - 0.6827) / valid);
      System.out.printf("coverage of the 68%% interval: %d/%d = %.3f ± %.3f%n", covered, valid, f, err);
      assertThat(valid).isGreaterThan(TOYS * 9 / 10);
      assertThat(f).isCloseTo(0.6827, within(3 * err));
    } finally {
      a.close();
    }
  }

  private static double[] zeroWhereNaN(double[] v, double[] w) {
    double[] o = w.clone();
    for (int i = 0; i < v.length; i++) {
      if (Double.isNaN(v[i])) {
        o[i] = 0;
      }
    }
    return o;
  }
}
