package io.sumbin.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatObject;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.sumbin.binning.BinningStrategy;
import io.sumbin.binning.EventTable;
import io.sumbin.binning.Histogram;
import io.sumbin.eft.EftAnalysis;
import io.sumbin.eft.EftEvents;
import io.sumbin.eft.EftLimit;
import io.sumbin.eft.EftObservable;
import io.sumbin.examples.toys.GaussianEftToy;
import io.sumbin.histmodel.family.FamilyScan;
import io.sumbin.histmodel.infer.Normal;
import io.sumbin.histmodel.infer.ProfileLikelihood;
import io.sumbin.histmodel.infer.toys.PoissonSampler;
import io.sumbin.histmodel.infer.toys.ToyRandom;
import io.sumbin.pyhf.FamilyIO;
import io.sumbin.pyhf.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The EFT facade against closed forms. The Gaussian EFT toy has an exact unbinned Fisher
 * information 2Lσ at the Standard Model; Asimov intervals of a binned analysis must have half-width
 * 1/√I_binned, where I_binned is computed independently here from the binned templates.
 */
class EftAnalysisTest {
  static final double LUMI = 100; // fb⁻¹, σ = 1 pb → exact Fisher 2e5
  static EftEvents events;

  @BeforeAll
  static void simulate() {
    events = new GaussianEftToy(1.0, 20_000).simulate(7);
  }

  @Test
  void unbinnedFisherIsTwoLSigmaWithinMcStatistics() {
    EftAnalysis a = EftAnalysis.builder(events).luminosityFb(LUMI).build();
    double exact = new GaussianEftToy(1.0, 20_000).fisherAtSm(LUMI);
    // the estimate is L σ mean((2u)²): relative standard deviation √(8/20000)/2 = 1%; allow 4σ
    assertThat(a.unbinnedFisher("c") / exact).as("a.unbinnedFisher(\"c\") / exact").isCloseTo(1.0, within(0.04));
    double binned = a.fisher("c");
    assertThat(binned).as("binning loses information").isLessThan(a.unbinnedFisher("c"));
    // ten quantile bins of a Gaussian score keep about 97% of its variance
    assertThat(binned / a.unbinnedFisher("c")).as("binned / a.unbinnedFisher(\"c\")").isCloseTo(0.97, within(0.02));
  }

  @Test
  void asimovIntervalOfOptimalObservableMatchesBinnedFisher() {
    EftAnalysis a = EftAnalysis.builder(events).luminosityFb(LUMI).binning(BinningStrategy.quantile(10)).threads(2).build();
    double sigma = 1 / Math.sqrt(a.fisher("c"));
    FamilyScan s = a.scan("c", -3 * sigma, 3 * sigma, 61);
    assertThat(s.converged()).as(s.message()).isTrue();
    assertThat(s.theta()[s.best()][0]).as("the Asimov minimum is the truth").isCloseTo(0.0, within(1e-12));
    assertThat(s.t()[s.best()]).as("s.t()[s.best()]").isCloseTo(0.0, within(1e-9));
    // t(c) = I c² + O(c³): the cubic term is suppressed by c ~ 0.002
    assertThat(s.interval68()[0]).as("s.interval68()[0]").isCloseTo(-sigma, within(0.02 * sigma));
    assertThat(s.interval68()[1]).as("s.interval68()[1]").isCloseTo(sigma, within(0.02 * sigma));
    assertThat(s.interval95()[0]).as("s.interval95()[0]").isCloseTo(-1.96 * sigma, within(0.03 * sigma));
    assertThat(s.interval95()[1]).as("s.interval95()[1]").isCloseTo(1.96 * sigma, within(0.03 * sigma));
  }

  @Test
  void fixedHistogramOfOneFeatureIsWider() {
    EftAnalysis opt = EftAnalysis.builder(events).luminosityFb(LUMI).build();
    EftAnalysis x1 = EftAnalysis.builder(events).luminosityFb(LUMI).observable(EftObservable.column("x1")).build();
    // E[2u | x1] = x1, so a histogram of x1 carries at most half of the information
    double ratio = x1.fisher("c") / opt.unbinnedFisher("c");
    assertThat(ratio < 0.5 && ratio > 0.4).as("x1 histogram keeps " + ratio).isTrue();
    double sigma = 1 / Math.sqrt(opt.fisher("c"));
    FamilyScan s = x1.scan("c", -4 * sigma, 4 * sigma, 81);
    double expectedHalf = 1 / Math.sqrt(x1.fisher("c"));
    assertThat(0.5 * (s.interval68()[1] - s.interval68()[0]))
        .as("0.5 * (s.interval68()[1] - s.interval68()[0])")
        .isCloseTo(expectedHalf, within(0.02 * expectedHalf));
  }

  @Test
  void expectedClsOfEveryPointFollowsFromItsScanStatistic() {
    // without nuisance parameters the pair model's q̃(μ = 1) on SM Asimov data equals the family t(c),
    // and the median expected CLs is 2 Φ(−√t)
    EftAnalysis a = EftAnalysis.builder(events).luminosityFb(LUMI).threads(2).build();
    double sigma = 1 / Math.sqrt(a.fisher("c"));
    FamilyScan s = a.scan("c", -3 * sigma, 3 * sigma, 13);
    List<EftLimit> cls = a.limits("c", -3 * sigma, 3 * sigma, 13);
    for (int i = 0; i < 13; i++) {
      // every point carries the scanned coefficient and its value (the pair model's μ is 1 everywhere)
      assertThat(cls.get(i).coefficient()).isEqualTo("c");
      assertThat(cls.get(i).value()).as("value of point " + i).isEqualTo(s.theta()[i][0]);
      assertThat(cls.get(i).test().mu()).isEqualTo(1.0);
      if (Math.abs(s.theta()[i][0]) < 1e-15) {
        continue; // the reference point itself: the delta sample vanishes
      }
      double expected = 2 * Normal.sf(Math.sqrt(s.t()[i]));
      assertThat(cls.get(i).converged()).as("cls.get(i).converged()").isTrue();
      assertThat(cls.get(i).cls()).as("point " + i).isCloseTo(expected, within(1e-4 * Math.max(expected, 1e-3)));
    }
  }

  @Test
  void profilingACorrelatedCoefficientWidensTheIntervalAsTheFisherMatrixSays() {
    EftEvents two = twoCoefficients(40_000, 11);
    EftAnalysis fixed = EftAnalysis.builder(two).luminosityFb(LUMI).build();
    EftAnalysis prof = EftAnalysis.builder(two).luminosityFb(LUMI).profile("b").threads(2).build();
    // binned Fisher matrix in the optimal observable for a (score 2u, ten SM quantile bins)
    double[] score = two.scoreAtSm("a");
    double[] sm = two.smWeights();
    double[] edges = BinningStrategy.quantile(10).edges(score, sm);
    double[] da = new double[sm.length];
    double[] db = new double[sm.length];
    for (int i = 0; i < sm.length; i++) {
      da[i] = two.component(i, 1);
      db[i] = two.component(i, 2);
    }
    double[] nu = Histogram.fill(edges, score, sm).sumw();
    double[] ta = Histogram.fill(edges, score, da).sumw();
    double[] tb = Histogram.fill(edges, score, db).sumw();
    double[] ta2 = Histogram.fill(edges, score, da).sumw2();
    double iaa = 0;
    double iab = 0;
    double ibb = 0;
    double iaaDebiased = 0;
    for (int k = 0; k < nu.length; k++) {
      iaa += ta[k] * ta[k] / nu[k];
      iab += ta[k] * tb[k] / nu[k];
      ibb += tb[k] * tb[k] / nu[k];
      iaaDebiased += (ta[k] * ta[k] - ta2[k]) / nu[k];
    }
    double lpb = LUMI * 1000;
    // fisher() is the debiased estimate (FisherInformation: the MC variance Σ∂w² of each bin's derivative subtracted);
    // the plug-in value is kept beside it
    assertThat(fixed.fisherEstimate("a").plugIn()).as("plug-in binned information").isCloseTo(iaa * lpb, within(1e-6 * iaa * lpb));
    assertThat(fixed.fisher("a")).as("debiased binned information").isCloseTo(iaaDebiased * lpb, within(1e-6 * iaa * lpb));
    double sigFixed = 1 / Math.sqrt(iaa * lpb);
    double sigProf = 1 / Math.sqrt((iaa - iab * iab / ibb) * lpb);
    assertThat(sigProf).as("the coefficients are correlated").isGreaterThan(1.1 * sigFixed);
    FamilyScan sf = fixed.scan("a", -3 * sigFixed, 3 * sigFixed, 61);
    FamilyScan sp = prof.scan("a", -3 * sigProf, 3 * sigProf, 61);
    assertThat(sp.converged()).as(sp.message()).isTrue();
    assertThat(0.5 * (sf.interval68()[1] - sf.interval68()[0]))
        .as("0.5 * (sf.interval68()[1] - sf.interval68()[0])")
        .isCloseTo(sigFixed, within(0.02 * sigFixed));
    assertThat(0.5 * (sp.interval68()[1] - sp.interval68()[0]))
        .as("0.5 * (sp.interval68()[1] - sp.interval68()[0])")
        .isCloseTo(sigProf, within(0.02 * sigProf));
    // the conditional fits moved b: at the edge of the interval b̂̂ ≈ −(I_ab/I_bb) a
    int edge = 0;
    double a0 = sp.theta()[edge][0];
    double bHat = sp.conditional()[edge].value("b");
    assertThat(bHat).as("bHat").isCloseTo(-iab / ibb * a0, within(0.05 * Math.abs(iab / ibb * a0)));
  }

  @Test
  void limitsKeepProfiledCoefficientsFloating(@TempDir Path dir) {
    // the pair model s(0, b) + μ[s(a′, b) − s(0, b)] keeps b free, so on SM Asimov data q̃(μ = 1)
    // equals the profiled family statistic t(a′) and the median CLs is 2 Φ(−√t)
    EftEvents two = twoCoefficients(20_000, 17);
    EftAnalysis prof = EftAnalysis.builder(two).luminosityFb(LUMI).profile("b").threads(2).build();
    double s = 1 / Math.sqrt(prof.fisher("a"));
    FamilyScan scan = prof.scan("a", -4 * s, 4 * s, 9);
    List<EftLimit> cls = prof.limits("a", -4 * s, 4 * s, 9);
    assertThat(cls.get(0).value()).isEqualTo(-4 * s);
    assertThat(cls.get(8).value()).isEqualTo(4 * s);
    for (int i = 0; i < 9; i++) {
      if (i == 4) {
        continue; // the reference point
      }
      double expected = 2 * Normal.sf(Math.sqrt(scan.t()[i]));
      assertThat(cls.get(i).converged()).as(cls.get(i).message()).isTrue();
      assertThat(cls.get(i).cls()).as("point " + i).isCloseTo(expected, within(1e-4 * Math.max(expected, 1e-3)));
    }
    // pyhf cannot express yields that depend on a profiled coefficient: a clear refusal
    io.sumbin.histmodel.BadInputException e = assertThatExceptionOfType(io.sumbin.histmodel.BadInputException.class)
        .isThrownBy(() -> prof.exportPyhf(prof.family("a", -s, s, 3), dir))
        .actual();
    assertThat(e.getMessage()).as(e.getMessage()).contains("profiled parameters [b]");
  }

  @Test
  void twoDimensionalContourIsTheFisherEllipse() {
    EftEvents two = twoCoefficients(40_000, 13);
    // per-point optimal observable: at every grid point the exact likelihood ratio against the SM
    EftAnalysis a = EftAnalysis.builder(two).luminosityFb(LUMI).threads(2).build();
    double s = 1 / Math.sqrt(a.unbinnedFisher("a"));
    FamilyScan c = a.scan2d("a", -4 * s, 4 * s, 25, "b", -6 * s, 6 * s, 25);
    assertThat(c.converged()).as(c.message()).isTrue();
    assertThat(!c.contour68().isEmpty() && !c.contour95().isEmpty())
        .as("!c.contour68().isEmpty() && !c.contour95().isEmpty()")
        .isTrue();
    // every 68% contour point lies on t ≈ 2.30 of the Fisher ellipse of the unbinned information
    // (per-point optimal binning recovers ≥ 90% of it along every direction)
    double[][] f = unbinnedFisherMatrix(two);
    for (double[] seg : c.contour68()) {
      double x = seg[0];
      double y = seg[1];
      double q = (f[0][0] * x * x + 2 * f[0][1] * x * y + f[1][1] * y * y) * LUMI * 1000;
      assertThat(q > 2.0 && q < 2.30 / 0.9 + 0.2).as("contour point (" + x + ", " + y + ") has Fisher q " + q).isTrue();
    }
  }

  @Test
  void observedIntervalsFromPseudoDataCoverTheTruth() {
    // 200 pseudo-experiments (per-event Poisson counts with mean L w_i(c_true)), each analysed with
    // the per-point optimal observable: the 68% intervals cover c_true in 68.3% ± 3.3% (binomial σ)
    EftAnalysis a = EftAnalysis.builder(events).luminosityFb(LUMI).threads(2).build();
    double sigma = 1 / Math.sqrt(a.fisher("c"));
    double cTrue = 0.003;
    double[] w = events.weights(new double[] {cTrue});
    int n = 200;
    int covered = 0;
    double pullSum = 0;
    for (int k = 0; k < n; k++) {
      ToyRandom r = new ToyRandom(2024, 0, k);
      double[] counts = new double[w.length];
      for (int i = 0; i < w.length; i++) {
        counts[i] = PoissonSampler.sample(r, LUMI * 1000 * w[i]);
      }
      FamilyScan s = a.withData(counts).scan("c", cTrue - 4 * sigma, cTrue + 4 * sigma, 41);
      assertThat(s.converged()).as(s.message()).isTrue();
      double[] i68 = s.interval68();
      if (i68[0] < cTrue && cTrue < i68[1]) {
        covered++;
      }
      pullSum += (0.5 * (i68[0] + i68[1]) - cTrue) / sigma;
    }
    assertThat(covered / (double) n)
        .as("covered / (double) n")
        .isCloseTo(0.683, within(3 * Math.sqrt(0.683 * 0.317 / n)));
    assertThat(pullSum / n).as("unbiased").isCloseTo(0.0, within(3 / Math.sqrt(n)));
  }

  @Test
  void oneHotSummedSummaryIsTheHistogramAnalysis() {
    // summing one-hot summaries of x1's quantile bins over events gives x1's histogram, so the
    // summed-summary model must reproduce the fixed-histogram family point by point
    EftAnalysis x1 = EftAnalysis.builder(events).luminosityFb(LUMI).observable(EftObservable.column("x1")).threads(2).build();
    double[] v = events.table().doubles("x1");
    double[] edges = BinningStrategy.quantile(10).edges(v, events.smWeights());
    double[][] oneHot = new double[10][v.length];
    for (int i = 0; i < v.length; i++) {
      int b = Math.max(0, Math.min(9, Histogram.binIndex(edges, v[i])));
      oneHot[b][i] = 1;
    }
    double sigma = 1 / Math.sqrt(x1.fisher("c"));
    FamilyScan fam = x1.scan("c", -3 * sigma, 3 * sigma, 13);
    io.sumbin.histmodel.infer.ProfileScan sum = x1.summedScan(oneHot, "c", -3 * sigma, 3 * sigma, 13);
    assertThat(sum.converged()).as(sum.message()).isTrue();
    for (int i = 0; i < 13; i++) {
      assertThat(sum.deltaTwiceNll()[i]).as("point " + i).isCloseTo(fam.t()[i], within(1e-6 * (1 + fam.t()[i])));
    }
    assertThat(0.5 * (sum.interval68()[1] - sum.interval68()[0]))
        .as("0.5 * (sum.interval68()[1] - sum.interval68()[0])")
        .isCloseTo(sigma, within(0.02 * sigma));
    // soft bins: a smooth two-column summary (σ(x1 + x2), 1 − σ(x1 + x2)) carries the information its
    // binned Fisher sum says
    double[][] soft = new double[2][v.length];
    double[] x2 = events.table().doubles("x2");
    double[] dw = new double[v.length];
    double[] w = events.smWeights();
    for (int i = 0; i < v.length; i++) {
      soft[0][i] = 1 / (1 + Math.exp(-(v[i] + x2[i])));
      soft[1][i] = 1 - soft[0][i];
      dw[i] = events.component(i, 1);
    }
    double f = 0;
    for (int j = 0; j < 2; j++) {
      double nu = 0;
      double dnu = 0;
      for (int i = 0; i < v.length; i++) {
        nu += w[i] * soft[j][i];
        dnu += dw[i] * soft[j][i];
      }
      f += dnu * dnu / nu;
    }
    double sSoft = 1 / Math.sqrt(f * LUMI * 1000);
    io.sumbin.histmodel.infer.ProfileScan ss = x1.summedScan(soft, "c", -3 * sSoft, 3 * sSoft, 7);
    assertThat(0.5 * (ss.interval68()[1] - ss.interval68()[0]))
        .as("0.5 * (ss.interval68()[1] - ss.interval68()[0])")
        .isCloseTo(sSoft, within(0.02 * sSoft));
  }

  @Test
  void summedSummaryContoursAreItsFisherEllipse() {
    EftEvents two = twoCoefficients(20_000, 19);
    EftAnalysis a = EftAnalysis.builder(two).luminosityFb(LUMI).build();
    double[] x1 = two.table().doubles("x1");
    double[] edges = BinningStrategy.quantile(8).edges(x1, two.smWeights());
    double[][] oneHot = new double[8][x1.length];
    double[][] f = new double[2][2];
    double[] nu = new double[8];
    double[][] d = new double[2][8];
    for (int i = 0; i < x1.length; i++) {
      int b = Math.max(0, Math.min(7, Histogram.binIndex(edges, x1[i])));
      oneHot[b][i] = 1;
      nu[b] += two.component(i, 0);
      d[0][b] += two.component(i, 1);
      d[1][b] += two.component(i, 2);
    }
    for (int b = 0; b < 8; b++) {
      for (int p = 0; p < 2; p++) {
        for (int q = 0; q < 2; q++) {
          f[p][q] += d[p][b] * d[q][b] / nu[b] * LUMI * 1000;
        }
      }
    }
    double sa = 1 / Math.sqrt(f[0][0] - f[0][1] * f[0][1] / f[1][1]);
    double sb = 1 / Math.sqrt(f[1][1] - f[0][1] * f[0][1] / f[0][0]);
    io.sumbin.histmodel.infer.ProfileScan2D c = a.summedScan2d(oneHot, "a", -3 * sa, 3 * sa, 31, "b", -3 * sb, 3 * sb, 31);
    assertThat(c.converged()).as(c.message()).isTrue();
    assertThat(c.contour68()).as("c.contour68()").isNotEmpty();
    for (double[] seg : c.contour68()) {
      double x = seg[0];
      double y = seg[1];
      double q = f[0][0] * x * x + 2 * f[0][1] * x * y + f[1][1] * y * y;
      assertThat(q).as("contour point (" + x + ", " + y + ")").isCloseTo(ProfileLikelihood.DELTA_68_2D, within(0.1));
    }
  }

  @Test
  void exportWritesOnePatchPerPoint(@TempDir Path dir) throws Exception {
    EftAnalysis a = EftAnalysis.builder(events).luminosityFb(LUMI).normalization("lumi", 0.017).mcStat(true).build();
    FamilyIO.Export e = a.exportPyhf(a.family("c", -0.01, 0.01, 5), dir);
    assertThat(e.pointWorkspaces().size()).as("e.pointWorkspaces().size()").isEqualTo(5);
    assertThat(Files.size(e.bkgonly()) > 100 && Files.size(e.patchset()) > 100)
        .as("Files.size(e.bkgonly()) > 100 && Files.size(e.patchset()) > 100")
        .isTrue();
    String ws = Files.readString(e.pointWorkspaces().get(0));
    assertThat(ws.contains("\"staterror\"") && ws.contains("\"normsys\"")).as("modifiers exported").isTrue();
    JsonNode bkg = Json.read(e.bkgonly());
    JsonNode patches = Json.read(e.patchset()).get("patches");
    assertThat(patches).as("patches in the patch set").hasSize(5);
    for (int i = 0; i < 5; i++) {
      assertThatObject(FamilyTest.applyIndependently(bkg, patches.get(i).get("patch")))
          .as("patch " + i + ", applied by an independent RFC 6902 library, rebuilds point workspace " + i)
          .usingComparator(FamilyTest.SAME_JSON)
          .isEqualTo(Json.read(e.pointWorkspaces().get(i)));
    }
  }

  /**
   * Two coefficients: w = w_SM [1 + a·2u + b(1 + x1)] (linear, so monomials 1, a, b), u = (x1+x2)/2.
   * Unbinned: I_aa = 2, I_bb = 2, I_ab = 1 (per unit Lσ).
   */
  static EftEvents twoCoefficients(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double w = 1.0 / n;
    double[] x1 = new double[n];
    double[] x2 = new double[n];
    double[] comp = new double[3 * n];
    double[] weights = new double[n];
    for (int i = 0; i < n; i++) {
      x1[i] = r.nextGaussian();
      x2[i] = r.nextGaussian();
      double u = 0.5 * (x1[i] + x2[i]);
      comp[3 * i] = w;
      comp[3 * i + 1] = w * 2 * u;
      comp[3 * i + 2] = w * (1 + x1[i]);
      weights[i] = w;
    }
    EventTable t = EventTable.of("toy2", weights).withDoubleColumn("x1", x1).withDoubleColumn("x2", x2);
    return new EftEvents(List.of("a", "b"), List.of(List.of(), List.of("a"), List.of("b")), comp, t);
  }

  static double[][] unbinnedFisherMatrix(EftEvents ev) {
    double[][] f = new double[2][2];
    for (int i = 0; i < ev.size(); i++) {
      double w0 = ev.component(i, 0);
      double[] d = {ev.component(i, 1), ev.component(i, 2)};
      for (int p = 0; p < 2; p++) {
        for (int q = 0; q < 2; q++) {
          f[p][q] += d[p] * d[q] / w0;
        }
      }
    }
    return f;
  }
}
