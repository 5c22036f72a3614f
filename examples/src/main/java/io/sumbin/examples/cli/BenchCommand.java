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
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sumbin bench ...}: timing harnesses (see docs/BENCHMARKS.md). */
@Command(name = "bench", description = "Benchmarks in a warmed-up JVM.", mixinStandardHelpOptions = true,
    subcommands = {BenchCommand.Fit.class})
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

  /** {@code sumbin bench fit WS.json}: the MLE fit alone, after warm-up. */
  @Command(name = "fit", description = "Time the maximum-likelihood fit of a workspace (model compiled once, JVM warmed up).",
      mixinStandardHelpOptions = true)
  public static final class Fit implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "WS.json")
    Path workspace;

    @Option(names = "--measurement", paramLabel = "M")
    String measurement;

    @Option(names = "--fix", paramLabel = "NAME=V")
    List<String> fixes;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "50", description = "timed fits (default ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--warmup-seconds", paramLabel = "S", defaultValue = "3", description = "warm-up time (default ${DEFAULT-VALUE} s)")
    double warmupSeconds;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Override
    public Integer call() {
      if (repeat < 1) {
        throw new UserError("--repeat must be at least 1, got " + repeat);
      }
      CliSupport.Loaded l = CliSupport.load(workspace, measurement, null);
      CompiledModel m = l.model();
      FitOptions o = CliSupport.applyFixes(m, FitOptions.suggested(m), fixes);
      Fitter fitter = new Fitter(m);
      long until = System.nanoTime() + (long) (warmupSeconds * 1e9);
      FitResult last = null;
      int warm = 0;
      while (System.nanoTime() < until || warm < 5) {
        last = fitter.fit(l.data(), o);
        warm++;
      }
      double[] t = new double[repeat];
      for (int i = 0; i < repeat; i++) {
        long t0 = System.nanoTime();
        last = fitter.fit(l.data(), o);
        t[i] = (System.nanoTime() - t0) / 1e9;
      }
      Timing tm = Timing.of(t);
      if (json) {
        ObjectNode out = tm.json();
        out.put("workspace", workspace.toString());
        out.put("npars", m.nPars());
        out.put("warmup_fits", warm);
        CliSupport.put(out, "twice_nll", last.twiceNll());
        out.put("converged", last.converged());
        CliSupport.printJson(System.out, out);
      } else {
        System.out.printf(Locale.ROOT, "fit of %s (%d parameters): median %.3f ms, min %.3f ms over %d fits (after %d warm-up fits)%n",
            workspace, m.nPars(), tm.medianS() * 1e3, tm.minS() * 1e3, repeat, warm);
      }
      return 0;
    }
  }
}
