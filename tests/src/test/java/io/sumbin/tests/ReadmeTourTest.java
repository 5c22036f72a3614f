package io.sumbin.tests;

// tag::eft[]
import io.sumbin.binning.BinningStrategy;
import io.sumbin.eft.EftAnalysis;
import io.sumbin.eft.EftEvents;
import io.sumbin.eft.EftLimit;
import io.sumbin.eft.EftObservable;
import io.sumbin.histmodel.family.FamilyScan;
import java.nio.file.Path;
import java.util.List;
// end::eft[]
// tag::pyhf[]
import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.compile.Models;
import io.sumbin.histmodel.fit.FitResult;
import io.sumbin.histmodel.infer.HypoTestResult;
import io.sumbin.histmodel.infer.ProfileLikelihood;
import io.sumbin.histmodel.infer.ProfileScan;
import io.sumbin.histmodel.infer.TestStatistic;
import io.sumbin.histmodel.infer.UpperLimit;
import io.sumbin.histmodel.infer.toys.ToySettings;
import io.sumbin.histmodel.inference.HypotestRun;
import io.sumbin.histmodel.inference.InferenceFacade;
import io.sumbin.histmodel.inference.InferenceOptions;
import io.sumbin.histmodel.inference.InferenceProblem;
import io.sumbin.histmodel.inference.LimitSettings;
import io.sumbin.histmodel.spec.Workspace;
import io.sumbin.pyhf.WorkspaceIO;
import java.nio.file.Path;
// end::pyhf[]
// tag::learned[]
import io.sumbin.eft.EftAnalysis;
import io.sumbin.eft.EftEvents;
import io.sumbin.eft.EftObservable;
import io.sumbin.histmodel.family.FamilyScan;
import io.sumbin.histmodel.infer.ProfileScan;
import io.sumbin.histmodel.infer.ProfileScan2D;
import io.sumbin.summaries.TrainingSettings;
import io.sumbin.summaries.derivative.DerivativeSummary;
import io.sumbin.summaries.event2vec.Event2VecSummary;
import java.util.List;
// end::learned[]

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sumbin.testsupport.SharedData;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "tour in code" and the EFT facade's training snippet: the regions between the tag markers
 * are the README's blocks ({@code docs/readme/snippets.py} copies them, {@code ReadmeSnippetsTest} checks
 * them), run here with the numbers their comments quote.
 */
class ReadmeTourTest {
  @Test
  void eftFit(@TempDir Path tmp) throws Exception {
    Path vbf1 = SharedData.lhe("smeftsim_VBFH-1.lhe.gz");
    Path vbf2 = SharedData.lhe("smeftsim_VBFH-2.lhe.gz");
    Path vbf3 = SharedData.lhe("smeftsim_VBFH-3.lhe.gz");
    Path pyhfDir = tmp.resolve("pyhf");
    double[] counts = asimovCounts(vbf1, vbf2, vbf3); // the observed scan of Asimov counts must equal the expected one
    // tag::eft[]
    // vbf1, vbf2, vbf3: LHE files (Path); pyhfDir: an output directory; counts: observed events per event
    EftEvents events = EftEvents.fromLhe(List.of(vbf1, vbf2, vbf3));   // per-event quadratic weights
    EftAnalysis a = EftAnalysis.builder(events)
        .luminosityFb(300)                                  // fb⁻¹ (event weights are pb)
        .observable(EftObservable.truthOptimal())           // or .learned(summary, features), .column("m_jj")
        .binning(BinningStrategy.quantile(10))              // edges from the SM yield, per scan point
        .normalization("lumi", 0.017)                       // normsys ±1.7 %
        .mcStat(true)                                       // staterror from Σw² of the SM events
        .build();
    FamilyScan s = a.scan("cHW", -0.04, 0.04, 41);        // expected t(c′) at the SM: s.interval68() ≈ ±0.0105
    FamilyScan c = a.scan2d("cHW", -0.04, 0.04, 21, "cHB", -0.4, 0.4, 21);    // c.contour68(), c.contour95()
    List<EftLimit> cls = a.limits("cHW", -0.04, 0.04, 41);    // CLs of every point against the SM, with its cHW value
    a.exportPyhf(a.family("cHW", -0.04, 0.04, 41), pyhfDir);                  // workspaces + patch set
    FamilyScan p = EftAnalysis.builder(events).luminosityFb(300).profile("cHbox").build()
        .scan("cHW", -0.01, 0.01, 41);                    // cHbox floated in every fit: ≈ ±0.0018
    FamilyScan obs = a.withData(counts).scan("cHW", -0.04, 0.04, 41);         // per-event data counts
    // end::eft[]

    assertThat(s.converged() && c.converged() && p.converged() && obs.converged())
        .as("s.converged() && c.converged() && p.converged() && obs.converged()")
        .isTrue();
    assertThat(s.interval68()[0]).as("s.interval68()[0]").isCloseTo(-0.0105, within(0.0003));
    assertThat(s.interval68()[1]).as("s.interval68()[1]").isCloseTo(0.0105, within(0.0003));
    assertThat(p.interval68()[0]).as("p.interval68()[0]").isCloseTo(-0.0018, within(0.0001));
    assertThat(p.interval68()[1]).as("p.interval68()[1]").isCloseTo(0.0018, within(0.0001));
    assertThat(c.contour68()).as("c.contour68()").isNotEmpty();
    assertThat(cls.size()).as("cls.size()").isEqualTo(41);
    assertThat(cls.get(0).value()).as("the first point carries its cHW").isEqualTo(-0.04);
    assertThat(cls.get(20).value()).as("the middle point is the SM").isCloseTo(0.0, within(1e-15));
    assertThat(Files.isRegularFile(pyhfDir.resolve("patchset.json")))
        .as("Files.isRegularFile(pyhfDir.resolve(\"patchset.json\"))")
        .isTrue();
    for (int i = 0; i < 41; i++) {
      assertThat(obs.t()[i])
          .as("Asimov counts reproduce the expected scan")
          .isCloseTo(s.t()[i], within(1e-6 * (1 + s.t()[i])));
    }
  }

  /** Asimov counts per event of the SM at 300 fb⁻¹. */
  private static double[] asimovCounts(Path... files) {
    double[] counts = EftEvents.fromLhe(List.of(files)).weights(new double[5]);
    for (int i = 0; i < counts.length; i++) {
      counts[i] *= 300_000;
    }
    return counts;
  }

  /**
   * The README's training snippet, compiled; {@link #learnedAndSummed()} runs the same calls on the
   * Gaussian EFT toy (the LHE features and default settings take minutes).
   */
  static void learned(EftEvents events) {
    // tag::learned[]
    EftEvents.Split split = events.split(0.5, 1);                                 // seeded; parts rescaled to σ
    List<String> features = List.of("m_jj", "deta_jj", "dphi_jj_signed", "pt_h");
    try (DerivativeSummary d = EftAnalysis.trainDerivative(split.train(), features, List.of("cHW"), TrainingSettings.DEFAULT);
         Event2VecSummary e2v = EftAnalysis.trainEvent2Vec(split.train(), features, List.of("cHW"),
             new double[] {-0.5}, new double[] {0.5}, 10, TrainingSettings.DEFAULT)) {
      EftAnalysis a = EftAnalysis.builder(split.test()).luminosityFb(300)
          .observable(EftObservable.learned(d, features))                      // r̂(x|c′), binned per point
          .normalization("lumi", 0.017).build();
      FamilyScan learned = a.scan("cHW", -0.01, 0.01, 41);
      double[][] soft = e2v.evaluate(split.test().features(features));          // [bin][event] soft assignments
      ProfileScan summed = a.summedScan(soft, "cHW", -0.01, 0.01, 41);         // one model: ν_j(c) = L Σ_i w_i(c) s_j(x_i)
      ProfileScan2D both = a.summedScan2d(soft, "cHW", -0.01, 0.01, 21, "cHB", -0.2, 0.2, 21);
    }
    // end::learned[]
  }

  @Test
  void learnedAndSummed() {
    // the README's training snippet on the Gaussian EFT toy (features x1, x2; one coefficient "c" as "cHW",
    // a second "cHB" does not exist there, so the 2-D scan uses a two-coefficient copy of the toy)
    EftEvents events = new io.sumbin.examples.toys.GaussianEftToy(1.0, 20_000).simulate(3);
    EftEvents.Split split = events.split(0.5, 1);
    List<String> features = List.of("x1", "x2");
    TrainingSettings ts = TrainingSettings.DEFAULT.withSeed(1).withMaxEpochs(15);
    try (DerivativeSummary d = EftAnalysis.trainDerivative(split.train(), features, List.of("c"), ts);
         Event2VecSummary e2v = EftAnalysis.trainEvent2Vec(split.train(), features, List.of("c"),
             new double[] {-0.5}, new double[] {0.5}, 10, ts)) {
      EftAnalysis a = EftAnalysis.builder(split.test()).luminosityFb(100)
          .observable(EftObservable.learned(d, features))
          .normalization("lumi", 0.017).build();
      FamilyScan learned = a.scan("c", -0.01, 0.01, 41);
      double[][] soft = e2v.evaluate(split.test().features(features));
      ProfileScan summed = a.summedScan(soft, "c", -0.01, 0.01, 41);
      assertThat(learned.converged() && summed.converged()).as("learned.converged() && summed.converged()").isTrue();
      // exact information 2Lσ = 2e5: σ(c) ≥ 1/√(2e5) = 0.00224; the learned per-point observable gets within 10%
      double wLearned = 0.5 * (learned.interval68()[1] - learned.interval68()[0]);
      double wSummed = 0.5 * (summed.interval68()[1] - summed.interval68()[0]);
      assertThat(wLearned > 0.00224 * 0.97 && wLearned < 0.00224 * 1.1).as("learned " + wLearned).isTrue();
      assertThat(wSummed).as("summed " + wSummed).isGreaterThan(0.00224 * 0.97);
    }
  }

  @Test
  void pyhfWorkspace() {
    Path file = Path.of("..", "examples", "workspaces", "uncorrelated_background.json");
    // tag::pyhf[]
    Workspace ws = WorkspaceIO.read(file);             // file = Path.of("examples/workspaces/uncorrelated_background.json")
    CompiledModel model = Models.compile(ws);                       // first measurement, pyhf defaults
    double[] data = Models.observedData(ws, model);                 // main bins + auxiliary data
    InferenceProblem p = InferenceProblem.of(model, data);          // model, data, suggested fit options
    FitResult mle = InferenceFacade.fit(p);                         // bestfit(), uncertainties(), twiceNll()
    InferenceOptions asy = InferenceOptions.asymptotic(TestStatistic.QTILDE);
    HypoTestResult r = InferenceFacade.hypotest(p, 1.0, asy).result();   // cls(), clsExpected() (−2σ … +2σ)
    UpperLimit ul = InferenceFacade.upperLimit(p, LimitSettings.rootFinding(0.95), asy).limit();
    ProfileScan scan = InferenceFacade.scan(p, model.poiIndex(), ProfileLikelihood.linspace(0, 3, 31));
    HypotestRun toys = InferenceFacade.hypotest(p, 1.0, InferenceOptions.toys(TestStatistic.QTILDE, ToySettings.of(5000)));
    // end::pyhf[]
    // the numbers of the README's command-line examples
    assertThat(mle.bestfit()[model.poiIndex()]).as("mle.bestfit()[model.poiIndex()]").isCloseTo(0.904545, within(1e-5));
    assertThat(r.cls()).as("r.cls()").isCloseTo(0.456207, within(1e-5));
    assertThat(ul.observed()).as("ul.observed()").isCloseTo(1.871337, within(1e-5));
    assertThat(scan.interval68()[0]).as("scan.interval68()[0]").isCloseTo(0.354896, within(1e-5));
    assertThat(scan.interval68()[1]).as("scan.interval68()[1]").isCloseTo(1.475221, within(1e-5));
    // 5000 toys per hypothesis: CLs+b has a binomial error of about 0.007, CLs about 0.008; the seeded
    // toys give 0.4494 (as `sumbin hypotest --calc toys --ntoys 5000 --seed 1`), the asymptotic formula 0.4562
    assertThat(toys.result().converged()).as("toys.result().converged()").isTrue();
    assertThat(toys.result().cls()).as("toy CLs at mu = 1 vs the asymptotic 0.456207").isCloseTo(0.456207, within(0.03));
  }
}
