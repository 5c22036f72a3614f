package io.sumbin.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.fit.FitOptions;
import io.sumbin.histmodel.fit.FitResult;
import io.sumbin.histmodel.fit.Fitter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sumbin bench ...}: timing harnesses (see docs/BENCHMARKS.md). */
@Command(name = "bench", description = "Benchmarks in a warmed-up JVM.", mixinStandardHelpOptions = true,
    subcommands = {BenchCommand.Fit.class, BenchCommand.Fits.class, BenchCommand.Family.class, BenchCommand.Toys.class, BenchCommand.Unbinned.class})
public final class BenchCommand {

  /** Timing summary of repeated runs. */
  record Timing(double medianS, double minS, int repeats) {
    static Timing of(double[] seconds) {
      double[] s = seconds.clone();
      Arrays.sort(s);
      int n = s.length;
      double med = n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
      return new Timing(med, s[0], n);
    }

    ObjectNode json() {
      ObjectNode o = CliSupport.F.objectNode();
      o.put("median_s", medianS);
      o.put("min_s", minS);
      o.put("repeats", repeats);
      return o;
    }
  }

  /** Times fits of one model: warm-up for {@code warmupSeconds} (at least 5 fits), then {@code repeat} timed fits. */
  static Timing timeFits(Fitter fitter, double[] data, FitOptions o, int repeat, double warmupSeconds) {
    long until = System.nanoTime() + (long) (warmupSeconds * 1e9);
    int warm = 0;
    while (System.nanoTime() < until || warm < 5) {
      fitter.fit(data, o);
      warm++;
    }
    double[] t = new double[repeat];
    for (int i = 0; i < repeat; i++) {
      long t0 = System.nanoTime();
      fitter.fit(data, o);
      t[i] = (System.nanoTime() - t0) / 1e9;
    }
    return Timing.of(t);
  }

  /**
   * {@code sumbin bench fits DIR}: every workspace of a pyhf reference directory (DIR/workspaces,
   * DIR/reference, DIR/timings.json as in ../shared/pyhf), sumbin's MLE fit time beside pyhf's.
   */
  @Command(name = "fits", description = "Time the MLE fit of every workspace in a pyhf reference directory and compare with pyhf's recorded timings (markdown table or JSON).",
      mixinStandardHelpOptions = true)
  public static final class Fits implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "directory with workspaces/, reference/ and timings.json (e.g. ../shared/pyhf)")
    Path dir;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "30", converter = Converters.Positive.class)
    int repeat;

    @Option(names = "--warmup-seconds", paramLabel = "S", defaultValue = "2", converter = Converters.NonNegativeDouble.class)
    double warmupSeconds;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

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
      com.fasterxml.jackson.databind.node.ArrayNode rows = CliSupport.F.arrayNode();
      StringBuilder md = new StringBuilder("| workspace | parameters | sumbin median (ms) | pyhf (ms) | speed-up |\n|---|---:|---:|---:|---:|\n");
      for (Path f : files) {
        String name = f.getFileName().toString().replace(".json", "");
        // pyhf's own test workspaces include settings for parameters the model lacks: read them as pyhf does
        CliSupport.Loaded l = CliSupport.load(f, null, null, io.sumbin.pyhf.WorkspaceIO.Strictness.lenient(w -> { }));
        Timing tm = timeFits(new Fitter(l.model()), l.data(), FitOptions.suggested(l.model()), repeat, warmupSeconds);
        double pyhf = Double.NaN;
        com.fasterxml.jackson.databind.JsonNode op = timings.path(name).path("ops").path("mle_fit").path("median_s");
        if (op.isNumber()) {
          pyhf = op.asDouble();
        } else {
          Path ref = dir.resolve("reference").resolve(name + ".json");
          if (java.nio.file.Files.exists(ref)) {
            com.fasterxml.jackson.databind.JsonNode t = io.sumbin.pyhf.Json.read(ref).path("timing_s").path("mle_fit");
            if (t.isNumber()) {
              pyhf = t.asDouble();
            }
          }
        }
        ObjectNode row = tm.json();
        row.put("workspace", name);
        row.put("npars", l.model().nPars());
        CliSupport.put(row, "pyhf_s", pyhf);
        CliSupport.put(row, "speedup", pyhf / tm.medianS());
        rows.add(row);
        md.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %s | %s |%n", name, l.model().nPars(), tm.medianS() * 1e3,
            Double.isFinite(pyhf) ? String.format(Locale.ROOT, "%.1f", pyhf * 1e3) : "–",
            Double.isFinite(pyhf) ? String.format(Locale.ROOT, "%.0f×", pyhf / tm.medianS()) : "–"));
        if (!json) {
          Main.err().println("timed " + name);
        }
      }
      if (json) {
        ObjectNode out = CliSupport.F.objectNode();
        out.set("workspaces", rows);
        CliSupport.printJson(Main.out(), out);
      } else {
        Main.out().print(md);
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
    @Option(names = "--points", defaultValue = "101", converter = Converters.GridSize.class)
    int points;

    @Option(names = "--bins", defaultValue = "20", converter = Converters.GridSize.class)
    int bins;

    @Option(names = "--nuisances", defaultValue = "30", converter = Converters.NonNegative.class)
    int nuisances;

    @Mixin
    ThreadsOption threads;

    @Option(names = "--repeat", defaultValue = "5", converter = Converters.Positive.class)
    int repeat;

    @Option(names = "--json")
    boolean json;

    @Override
    public Integer call() {
      if (points < 2 || bins < 1 || nuisances < 0 || repeat < 1) {
        throw new UserError("need --points >= 2, --bins >= 1, --nuisances >= 0, --repeat >= 1");
      }
      int nt = threads.get();
      io.sumbin.examples.toys.QuadraticToy toy = new io.sumbin.examples.toys.QuadraticToy(1000, 500, bins, nuisances);
      io.sumbin.histmodel.family.ModelFamily fam = toy.family(-1, 1, points, t -> toy.expected(t, 0.2)).asimov(new double[] {0.2});
      for (int w = 0; w < 3; w++) {
        fam.scan(nt);
      }
      double[] t = new double[repeat];
      io.sumbin.histmodel.family.FamilyScan last = null;
      for (int i = 0; i < repeat; i++) {
        long t0 = System.nanoTime();
        last = fam.scan(nt);
        t[i] = (System.nanoTime() - t0) / 1e9;
      }
      Timing tm = Timing.of(t);
      if (json) {
        ObjectNode out = tm.json();
        out.put("points", points);
        out.put("bins", bins);
        out.put("nuisances", nuisances);
        out.put("threads", nt);
        out.put("converged", last.converged());
        CliSupport.printJson(Main.out(), out);
      } else {
        Main.out().printf(Locale.ROOT, "Asimov family scan, %d points × %d bins × %d nuisance parameters on %d threads: median %.3f s, min %.3f s%n",
            points, bins, nuisances, nt, tm.medianS(), tm.minS());
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
    @Option(names = "--events", defaultValue = "1000000", converter = Converters.Events.class)
    int events;

    @Option(names = "--nuisances", defaultValue = "50", converter = Converters.NonNegative.class)
    int nuisances;

    @Mixin
    ThreadsOption threads;

    @Option(names = "--repeat", defaultValue = "20", converter = Converters.Positive.class)
    int repeat;

    @Option(names = "--json")
    boolean json;

    @Override
    public Integer call() {
      if (events < 1 || nuisances < 0 || repeat < 1) {
        throw new UserError("need --events >= 1, --nuisances >= 0, --repeat >= 1");
      }
      int nt = threads.get();
      io.sumbin.histmodel.unbinned.UnbinnedModel m = io.sumbin.examples.toys.UnbinnedToys.benchmarkModel(events, nuisances, nt, 7);
      double[] x = m.suggestedInit();
      x[0] = 0.3;
      double[] data = m.unitData();
      io.sumbin.histmodel.unbinned.UnbinnedObjective o = m.objective(data);
      double[] g = new double[m.nPars()];
      for (int w = 0; w < 5; w++) {
        o.valueAndGradient(x, g);
      }
      double[] t = new double[repeat];
      for (int i = 0; i < repeat; i++) {
        long t0 = System.nanoTime();
        o.valueAndGradient(x, g);
        t[i] = (System.nanoTime() - t0) / 1e9;
      }
      Timing tm = Timing.of(t);
      long h0 = System.nanoTime();
      double[] h = new double[m.nPars() * m.nPars()];
      o.hessian(x, h);
      double hessS = (System.nanoTime() - h0) / 1e9;
      if (json) {
        ObjectNode out = tm.json();
        out.put("events", events);
        out.put("nuisances", nuisances);
        out.put("threads", nt);
        out.put("float_columns", io.sumbin.examples.toys.UnbinnedToys.floatColumns(m));
        out.put("bytes_per_event_per_column", 4);
        out.put("hessian_s", hessS);
        CliSupport.printJson(Main.out(), out);
      } else {
        Main.out().printf(Locale.ROOT, "unbinned NLL+gradient, %d events × %d nuisance parameters on %d threads: median %.1f ms, min %.1f ms (exact Hessian %.2f s); float32 columns%n",
            events, nuisances, nt, tm.medianS() * 1e3, tm.minS() * 1e3, hessS);
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
    @Parameters(index = "0", arity = "0..1", paramLabel = "WS.json")
    Path workspace;

    @Option(names = "--bins", paramLabel = "N", converter = Converters.Positive.class,
        description = "instead of WS.json: the generated benchmark with N bins and a per-bin shapesys (N <= 1000000)")
    Integer bins;

    @Option(names = "--measurement", paramLabel = "M")
    String measurement;

    @Mixin
    FixOption fix;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "50", converter = Converters.Positive.class, description = "timed fits (default ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--warmup-seconds", paramLabel = "S", defaultValue = "3", converter = Converters.NonNegativeDouble.class,
        description = "warm-up time (default ${DEFAULT-VALUE} s)")
    double warmupSeconds;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

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
        CliSupport.Loaded l = CliSupport.load(workspace, measurement, null);
        m = l.model();
        data = l.data();
        name = workspace.toString();
      }
      FitOptions o = fix.apply(m, FitOptions.suggested(m));
      Fitter fitter = new Fitter(m);
      Timing tm = timeFits(fitter, data, o, repeat, warmupSeconds);
      FitResult last = fitter.fit(data, o);
      if (json) {
        ObjectNode out = tm.json();
        out.put("workspace", name);
        out.put("npars", m.nPars());
        out.put("bins", m.nMain());
        out.put("local_parameters", m.blockStructure().nLocal());
        out.put("hessian_form", new io.sumbin.histmodel.fit.BoundedNewtonMinimizer(m.nPars())
            .usesBlocks(m.objective(data)) ? "block" : "dense");
        CliSupport.put(out, "twice_nll", last.twiceNll());
        out.put("converged", last.converged());
        CliSupport.printJson(Main.out(), out);
      } else {
        Main.out().printf(Locale.ROOT, "fit of %s (%d parameters): median %.3f ms, min %.3f ms over %d fits%n",
            name, m.nPars(), tm.medianS() * 1e3, tm.minS() * 1e3, repeat);
      }
      if (!last.converged()) {
        throw new NumericalFailure("bench fit of " + name + ": " + last.message());
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
    @Parameters(index = "0", paramLabel = "WS.json")
    Path workspace;

    @Option(names = "--ntoys", paramLabel = "N", defaultValue = "1000", converter = Converters.Toys.class,
        description = "toys per hypothesis (default ${DEFAULT-VALUE})")
    int ntoys;

    @Option(names = "--poi-value", paramLabel = "V", defaultValue = "1", description = "tested POI value, within its bounds (default ${DEFAULT-VALUE})")
    double poiValue;

    @Option(names = "--test-stat", paramLabel = "qtilde|q|q0", defaultValue = "qtilde")
    io.sumbin.histmodel.infer.TestStatistic testStat;

    @Mixin
    SeedOption seedOption;

    @Mixin
    ThreadsOption threads;

    @Option(names = "--warmup-seconds", paramLabel = "S", defaultValue = "3", converter = Converters.NonNegativeDouble.class,
        description = "warm-up time (default ${DEFAULT-VALUE} s)")
    double warmupSeconds;

    @Option(names = "--measurement", paramLabel = "M")
    String measurement;

    @Mixin
    FixOption fix;

    @Option(names = "--robust-fits", description = "fit each toy from two starts and keep the lower minima (about 2x slower; for likelihoods with several local minima)")
    boolean robustFits;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Override
    public Integer call() {
      io.sumbin.histmodel.infer.TestStatistic ts = CliSupport.requireStatistic(testStat, "bench toys",
          io.sumbin.histmodel.infer.TestStatistic.QTILDE, io.sumbin.histmodel.infer.TestStatistic.Q,
          io.sumbin.histmodel.infer.TestStatistic.Q0);
      int nt = threads.get();
      long seed = seedOption.orElse(1);
      CliSupport.Loaded l = CliSupport.load(workspace, measurement, null);
      CompiledModel m = l.model();
      if (m.poiIndex() < 0) {
        throw new UserError(workspace + ": measurement '" + l.measurement() + "' has no POI; toys need one");
      }
      FitOptions o = fix.apply(m, FitOptions.suggested(m)).withUncertainties(false);
      if (o.fixed()[m.poiIndex()]) {
        throw new UserError("the POI '" + m.poiName() + "' cannot be fixed in a hypothesis test");
      }
      if (ts != io.sumbin.histmodel.infer.TestStatistic.Q0) {
        CliSupport.requireWithinBounds(o, m, m.poiIndex(), poiValue, "--poi-value");
      }
      var settings = new io.sumbin.histmodel.infer.toys.ToySettings(ntoys, seed, nt, io.sumbin.histmodel.infer.toys.Shard.ALL, robustFits);
      var calc = new io.sumbin.histmodel.infer.toys.ToyCalculator(m, l.data(), o, ts, settings);
      var ens = calc.ensembles(poiValue);
      var both = List.of(ens.sb(), ens.b());
      long until = System.nanoTime() + (long) (warmupSeconds * 1e9);
      int warm = 0;
      do {
        io.sumbin.histmodel.infer.toys.ToyRunner.run(both, settings.withNtoys(Math.max(4, 4 * nt)).withSeed(seed + 7919 + warm));
        warm++;
      } while (System.nanoTime() < until);
      long t0 = System.nanoTime();
      var res = io.sumbin.histmodel.infer.toys.ToyRunner.run(both, settings);
      double sec = (System.nanoTime() - t0) / 1e9;
      int failed = 0;
      for (var list : res) {
        for (var r : list) {
          failed += r.usable() ? 0 : 1;
        }
      }
      double pe = 2.0 * ntoys;
      if (json) {
        ObjectNode out = CliSupport.F.objectNode();
        out.put("workspace", workspace.toString());
        out.put("npars", m.nPars());
        out.put("ntoys", ntoys);
        out.put("pseudo_experiments", (long) pe);
        out.put("threads", nt);
        out.put("seconds", sec);
        out.put("toys_per_second", pe / sec);
        out.put("ms_per_toy_per_thread", 1e3 * sec * nt / pe);
        out.put("failed", failed);
        CliSupport.printJson(Main.out(), out);
      } else {
        Main.out().printf(Locale.ROOT, "%d toys per hypothesis of %s (%d parameters): %.2f s on %d threads, %.1f toys/s (%.3f ms per toy per thread), %d failed%n",
            ntoys, workspace, m.nPars(), sec, nt, pe / sec, 1e3 * sec * nt / pe, failed);
      }
      return 0;
    }
  }
}
