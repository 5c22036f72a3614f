package io.sumbin.examples.bench;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import io.sumbin.examples.toys.QuadraticToy;
import io.sumbin.examples.toys.UnbinnedToys;
import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.family.FamilyScan;
import io.sumbin.histmodel.family.ModelFamily;
import io.sumbin.histmodel.fit.BoundedNewtonMinimizer;
import io.sumbin.histmodel.fit.FitOptions;
import io.sumbin.histmodel.fit.FitResult;
import io.sumbin.histmodel.fit.Fitter;
import io.sumbin.histmodel.infer.TestStatistic;
import io.sumbin.histmodel.infer.toys.Shard;
import io.sumbin.histmodel.infer.toys.ToyCalculator;
import io.sumbin.histmodel.infer.toys.ToyRunner;
import io.sumbin.histmodel.infer.toys.ToySettings;
import io.sumbin.histmodel.unbinned.UnbinnedModel;
import io.sumbin.histmodel.unbinned.UnbinnedObjective;
import io.sumbin.pyhf.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The timing harnesses behind {@code sumbin bench} (docs/BENCHMARKS.md): each warms the JVM up, times
 * repeated runs and returns a record whose JSON (field names below) is what {@code --json} prints.
 */
public final class Benchmarks {
  private Benchmarks() {}

  /** Median and minimum of repeated runs, in seconds. */
  public record Timing(@JsonProperty("median_s") double medianS, @JsonProperty("min_s") double minS, int repeats) {
    /** The summary of the given run times. */
    public static Timing of(double[] seconds) {
      double[] s = seconds.clone();
      Arrays.sort(s);
      int n = s.length;
      double med = n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
      return new Timing(med, s[0], n);
    }
  }

  /** Times fits of {@code model} with its suggested options (see {@link #timeFits(Fitter, double[], FitOptions, int, double)}). */
  public static Timing timeFits(io.sumbin.histmodel.likelihood.LikelihoodModel model, double[] data, int repeat, double warmupSeconds) {
    return timeFits(new Fitter(model), data, FitOptions.suggested(model), repeat, warmupSeconds);
  }

  /** Times fits of one model: warm-up for {@code warmupSeconds} (at least 5 fits), then {@code repeat} timed fits. */
  public static Timing timeFits(Fitter fitter, double[] data, FitOptions o, int repeat, double warmupSeconds) {
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

  /** {@code bench fit}: one model's MLE fit, with how its Hessian is handled. */
  public record Fit(@JsonUnwrapped Timing timing, String workspace, int npars, int bins,
      @JsonProperty("local_parameters") int localParameters, @JsonProperty("hessian_form") String hessianForm,
      @JsonProperty("twice_nll") double twiceNll, boolean converged, @JsonIgnore String message) {}

  /** Times the MLE fit of {@code m} on {@code data}; the last fit's result is reported. */
  public static Fit fit(String name, CompiledModel m, double[] data, FitOptions o, int repeat, double warmupSeconds) {
    Fitter fitter = new Fitter(m);
    Timing tm = timeFits(fitter, data, o, repeat, warmupSeconds);
    FitResult last = fitter.fit(data, o);
    String form = new BoundedNewtonMinimizer(m.nPars()).usesBlocks(m.objective(data)) ? "block" : "dense";
    return new Fit(tm, name, m.nPars(), m.nMain(), m.blockStructure().nLocal(), form, last.twiceNll(), last.converged(),
        last.message());
  }

  /** One workspace of {@code bench fits}: sumbin's fit time beside pyhf's recorded one. */
  public record FitsRow(@JsonUnwrapped Timing timing, String workspace, int npars, @JsonProperty("pyhf_s") double pyhfS,
      double speedup) {}

  /** {@code bench fits}: every workspace of a pyhf reference directory. */
  public record Fits(List<FitsRow> workspaces) {}

  /**
   * pyhf's recorded MLE fit time of workspace {@code name}: {@code timings.json} first, then the
   * reference file's {@code timing_s}; NaN when neither has it.
   */
  public static double pyhfFitSeconds(Path dir, JsonNode timings, String name) {
    JsonNode op = timings.path(name).path("ops").path("mle_fit").path("median_s");
    if (op.isNumber()) {
      return op.asDouble();
    }
    Path ref = dir.resolve("reference").resolve(name + ".json");
    if (Files.exists(ref)) {
      JsonNode t = Json.read(ref).path("timing_s").path("mle_fit");
      if (t.isNumber()) {
        return t.asDouble();
      }
    }
    return Double.NaN;
  }

  /** {@code bench family}: an Asimov scan over a per-point family of the quadratic toy. */
  public record Family(@JsonUnwrapped Timing timing, int points, int bins, int nuisances, int threads, boolean converged) {}

  /** Times the Asimov scan of a {@code points}-point family (θ = 0.2) of the quadratic toy, family built once. */
  public static Family family(int points, int bins, int nuisances, int threads, int repeat) {
    QuadraticToy toy = new QuadraticToy(1000, 500, bins, nuisances);
    ModelFamily fam = toy.family(-1, 1, points, t -> toy.expected(t, 0.2)).asimov(new double[] {0.2});
    for (int w = 0; w < 3; w++) {
      fam.scan(threads);
    }
    double[] t = new double[repeat];
    FamilyScan last = null;
    for (int i = 0; i < repeat; i++) {
      long t0 = System.nanoTime();
      last = fam.scan(threads);
      t[i] = (System.nanoTime() - t0) / 1e9;
    }
    return new Family(Timing.of(t), points, bins, nuisances, threads, last.converged());
  }

  /** {@code bench unbinned}: NLL + gradient of an unbinned model, and one exact Hessian. */
  public record Unbinned(@JsonUnwrapped Timing timing, int events, int nuisances, int threads,
      @JsonProperty("float_columns") int floatColumns,
      @JsonProperty("bytes_per_event_per_column") int bytesPerEventPerColumn, @JsonProperty("hessian_s") double hessianS) {}

  /** Times NLL + gradient of the benchmark unbinned model ({@link UnbinnedToys#benchmarkModel}). */
  public static Unbinned unbinned(int events, int nuisances, int threads, int repeat) {
    try (UnbinnedModel m = UnbinnedToys.benchmarkModel(events, nuisances, threads, 7)) {
      double[] x = m.suggestedInit();
      x[0] = 0.3;
      UnbinnedObjective o = m.objective(m.unitData());
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
      long h0 = System.nanoTime();
      o.hessian(x, new double[m.nPars() * m.nPars()]);
      double hessS = (System.nanoTime() - h0) / 1e9;
      return new Unbinned(Timing.of(t), events, nuisances, threads, UnbinnedToys.floatColumns(m), 4, hessS);
    }
  }

  /** {@code bench toys}: the pseudo-experiments of one toy hypothesis test (s+b and b). */
  public record Toys(String workspace, int npars, int ntoys, @JsonProperty("pseudo_experiments") long pseudoExperiments,
      int threads, double seconds, @JsonProperty("toys_per_second") double toysPerSecond,
      @JsonProperty("ms_per_toy_per_thread") double msPerToyPerThread, int failed) {}

  /**
   * Times {@code ntoys} toys per hypothesis at POI = {@code poiValue} after a warm-up of
   * {@code warmupSeconds} with other seeds; each pseudo-experiment is generated and fitted twice.
   */
  public static Toys toys(String name, CompiledModel m, double[] data, FitOptions o, TestStatistic ts, double poiValue,
      int ntoys, long seed, int threads, boolean robustFits, double warmupSeconds) {
    ToySettings settings = new ToySettings(ntoys, seed, threads, Shard.ALL, robustFits);
    var ens = new ToyCalculator(m, data, o, ts, settings).ensembles(poiValue);
    var both = List.of(ens.sb(), ens.b());
    long until = System.nanoTime() + (long) (warmupSeconds * 1e9);
    int warm = 0;
    do {
      ToyRunner.run(both, settings.withNtoys(Math.max(4, 4 * threads)).withSeed(seed + 7919 + warm));
      warm++;
    } while (System.nanoTime() < until);
    long t0 = System.nanoTime();
    var res = ToyRunner.run(both, settings);
    double sec = (System.nanoTime() - t0) / 1e9;
    int failed = 0;
    for (var list : res) {
      for (var r : list) {
        failed += r.usable() ? 0 : 1;
      }
    }
    double pe = 2.0 * ntoys;
    return new Toys(name, m.nPars(), ntoys, (long) pe, threads, sec, pe / sec, 1e3 * sec * threads / pe, failed);
  }

  /**
   * {@code bench impacts}: the impacts of every nuisance parameter (4 refits each, warm-started, one unit of
   * work per parameter on {@code threads} threads), the best fit included; {@code pyhf_estimate_s} is what a
   * pyhf-based ranking costs at pyhf's recorded MLE time (4 × parameters fits plus the best fit);
   * {@code cpu_median_s} is the process CPU time of a run (all threads, JIT and GC included), the number
   * that does not depend on what else runs on the machine.
   */
  public record Impacts(@JsonUnwrapped Timing timing, @JsonProperty("cpu_median_s") double cpuMedianS,
      String workspace, int npars, int nuisances, int refits, int threads,
      @JsonProperty("pyhf_mle_s") double pyhfMleS, @JsonProperty("pyhf_estimate_s") double pyhfEstimateS, double speedup,
      boolean converged) {}

  /** Times {@code repeat} impact computations after {@code warmupSeconds} of warm-up. */
  public static Impacts impacts(String name, CompiledModel m, double[] data, FitOptions o, int threads, int repeat,
      double warmupSeconds, double pyhfMleSeconds) {
    io.sumbin.histmodel.parallel.WorkRunner runner = io.sumbin.histmodel.parallel.WorkRunner.threads(threads);
    long until = System.nanoTime() + (long) (warmupSeconds * 1e9);
    io.sumbin.histmodel.infer.diagnostics.Impacts last;
    do {
      last = io.sumbin.histmodel.infer.diagnostics.Impacts.compute(m, data, o, m.poiIndex(), runner);
    } while (System.nanoTime() < until);
    double[] t = new double[repeat];
    double[] cpu = new double[repeat];
    var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    for (int i = 0; i < repeat; i++) {
      long c0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      last = io.sumbin.histmodel.infer.diagnostics.Impacts.compute(m, data, o, m.poiIndex(), runner);
      t[i] = (System.nanoTime() - t0) / 1e9;
      cpu[i] = (os.getProcessCpuTime() - c0) / 1e9;
    }
    int nps = last.impacts().size();
    int refits = 4 * nps;
    double est = pyhfMleSeconds * (refits + 1);
    Timing tm = Timing.of(t);
    return new Impacts(tm, Timing.of(cpu).medianS(), name, m.nPars(), nps, refits, threads, pyhfMleSeconds, est, est / tm.medianS(), last.converged());
  }
}
