package io.sumbin.cli;

import io.sumbin.examples.bench.Benchmarks;
import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.fit.FitOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sumbin bench ...}: timing harnesses (see docs/BENCHMARKS.md). */
@Command(name = "bench", description = "Benchmarks in a warmed-up JVM.", mixinStandardHelpOptions = true,
    subcommands = {BenchCommand.Fit.class, BenchCommand.Fits.class, BenchCommand.Family.class, BenchCommand.Toys.class, BenchCommand.Unbinned.class,
        BenchShapeCommand.class, BenchCommand.ImpactsBench.class})
public final class BenchCommand {

  /**
   * {@code sumbin bench fits DIR}: every workspace of a pyhf reference directory (DIR/workspaces,
   * DIR/reference, DIR/timings.json as in ../shared/pyhf), sumbin's MLE fit time beside pyhf's.
   */
  @Command(name = "fits", description = "Time the MLE fit of every workspace in a pyhf reference directory and compare with pyhf's recorded timings (markdown table or JSON).",
      mixinStandardHelpOptions = true)
  public static final class Fits implements Callable<Integer> {
    @Mixin
    Console console;

    @Parameters(index = "0", paramLabel = "DIR", description = "directory with workspaces/, reference/ and timings.json (e.g. ../shared/pyhf)")
    Path dir;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "30", converter = Converters.Positive.class,
        description = "timed fits per workspace (default ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--warmup-seconds", paramLabel = "S", defaultValue = "2", converter = Converters.NonNegativeDouble.class,
        description = "untimed warm-up per workspace, in seconds (default ${DEFAULT-VALUE})")
    double warmupSeconds;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws java.io.IOException {
      Path wsDir = dir.resolve("workspaces");
      if (!java.nio.file.Files.isDirectory(wsDir)) {
        throw new UserError(dir + ": no workspaces/ directory");
      }
      com.fasterxml.jackson.databind.JsonNode timings = java.nio.file.Files.exists(dir.resolve("timings.json"))
          ? io.sumbin.pyhf.Json.read(dir.resolve("timings.json")).path("workspaces") : CliSupport.F.objectNode();
      java.util.List<Path> files;
      try (java.util.stream.Stream<Path> st = java.nio.file.Files.list(wsDir)) {
        files = st.filter(p -> p.toString().endsWith(".json") && !p.getFileName().toString().equals("INDEX.json")).sorted().toList();
      }
      List<Benchmarks.FitsRow> rows = new ArrayList<>();
      StringBuilder md = new StringBuilder("| workspace | parameters | sumbin median (ms) | pyhf (ms) | speed-up |\n|---|---:|---:|---:|---:|\n");
      console.progress().start("bench fits", files.size(), "workspaces");
      for (Path f : files) {
        String name = f.getFileName().toString().replace(".json", "");
        // pyhf's own test workspaces include settings for parameters the model lacks: read them as pyhf does
        CliSupport.Loaded l = CliSupport.load(f, null, null, io.sumbin.pyhf.WorkspaceIO.Strictness.pyhf(w -> { }));
        Benchmarks.Timing tm = Benchmarks.timeFits(l.model(), l.data(), repeat, warmupSeconds);
        double pyhf = Benchmarks.pyhfFitSeconds(dir, timings, name);
        rows.add(new Benchmarks.FitsRow(tm, name, l.model().nPars(), pyhf, pyhf / tm.medianS()));
        md.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %s | %s |%n", io.sumbin.cli.plot.Plots.cell(name), l.model().nPars(), tm.medianS() * 1e3,
            Double.isFinite(pyhf) ? String.format(Locale.ROOT, "%.1f", pyhf * 1e3) : "–",
            Double.isFinite(pyhf) ? String.format(Locale.ROOT, "%.0f×", pyhf / tm.medianS()) : "–"));
        if (!json.on()) {
          console.errLine("timed " + name);
        }
        console.progress().advance(1);
      }
      console.progress().done();
      if (json.on()) {
        CliSupport.printJson(console.out(), new Benchmarks.Fits(rows));
      } else {
        console.out().print(md);
      }
      return 0;
    }
  }

  /**
   * {@code sumbin bench family}: an Asimov scan over a per-point family of the quadratic toy
   * (default 101 points × 20 bins × 30 nuisance parameters), family built once, JVM warmed up.
   */
  @Command(name = "family", description = "Time an Asimov scan over a per-scan-point family (quadratic toy).", mixinStandardHelpOptions = true)
  public static final class Family implements Callable<Integer> {
    @Mixin
    Console console;

    @Option(names = "--points", paramLabel = "N", defaultValue = "101", converter = Converters.GridSize.class,
        description = "scan points of the family (default ${DEFAULT-VALUE})")
    int points;

    @Option(names = "--bins", paramLabel = "N", defaultValue = "20", converter = Converters.GridSize.class,
        description = "bins per scan point (default ${DEFAULT-VALUE})")
    int bins;

    @Option(names = "--nuisances", paramLabel = "N", defaultValue = "30", converter = Converters.NonNegative.class,
        description = "nuisance parameters (normsys) per point (default ${DEFAULT-VALUE})")
    int nuisances;

    @Mixin
    ThreadsOption threads;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "5", converter = Converters.Positive.class,
        description = "timed scans (default ${DEFAULT-VALUE})")
    int repeat;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
      if (points < 2 || bins < 1 || nuisances < 0 || repeat < 1) {
        throw new UserError("need --points >= 2, --bins >= 1, --nuisances >= 0, --repeat >= 1");
      }
      Benchmarks.Family r = Benchmarks.family(points, bins, nuisances, threads.get(), repeat);
      if (json.on()) {
        CliSupport.printJson(console.out(), r);
      } else {
        console.out().printf(Locale.ROOT, "Asimov family scan, %d points × %d bins × %d nuisance parameters on %d threads: median %.3f s, min %.3f s%n",
            points, bins, nuisances, r.threads(), r.timing().medianS(), r.timing().minS());
      }
      return 0;
    }
  }

  /**
   * {@code sumbin bench unbinned}: one NLL + gradient evaluation of an unbinned model with
   * {@code --events} events and {@code --nuisances} nuisance parameters (each with a per-event
   * shape effect and a normalisation effect), float32 columns, all cores.
   */
  @Command(name = "unbinned", description = "Time NLL + gradient of an unbinned model (default 10^6 events × 50 nuisance parameters).",
      mixinStandardHelpOptions = true)
  public static final class Unbinned implements Callable<Integer> {
    @Mixin
    Console console;

    @Option(names = "--events", paramLabel = "N", defaultValue = "1000000", converter = Converters.Events.class,
        description = "events of the unbinned model (default ${DEFAULT-VALUE})")
    int events;

    @Option(names = "--nuisances", paramLabel = "N", defaultValue = "50", converter = Converters.NonNegative.class,
        description = "nuisance parameters, each with a per-event shape and a normalisation effect (default ${DEFAULT-VALUE})")
    int nuisances;

    @Mixin
    ThreadsOption threads;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "20", converter = Converters.Positive.class,
        description = "timed evaluations (default ${DEFAULT-VALUE})")
    int repeat;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
      if (events < 1 || nuisances < 0 || repeat < 1) {
        throw new UserError("need --events >= 1, --nuisances >= 0, --repeat >= 1");
      }
      Benchmarks.Unbinned r = Benchmarks.unbinned(events, nuisances, threads.get(), repeat);
      if (json.on()) {
        CliSupport.printJson(console.out(), r);
      } else {
        console.out().printf(Locale.ROOT, "unbinned NLL+gradient, %d events × %d nuisance parameters on %d threads: median %.1f ms, min %.1f ms (exact Hessian %.2f s); float32 columns%n",
            events, nuisances, r.threads(), r.timing().medianS() * 1e3, r.timing().minS() * 1e3, r.hessianS());
      }
      return 0;
    }
  }

  /** Largest generated model of {@code bench fit --bins}. */
  static final int MAX_GENERATED_BINS = 1_000_000;

  /**
   * {@code sumbin bench fit WS.json}: the MLE fit alone, after warm-up. {@code --bins N} fits the
   * generated scale benchmark instead ({@link io.sumbin.histmodel.spec.ExampleModels#perBinShapesys}:
   * N bins, a per-bin shapesys, N + 2 parameters).
   */
  @Command(name = "fit", description = "Time the maximum-likelihood fit of a workspace, or of a generated N-bin model with a per-bin shapesys "
      + "(--bins N); model compiled once, JVM warmed up.", mixinStandardHelpOptions = true)
  public static final class Fit implements Callable<Integer> {
    @Mixin
    Console console;

    @Mixin
    StrictOption strict;

    @Parameters(index = "0", arity = "0..1", paramLabel = "WS.json", description = "workspace file (or --bins N)")
    Path workspace;

    @Option(names = "--bins", paramLabel = "N", converter = Converters.Positive.class,
        description = "instead of WS.json: the generated benchmark with N bins and a per-bin shapesys (N <= 1000000)")
    Integer bins;

    @Mixin
    MeasurementOption measurement;

    @Mixin
    FixOption fix;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "50", converter = Converters.Positive.class, description = "timed fits (default ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--warmup-seconds", paramLabel = "S", defaultValue = "3", converter = Converters.NonNegativeDouble.class,
        description = "warm-up time (default ${DEFAULT-VALUE} s)")
    double warmupSeconds;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
      if ((workspace == null) == (bins == null)) {
        throw new UserError("bench fit needs either WS.json or --bins N");
      }
      if (bins != null && bins > MAX_GENERATED_BINS) {
        throw new UserError("--bins " + bins + ": at most " + MAX_GENERATED_BINS);
      }
      CompiledModel m;
      double[] data;
      String name;
      if (bins != null) {
        io.sumbin.histmodel.spec.Workspace ws = io.sumbin.histmodel.spec.ExampleModels.perBinShapesys(bins);
        m = io.sumbin.histmodel.compile.Models.compile(ws, null);
        data = io.sumbin.histmodel.compile.Models.observedData(ws, m);
        name = "perBinShapesys(" + bins + ")";
      } else {
        CliSupport.Loaded l = CliSupport.load(workspace, measurement.name(), null, console.strictness());
        m = l.model();
        data = l.data();
        name = workspace.toString();
      }
      Benchmarks.Fit r = Benchmarks.fit(name, m, data, fix.apply(io.sumbin.histmodel.inference.InferenceProblem.of(m, data)).options(), repeat,
          warmupSeconds);
      if (json.on()) {
        CliSupport.printJson(console.out(), r);
      } else {
        console.out().printf(Locale.ROOT, "fit of %s (%d parameters): median %.3f ms, min %.3f ms over %d fits%n",
            name, m.nPars(), r.timing().medianS() * 1e3, r.timing().minS() * 1e3, repeat);
      }
      if (!r.converged()) {
        throw new NumericalFailure("bench fit of " + name + ": " + r.message());
      }
      return 0;
    }
  }

  /**
   * {@code sumbin bench toys WS.json --ntoys N}: the pseudo-experiments of a toy hypothesis test
   * (N per hypothesis, s+b and b, as pyhf's {@code hypotest(..., calctype="toybased", ntoys=N)}),
   * after a warm-up with another seed; {@code toys_per_second} counts pseudo-experiments (2N), each
   * one generated and fitted twice (free and conditional).
   */
  @Command(name = "toys", description = "Time the pseudo-experiments of a toy hypothesis test (N per hypothesis) on all cores.",
      mixinStandardHelpOptions = true)
  public static final class Toys implements Callable<Integer> {
    @Mixin
    Console console;

    @Mixin
    StrictOption strict;

    @Parameters(index = "0", paramLabel = "WS.json", description = "workspace file")
    Path workspace;

    @Option(names = "--ntoys", paramLabel = "N", defaultValue = "1000", converter = Converters.Toys.class,
        description = "toys per hypothesis (default ${DEFAULT-VALUE})")
    int ntoys;

    @Option(names = "--poi-value", paramLabel = "V", defaultValue = "1", description = "tested POI value, within its bounds (default ${DEFAULT-VALUE})")
    double poiValue;

    @Option(names = "--test-stat", paramLabel = "qtilde|q|q0", defaultValue = "qtilde", description = "test statistic (default ${DEFAULT-VALUE})")
    io.sumbin.histmodel.infer.TestStatistic testStat;

    @Mixin
    SeedOption seedOption;

    @Mixin
    ThreadsOption threads;

    @Option(names = "--warmup-seconds", paramLabel = "S", defaultValue = "3", converter = Converters.NonNegativeDouble.class,
        description = "warm-up time (default ${DEFAULT-VALUE} s)")
    double warmupSeconds;

    @Mixin
    MeasurementOption measurement;

    @Mixin
    FixOption fix;

    @Option(names = "--robust-fits", description = "fit each toy from two starts and keep the lower minima (about 2x slower; for likelihoods with several local minima)")
    boolean robustFits;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
      io.sumbin.histmodel.infer.TestStatistic ts = CliSupport.requireStatistic(testStat, "bench toys",
          io.sumbin.histmodel.infer.TestStatistic.QTILDE, io.sumbin.histmodel.infer.TestStatistic.Q,
          io.sumbin.histmodel.infer.TestStatistic.Q0);
      int nt = threads.get();
      long seed = seedOption.orElse(1);
      CliSupport.Loaded l = CliSupport.load(workspace, measurement.name(), null, console.strictness());
      CompiledModel m = l.model();
      io.sumbin.histmodel.inference.InferenceProblem p = fix.apply(l.problem());
      int poi = p.requireFreePoi("a hypothesis test");
      if (ts.fixedMu().isEmpty()) {
        p.requireWithin(poi, poiValue, "--poi-value");
      }
      FitOptions o = p.options().withUncertainties(false);
      Benchmarks.Toys r = Benchmarks.toys(workspace.toString(), m, l.data(), o, ts, poiValue, ntoys, seed, nt, robustFits, warmupSeconds);
      if (json.on()) {
        CliSupport.printJson(console.out(), r);
      } else {
        console.out().printf(Locale.ROOT, "%d toys per hypothesis of %s (%d parameters): %.2f s on %d threads, %.1f toys/s (%.3f ms per toy per thread), %d failed%n",
            ntoys, workspace, m.nPars(), r.seconds(), nt, r.toysPerSecond(), r.msPerToyPerThread(), r.failed());
      }
      return 0;
    }
  }

  /**
   * {@code sumbin bench impacts WS.json}: the impacts of every nuisance parameter (4 refits each) in a
   * warmed-up JVM on {@code --threads} threads, beside pyhf's cost estimate (4 × parameters + 1 fits at
   * its recorded MLE time, {@code --pyhf-timings}).
   */
  @Command(name = "impacts", description = "Time the impacts of every nuisance parameter (4 refits each) and compare with "
      + "(4 × NPs + 1) × pyhf's recorded MLE time.", mixinStandardHelpOptions = true)
  public static final class ImpactsBench implements Callable<Integer> {
    @Mixin
    Console console;

    @Mixin
    StrictOption strict;

    @Parameters(index = "0", paramLabel = "WS.json", description = "workspace file")
    Path workspace;

    @Mixin
    ThreadsOption threads;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "10", converter = Converters.Positive.class,
        description = "timed runs (default ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--warmup-seconds", paramLabel = "S", defaultValue = "3", converter = Converters.NonNegativeDouble.class,
        description = "warm-up time (default ${DEFAULT-VALUE} s)")
    double warmupSeconds;

    @Option(names = "--pyhf-timings", paramLabel = "timings.json", description = "pyhf's recorded timings (e.g. ../shared/pyhf/timings.json)")
    Path pyhfTimings;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
      CliSupport.Loaded l = CliSupport.load(workspace, null, null, console.strictness());
      CompiledModel m = l.model();
      if (m.poiIndex() < 0) {
        throw new UserError(workspace + ": the model has no POI; impacts need one");
      }
      String name = workspace.getFileName().toString().replace(".json", "");
      double pyhf = Double.NaN;
      if (pyhfTimings != null) {
        pyhf = io.sumbin.pyhf.Json.read(pyhfTimings).path("workspaces").path(name).path("ops").path("mle_fit").path("median_s")
            .asDouble(Double.NaN);
      }
      Benchmarks.Impacts r = Benchmarks.impacts(name, m, l.data(), FitOptions.suggested(m), threads.get(), repeat,
          warmupSeconds, pyhf);
      if (json.on()) {
        CliSupport.printJson(console.out(), r);
      } else {
        console.out().printf(Locale.ROOT, "impacts of %s: %d nuisance parameters, %d refits on %d threads: median %.3f s (min %.3f s, "
            + "CPU %.3f s); pyhf estimate %.1f s (%d fits × %.3f s), %.0f× faster%n", name, r.nuisances(), r.refits(), r.threads(),
            r.timing().medianS(), r.timing().minS(), r.cpuMedianS(), r.pyhfEstimateS(), r.refits() + 1, r.pyhfMleS(), r.speedup());
      }
      return 0;
    }
  }
}
