package io.sumbin.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sumbin.eft.EftAnalysis;
import io.sumbin.eft.ComparisonJson;
import io.sumbin.eft.EftComparison;
import io.sumbin.eft.EftEvents;
import io.sumbin.eft.EftObservable;
import io.sumbin.eft.PseudoData;
import io.sumbin.cli.plot.ComparisonPlots;
import io.sumbin.examples.toys.GaussianEftToy;
import io.sumbin.histmodel.family.FamilyScan;
import io.sumbin.histmodel.family.ModelFamily;
import io.sumbin.pyhf.FamilyIO;
import io.sumbin.pyhf.Json;
import io.sumbin.summaries.LearnedSummary;
import io.sumbin.summaries.Summaries;
import io.sumbin.summaries.TrainingSettings;
import io.sumbin.binning.BinningStrategy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sumbin demo}: the whole analysis on a built-in toy with a known answer — simulate events
 * with exact per-event EFT weights, train a derivative-learning network and an event2vec summary,
 * bin per scan point, fit, compare binned and unbinned learned and truth likelihoods, export the
 * learned family to pyhf, and draw the plots.
 */
@Command(name = "demo", description = "The whole analysis on a built-in EFT toy: simulate → train → bin → fit → compare → export pyhf → plots.",
    mixinStandardHelpOptions = true)
public final class DemoCommand implements Callable<Integer> {
  @Mixin
  Console console;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "sumbin-demo", description = "output directory (default ${DEFAULT-VALUE})")
  Converters.OutputDir out;

  @Option(names = "--events", paramLabel = "N", defaultValue = "60000", converter = Converters.Events.class,
      description = "simulated Standard-Model events, at least 1000 (default ${DEFAULT-VALUE})")
  int events;

  @Option(names = "--lumi", paramLabel = "FB", defaultValue = "100", converter = Converters.Luminosity.class,
      description = "luminosity in fb⁻¹ for σ_SM = 1 pb (default ${DEFAULT-VALUE})")
  double lumi;

  @Option(names = "--epochs", paramLabel = "N", defaultValue = "20", converter = Converters.Positive.class, description = "maximum training epochs per network (default ${DEFAULT-VALUE})")
  int epochs;

  @Option(names = "--bins", paramLabel = "N", defaultValue = "10", converter = Converters.GridSize.class,
      description = "bins per scan point (default ${DEFAULT-VALUE})")
  int bins;

  @Option(names = "--truth", paramLabel = "C", defaultValue = "0.003", description = "truth of the observed pseudo-data, |c| <= 1 (default ${DEFAULT-VALUE})")
  double truth;

  @Mixin
  SeedOption seedOption;

  @Mixin
  JsonOption json;

  @Override
  public Integer call() throws IOException {
    if (events < 1000 || bins < 2) {
      throw new UserError("need --events >= 1000, --bins >= 2");
    }
    if (Math.abs(truth) > 1) {
      throw new UserError("--truth " + truth + ": the demo's pseudo-data need |c| <= 1");
    }
    long seed = seedOption.orElse(1);
    long t0 = System.nanoTime();
    boolean converged;
    try (Outputs.Staged stage = Outputs.stage(out.path())) {
      converged = run(stage.dir(), seed, t0);
      stage.commit(); // a flagged result (exit 3) keeps its outputs; an exception leaves none
    }
    if (!converged) {
      throw new NumericalFailure("demo: some fits did not converge");
    }
    return 0;
  }

  /** Runs the demo writing into {@code dir}; returns whether every fit converged. */
  private boolean run(Path dir, long seed, long t0) throws IOException {
    step("1/6 simulate " + events + " SM events with exact weights w(x|c) = w_SM [(1 + c u)² + c²/2], u = (x1 + x2)/2");
    GaussianEftToy toy = new GaussianEftToy(1.0, events);
    EftEvents ev = toy.simulate(seed);
    step("2/6 train derivative learning and event2vec on half of them, then compare five likelihoods on the other half");
    TrainingSettings ts = TrainingSettings.DEFAULT.withSeed(seed).withMaxEpochs(epochs).withProgress(console.progress());
    EftComparison.Settings s = EftComparison.Settings.builder(GaussianEftToy.COEFFICIENT, GaussianEftToy.FEATURES)
        .luminosityFb(lumi).histogramColumn("x1").bins(bins).trainFraction(0.5).training(ts).build();
    Path models = dir.resolve("models");
    EftComparison.Result cmp = EftComparison.run(ev, s, models);
    step("3/6 fit one pseudo-experiment (truth c = " + truth + ") with the learned per-point observable");
    EftEvents.Split split = ev.split(0.5, seed);
    EftEvents test = split.test();
    double[] cTrue = new double[test.coefficients().size()];
    cTrue[0] = truth;
    double[] counts = PseudoData.perEvent(test, cTrue, lumi, seed + 17);
    FamilyScan observed;
    ModelFamily learnedAsimov;
    double half = 4 * 0.5 * cmp.method(EftComparison.LEARNED_BINNED).width68() + Math.abs(truth);
    try (LearnedSummary d = Summaries.loadSummary(models.resolve("derivative"))) {
      EftAnalysis a = EftAnalysis.builder(test).luminosityFb(lumi).binning(BinningStrategy.quantile(bins))
          .observable(EftObservable.learned(d, GaussianEftToy.FEATURES)).build();
      observed = a.withData(counts).scan(GaussianEftToy.COEFFICIENT, -half, half, 41);
      learnedAsimov = a.family(GaussianEftToy.COEFFICIENT, -half, half, 21);
      step("4/6 export the learned family (Asimov, SM) for pyhf: per-point workspaces and a patch set");
      FamilyIO.exportPyhf(learnedAsimov, dir.resolve("pyhf"), "ins0000000");
    }
    step("5/6 plots");
    ComparisonPlots.curves(cmp, dir.resolve("comparison.png"), "Expected t(c) at the SM: five likelihoods");
    ComparisonPlots.fisher(cmp, dir.resolve("fisher.png"), "Information carried by each summary");
    ComparisonPlots.losses(cmp, dir.resolve("training.png"));
    ComparisonPlots.observed(observed, truth, dir.resolve("observed_scan.png"));
    step("6/6 tables");
    String table = ComparisonPlots.markdown(cmp);
    Json.writeAtomically(dir.resolve("comparison.md"), "Expected intervals on c at the SM, L = " + lumi + " fb⁻¹ (σ_SM = 1 pb), "
        + cmp.testEvents() + " test events, " + bins + " bins; exact unbinned Fisher information 2Lσ = " + toy.fisherAtSm(lumi) + "\n\n" + table);
    ObjectNode o = ComparisonJson.demo(events, lumi, toy.fisherAtSm(lumi), cmp, new ComparisonJson.Observed(truth,
        observed.theta()[observed.best()][0], observed.interval68(), observed.interval95()), out.toString(), (System.nanoTime() - t0) / 1e9);
    Json.writeAtomically(dir.resolve("demo.json"), Json.pretty(o));
    if (json.on()) {
      CliSupport.printJson(console.out(), o);
    } else {
      console.out().println();
      console.out().println(table);
      console.out().printf(Locale.ROOT, "observed (pseudo-data, truth c = %s): best %.4g, 68%% [%.4g, %.4g], 95%% [%.4g, %.4g]%n", truth,
          observed.theta()[observed.best()][0], observed.interval68()[0], observed.interval68()[1], observed.interval95()[0],
          observed.interval95()[1]);
      console.out().printf(Locale.ROOT, "%ndone in %.1f s. Outputs in %s:%n", (System.nanoTime() - t0) / 1e9, out.path().toAbsolutePath());
      for (String f : List.of("comparison.md", "comparison.png", "fisher.png", "training.png", "observed_scan.png", "demo.json",
          "models/derivative", "models/event2vec", "pyhf/bkgonly.json", "pyhf/patchset.json")) {
        console.out().println("  " + out.path().resolve(f));
      }
    }
    return observed.converged() && cmp.methods().stream().allMatch(EftComparison.Method::converged);
  }

  private void step(String s) {
    if (!json.on()) {
      console.errLine("[demo] " + s);
    }
  }
}
