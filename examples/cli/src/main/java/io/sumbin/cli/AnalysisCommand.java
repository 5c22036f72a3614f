package io.sumbin.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sumbin.cli.plot.AnalysisPlots;
import io.sumbin.eft.analysis.AnalysisReader;
import io.sumbin.eft.analysis.AnalysisResult;
import io.sumbin.eft.analysis.AnalysisRun;
import io.sumbin.eft.analysis.AnalysisSpec;
import io.sumbin.pyhf.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sumbin analysis run|validate A.json}: EFT analyses from a description ({@link AnalysisSpec}). */
@Command(name = "analysis", description = "EFT analyses: processes x regions x systematics x data from a JSON description.",
    mixinStandardHelpOptions = true, subcommands = {AnalysisCommand.Run.class, AnalysisCommand.Validate.class})
public final class AnalysisCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: run or validate");
  }

  static AnalysisSpec read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new UserError(file + ": no such analysis file");
    }
    return AnalysisReader.read(file);
  }

  /** {@code sumbin analysis validate A.json}: schema and consistency checks, no events read. */
  @Command(name = "validate", description = "Check an analysis file (schema, names, files) without running it.", mixinStandardHelpOptions = true)
  public static final class Validate implements Callable<Integer> {
    @Mixin
    Console console;

    @Parameters(index = "0", paramLabel = "A.json", description = "analysis description (JSON; see README, Real EFT analyses)")
    Path file;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
      AnalysisSpec s = read(file);
      if (json.on()) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("valid", true);
        o.put("processes", s.processes().size());
        o.put("regions", s.regions().size());
        o.put("systematics", s.systematics().size());
        o.put("scans", AnalysisRun.scans(s).size());
        CliSupport.printJson(console.out(), o);
      } else {
        console.out().printf(Locale.ROOT, "%s: valid (%d processes, %d regions, %d systematics, %d scans)%n", file, s.processes().size(),
            s.regions().size(), s.systematics().size(), AnalysisRun.scans(s).size());
      }
      return 0;
    }
  }

  /**
   * {@code sumbin analysis run A.json [--out DIR] [--json] [--engine threads|spark]}: runs the analysis
   * ({@link AnalysisRun}); writes {@code result.json}, the pyhf export of the first scan's combined family and the
   * plots into DIR (default {@code <name>-results} beside the file), atomically.
   */
  @Command(name = "run", description = "Run an analysis: per-point families of every region and their combination, fits, scans, "
      + "Fisher information, nuisance parameters, pyhf export and plots.", mixinStandardHelpOptions = true)
  public static final class Run implements Callable<Integer> {
    @Mixin
    Console console;

    @Parameters(index = "0", paramLabel = "A.json", description = "analysis description (JSON; see README, Real EFT analyses)")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", description = "output directory (default: <name>-results beside the file)")
    Path out;

    @Mixin
    JsonOption json;

    @Option(names = "--unbinned", paramLabel = "MODE", description = "unbinned side by side: none, exact (default: exact per-event "
        + "ratios, normalisation systematics) or learned-shapes (also learned shape ratios of every event variation)")
    String unbinned = "exact";

    @Mixin
    ThreadsOption threads;

    @Mixin
    EngineOption engine;

    @Override
    public Integer call() {
      engine.check();
      AnalysisRun.Unbinned mode = switch (unbinned) {
        case "none" -> AnalysisRun.Unbinned.NONE;
        case "exact" -> AnalysisRun.Unbinned.EXACT;
        case "learned-shapes" -> AnalysisRun.Unbinned.LEARNED_SHAPES;
        default -> throw new UserError("--unbinned: must be none, exact or learned-shapes, got '" + unbinned + "'");
      };
      AnalysisSpec s = read(file);
      Path dir = out != null ? out : file.toAbsolutePath().getParent().resolve(file.getFileName().toString().replaceFirst("\\.json$", "")
          + "-results");
      Outputs.checkDirectory(dir, "--out");
      AnalysisResult r;
      try (Outputs.Staged stage = Outputs.stage(dir); EngineOption.Started eng = engine.start(threads, "analysis " + file.getFileName(), console.progress())) {
        AnalysisRun.Options o = AnalysisRun.Options.threads(threads.get()).withRunner(eng.runner()).withOut(stage.dir())
            .withUnbinned(mode).withProgress(console::progressLine).withListener(console.progress());
        r = AnalysisRun.run(s, o);
        Map<String, String> outputs = new LinkedHashMap<>();
        r.outputs().forEach((k, v) -> outputs.put(k, stage.finalPath(Path.of(v)).toString()));
        List<Path> plots = AnalysisPlots.write(r, stage.dir().resolve("plots"));
        outputs.put("plots", stage.finalPath(stage.dir().resolve("plots")).toString());
        outputs.put("result", stage.finalPath(stage.dir().resolve("result.json")).toString());
        r = r.withOutputs(outputs);
        Files.writeString(stage.dir().resolve("result.json"), Json.pretty(r.toJson()));
        stage.commit();
        if (plots.isEmpty()) {
          console.err().println("warning: no plots");
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (Exception e) {
        if (e instanceof RuntimeException re) {
          throw re;
        }
        throw new IllegalStateException(e);
      }
      for (String w : r.warnings()) {
        console.err().println("warning: " + w);
      }
      if (json.on()) {
        CliSupport.printJson(console.out(), r.toJson());
      } else {
        console.out().print(text(r));
      }
      return 0;
    }

    static String text(AnalysisResult r) {
      StringBuilder sb = new StringBuilder();
      sb.append(String.format(Locale.ROOT, "%-10s %-10s %12s %28s %28s %22s%n", "region", "parameter", "best", "68% interval",
          "95% interval", "Fisher"));
      table(sb, "combined", r.parameters());
      r.regions().forEach((k, v) -> table(sb, k, v));
      table(sb, "unbinned", r.unbinned());
      sb.append("nuisance parameters (best ± uncertainty):\n");
      r.nuisanceParameters().forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %-22s %9.4f ± %.4f%n", k, v[0], v[1])));
      r.outputs().forEach((k, v) -> sb.append(String.format(Locale.ROOT, "%s: %s%n", k, v)));
      sb.append(String.format(Locale.ROOT, "%.1f s (families %.1f s)%n", r.seconds(), r.familySeconds()));
      return sb.toString();
    }

    private static void table(StringBuilder sb, String region, Map<String, AnalysisResult.ParameterResult> m) {
      m.forEach((p, x) -> sb.append(String.format(Locale.ROOT, "%-10s %-10s %12.5g %28s %28s %22s%n", region, p, x.best(),
          pair(x.interval68()), pair(x.interval95()), String.format(Locale.ROOT, "%.4g ± %.2g", x.fisher(), x.fisherError()))));
    }

    private static String pair(double[] v) {
      return String.format(Locale.ROOT, "[%.5g, %.5g]", v[0], v[1]);
    }
  }
}
