package io.sumbin.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sumbin.eft.ComparisonJson;
import io.sumbin.eft.EftComparison;
import io.sumbin.eft.EftEvents;
import io.sumbin.eft.VbfFeatures;
import io.sumbin.cli.plot.ComparisonPlots;
import io.sumbin.pyhf.Json;
import io.sumbin.summaries.FeatureSymmetry;
import io.sumbin.summaries.TrainingSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sumbin vbf TRAIN.lhe.gz... [--test TEST.lhe.gz...]}: the VBF-Higgs SMEFT analysis — per Wilson
 * coefficient, the five-way comparison of {@link EftComparison} (m_jj histogram, learned per-point observable,
 * event2vec, unbinned learned, unbinned truth) beside the best classical 1-D and 2-D histograms, every Fisher
 * information debiased and with its jackknife error. With {@code --test} the networks train on the first files
 * and every method is evaluated on the test files only; without it a seeded split of the files is used.
 */
@Command(name = "vbf", description = "VBF-Higgs SMEFT analysis on LHE files: learned summaries vs the best classical histograms vs the unbinned truth, per Wilson coefficient.",
    mixinStandardHelpOptions = true)
public final class VbfCommand implements Callable<Integer> {
  @Mixin
  Console console;

  @Mixin
  StrictOption strict;

  /** Observables the networks see (parton level). */
  public static final List<String> FEATURES = VbfFeatures.FEATURES;

  /** The CP-even mirror symmetries of VBF Higgs production ({@link VbfFeatures#CP_EVEN_SYMMETRY}). */
  public static final FeatureSymmetry CP_EVEN_SYMMETRY = VbfFeatures.CP_EVEN_SYMMETRY;

  @Parameters(paramLabel = "FILE", arity = "1..*",
      description = "training files (with --test), or all files: .lhe[.gz], .parquet, .csv[.gz] or MadMiner .h5")
  List<Path> files;

  @Option(names = "--test", arity = "1..*", paramLabel = "TEST", description = "evaluate on these files only (held out from training)")
  List<Path> testFiles;

  @Option(names = "--coefficients", split = ",", paramLabel = "C", description = "coefficients to study (default: all)")
  List<String> coefficients;

  @Option(names = "--lumi", paramLabel = "FB", defaultValue = "300", converter = Converters.Luminosity.class,
      description = "fb⁻¹, in (0, 1e6] (default ${DEFAULT-VALUE})")
  double lumi;

  @Option(names = "--bins", paramLabel = "N", defaultValue = "10", converter = Converters.GridSize.class,
      description = "bins per scan point, 2..10000 (default ${DEFAULT-VALUE})")
  int bins;

  @Option(names = "--epochs", paramLabel = "N", defaultValue = "40", converter = Converters.Positive.class,
      description = "maximum training epochs per network (default ${DEFAULT-VALUE})")
  int epochs;

  @Option(names = "--train-fraction", paramLabel = "F", defaultValue = "0.667", converter = Converters.OpenUnit.class,
      description = "training fraction without --test, in (0, 1) (default ${DEFAULT-VALUE})")
  double trainFraction;

  @Mixin
  SeedOption seed;

  /** Parallel trainings (default: all cores). */
  @Mixin
  ThreadsOption threads;

  @Option(names = "--symmetry", description = "train on the CP-even mirror images too (η → −η, Δφ_jj → −Δφ_jj) and average "
      + "predictions over them (about twice the training time)")
  boolean symmetry;

  @Option(names = "--out", paramLabel = "DIR", description = "write vbf.md, vbf.json and per-coefficient plots here "
      + "(checked before any work; written only when the run succeeds)")
  Converters.OutputDir out;

  @Mixin
  JsonOption json;

  @Override
  public Integer call() throws IOException {
    long t0 = System.nanoTime();
    List<Path> all = new ArrayList<>(files);
    if (testFiles != null) {
      all.addAll(testFiles);
    }
    for (Path f : all) {
      if (!Files.isRegularFile(f)) {
        throw new UserError(f + ": no such file");
      }
    }
    if (bins < 2) {
      throw new UserError("--bins must be at least 2, got " + bins);
    }
    EftEvents train = load(files);
    EftEvents test = testFiles == null ? null : load(testFiles);
    if (test != null && !test.coefficients().equals(train.coefficients())) {
      throw new UserError(testFiles.get(0) + ": coefficients " + test.coefficients() + " differ from the training files' "
          + train.coefficients());
    }
    List<String> coeffs = coefficients == null ? train.coefficients() : coefficients;
    for (String c : coeffs) {
      if (!train.coefficients().contains(c)) {
        throw new UserError("--coefficients: unknown '" + c + "' (the files have " + train.coefficients() + ")");
      }
    }
    // everything is written into a staging directory beside --out and moved into place only on success
    try (Outputs.Staged stage = out == null ? null : Outputs.stage(out.path())) {
      return run(t0, train, test, coeffs, stage);
    }
  }

  private int run(long t0, EftEvents train, EftEvents test, List<String> coeffs, Outputs.Staged stage) throws IOException {
    Path dir = stage == null ? null : stage.dir();
    int nThreads = threads.get();
    TrainingSettings ts = TrainingSettings.DEFAULT.withSeed(seed.orElse(1)).withMaxEpochs(epochs)
        .withProgress(console.progress());
    List<EftComparison.Result> results = new ArrayList<>();
    console.progress().start("vbf", coeffs.size(), "coefficients");
    for (String c : coeffs) {
      long tc = System.nanoTime();
      EftComparison.Settings s = EftComparison.Settings.builder(c, FEATURES).luminosityFb(lumi).histogramColumn("m_jj")
          .bins(bins).trainFraction(trainFraction).training(ts).threads(nThreads).symmetry(symmetry ? CP_EVEN_SYMMETRY : null)
          .build();
      EftComparison.Result r = test == null ? EftComparison.run(train, s) : EftComparison.run(train, test, s, null);
      results.add(r);
      if (!json.on()) {
        console.errLine(String.format(Locale.ROOT, "[vbf] %s: Fisher information per fb⁻¹: learned %s, %s histogram %s, best 2-D %s (%.0f s)", c,
            pm(r.method(EftComparison.LEARNED_BINNED).information().times(1 / lumi)), "m_jj",
            pm(r.method(EftComparison.HISTOGRAM).information().times(1 / lumi)), pm(r.baselines().best2d().fisher().times(1 / lumi)),
            (System.nanoTime() - tc) / 1e9));
      }
      for (String f : ComparisonJson.flags(r)) {
        console.errLine("warning: " + f);
      }
      if (dir != null) {
        ComparisonPlots.curves(r, dir.resolve("vbf_" + c + ".png"), "VBF H: expected t(" + c + ") at the SM");
      }
      console.progress().advance(1);
    }
    console.progress().done();
    String table = ComparisonJson.table(results, lumi, bins);
    ComparisonJson.VbfRun run = ComparisonJson.VbfRun.builder()
        .events(train.size() + (test == null ? 0 : test.size()))
        .trainEvents(test == null ? results.get(0).trainEvents() : train.size())
        .testEvents(results.get(0).testEvents())
        .trainFiles(names(files))
        .testFiles(testFiles == null ? List.of() : names(testFiles))
        .heldOut(test != null)
        .luminosityFb(lumi)
        .bins(bins)
        .symmetry(symmetry)
        .build();
    ObjectNode o = ComparisonJson.vbf(run, results, (System.nanoTime() - t0) / 1e9);
    if (dir != null) {
      Json.writeAtomically(dir.resolve("vbf.md"), table);
      Json.writeAtomically(dir.resolve("vbf.json"), Json.pretty(o));
      stage.commit();
    }
    if (json.on()) {
      CliSupport.printJson(console.out(), o);
    } else {
      console.out().print(table);
    }
    return 0;
  }

  private EftEvents load(List<Path> fs) {
    EftEvents ev = EftEvents.read(fs);
    for (String f : FEATURES) {
      if (!ev.table().hasColumn(f)) {
        throw new UserError(fs.get(0) + ": no column '" + f + "' — not a VBF-Higgs sample?");
      }
    }
    return ev;
  }

  private static List<String> names(List<Path> ps) {
    return ps.stream().map(Path::toString).toList();
  }

  private static String pm(io.sumbin.eft.FisherInformation.Estimate e) {
    return String.format(Locale.ROOT, "%.4g ± %.2g", e.value(), e.error());
  }
}
