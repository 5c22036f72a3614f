package io.sumbin.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sumbin.binning.BinningStrategy;
import io.sumbin.eft.EftAnalysis;
import io.sumbin.eft.EftEvents;
import io.sumbin.eft.EftLimit;
import io.sumbin.eft.EftObservable;
import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.compile.Models;
import io.sumbin.histmodel.family.FamilyScan;
import io.sumbin.histmodel.fit.FitOptions;
import io.sumbin.histmodel.fit.FitResult;
import io.sumbin.histmodel.fit.Fitter;
import io.sumbin.histmodel.infer.AsymptoticCalculator;
import io.sumbin.histmodel.infer.HypoTestResult;
import io.sumbin.histmodel.infer.Inference;
import io.sumbin.histmodel.infer.ProfileLikelihood;
import io.sumbin.histmodel.infer.ProfileScan;
import io.sumbin.histmodel.infer.TestStatistic;
import io.sumbin.histmodel.infer.UpperLimit;
import io.sumbin.histmodel.infer.UpperLimits;
import io.sumbin.histmodel.infer.toys.ToyCalculator;
import io.sumbin.histmodel.infer.toys.ToySettings;
import io.sumbin.histmodel.spec.Workspace;
import io.sumbin.pyhf.WorkspaceIO;
import io.sumbin.testsupport.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "tour in code", as written there, with the numbers its comments quote. */
class ReadmeTourTest {
  @Test
  void eftFit(@TempDir Path tmp) throws Exception {
    Path vbf1 = SharedData.lhe("smeftsim_VBFH-1.lhe.gz");
    Path vbf2 = SharedData.lhe("smeftsim_VBFH-2.lhe.gz");
    Path vbf3 = SharedData.lhe("smeftsim_VBFH-3.lhe.gz");
    EftEvents events = EftEvents.fromLhe(List.of(vbf1, vbf2, vbf3));
    EftAnalysis a = EftAnalysis.builder(events)
        .luminosityFb(300)
        .observable(EftObservable.truthOptimal())
        .binning(BinningStrategy.quantile(10))
        .normalization("lumi", 0.017)
        .mcStat(true)
        .build();
    FamilyScan s = a.scan("cHW", -0.04, 0.04, 41);
    FamilyScan c = a.scan2d("cHW", -0.04, 0.04, 21, "cHB", -0.4, 0.4, 21);
    List<EftLimit> cls = a.limits("cHW", -0.04, 0.04, 41);    // CLs of every point against the SM, with its cHW value
    a.exportPyhf(a.family("cHW", -0.04, 0.04, 41), tmp.resolve("pyhf"));
    FamilyScan p = EftAnalysis.builder(events).luminosityFb(300).profile("cHbox").build()
        .scan("cHW", -0.01, 0.01, 41);
    double[] counts = events.weights(new double[5]);
    for (int i = 0; i < counts.length; i++) {
      counts[i] *= 300_000; // Asimov counts per event: the observed scan must equal the expected one
    }
    FamilyScan obs = a.withData(counts).scan("cHW", -0.04, 0.04, 41);

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
    assertThat(Files.isRegularFile(tmp.resolve("pyhf/patchset.json")))
        .as("Files.isRegularFile(tmp.resolve(\"pyhf/patchset.json\"))")
        .isTrue();
    for (int i = 0; i < 41; i++) {
      assertThat(obs.t()[i])
          .as("Asimov counts reproduce the expected scan")
          .isCloseTo(s.t()[i], within(1e-6 * (1 + s.t()[i])));
    }
  }

  @Test
  void learnedAndSummed() {
    // the README's training snippet on the Gaussian EFT toy (features x1, x2; one coefficient "c" as "cHW",
    // a second "cHB" does not exist there, so the 2-D scan uses a two-coefficient copy of the toy)
    EftEvents events = new io.sumbin.examples.toys.GaussianEftToy(1.0, 20_000).simulate(3);
    EftEvents.Split split = events.split(0.5, 1);
    List<String> features = List.of("x1", "x2");
    io.sumbin.summaries.TrainingSettings ts = io.sumbin.summaries.TrainingSettings.DEFAULT.withSeed(1).withMaxEpochs(15);
    try (io.sumbin.summaries.derivative.DerivativeSummary d = EftAnalysis.trainDerivative(split.train(), features, List.of("c"), ts);
         io.sumbin.summaries.event2vec.Event2VecSummary e2v = EftAnalysis.trainEvent2Vec(split.train(), features, List.of("c"),
             new double[] {-0.5}, new double[] {0.5}, 10, ts)) {
      EftAnalysis a = EftAnalysis.builder(split.test()).luminosityFb(100)
          .observable(EftObservable.learned(d, features))
          .normalization("lumi", 0.017).build();
      FamilyScan learned = a.scan("c", -0.01, 0.01, 41);
      double[][] soft = e2v.evaluate(split.test().features(features));
      io.sumbin.histmodel.infer.ProfileScan summed = a.summedScan(soft, "c", -0.01, 0.01, 41);
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
    Workspace ws = WorkspaceIO.read(Path.of("..", "examples", "workspaces", "uncorrelated_background.json"));
    CompiledModel model = Models.compile(ws, null);
    double[] data = Models.observedData(ws, model);
    FitResult mle = new Fitter(model).fit(data);
    AsymptoticCalculator calc = new AsymptoticCalculator(new Inference(model), data, TestStatistic.QTILDE);
    HypoTestResult r = calc.hypotest(1.0);
    UpperLimit ul = UpperLimits.rootFinding(calc::hypotest, 0.95, 0.0, 10.0, UpperLimits.REL_TOL);
    ProfileScan scan = new ProfileLikelihood(model).scan(model.poiIndex(), ProfileLikelihood.linspace(0, 3, 31), data);
    ToyCalculator toys = new ToyCalculator(model, data, FitOptions.suggested(model), TestStatistic.QTILDE, ToySettings.of(200));
    // the numbers of the README's command-line examples
    assertThat(mle.bestfit()[model.poiIndex()]).as("mle.bestfit()[model.poiIndex()]").isCloseTo(0.904545, within(1e-5));
    assertThat(r.cls()).as("r.cls()").isCloseTo(0.456207, within(1e-5));
    assertThat(ul.observed()).as("ul.observed()").isCloseTo(1.871337, within(1e-5));
    assertThat(scan.interval68()[0]).as("scan.interval68()[0]").isCloseTo(0.354896, within(1e-5));
    assertThat(scan.interval68()[1]).as("scan.interval68()[1]").isCloseTo(1.475221, within(1e-5));
    assertThat(toys.hypotest(1.0).converged()).as("toys.hypotest(1.0).converged()").isTrue();
  }
}
