package io.sumbin.cli;

import io.sumbin.pyhf.results.ToysReport;
import io.sumbin.eft.study.StudyFiles;
import io.sumbin.cli.plot.Plots;
import io.sumbin.histmodel.infer.TestStatistic;
import io.sumbin.histmodel.infer.toys.ToyDistributions;
import io.sumbin.histmodel.infer.toys.ToyJournal;
import io.sumbin.histmodel.infer.toys.ToyResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sumbin merge A.jsonl B.jsonl ... --out ALL.jsonl}: joins toy files (shards, resumed runs)
 * into one sorted file without duplicates and prints the hypothesis test of the merged toys.
 *
 * <p>{@code sumbin merge study-1-of-N.json ... study-N-of-N.json --out DIR}: joins the pieces of a
 * sharded {@code sumbin study} (recognised by their {@code "format": "sumbin-study"} marker) into
 * the full {@code study.json}, {@code study.csv} and plots in DIR.
 */
@Command(name = "merge", description = "Merge toy files (shards) into one and print the CLs of the merged toys; "
    + "or merge the pieces of a sharded 'sumbin study' (study-K-of-N.json) into DIR.",
    mixinStandardHelpOptions = true)
public final class MergeCommand implements Callable<Integer> {
  @Mixin
  Console console;

  @Parameters(arity = "1..*", paramLabel = "FILE.jsonl", description = "toy files written by 'sumbin toys', or study pieces study-K-of-N.json")
  List<Path> inputs;

  @Option(names = "--out", required = true, paramLabel = "FILE.jsonl", description = "merged toy file (written atomically); for study pieces the output directory")
  Path out;

  @Option(names = "--plot", paramLabel = "FILE.png", description = "histogram of the merged toys (no asymptotic curves: merge does not read the workspace)")
  Converters.OutputFile plot;

  @Mixin
  JsonOption json;

  @Override
  public Integer call() {
    if (inputs.stream().anyMatch(StudyFiles::isStudyTable)) {
      for (Path p : inputs) {
        if (!Files.isRegularFile(p)) {
          throw new UserError(p + ": no such file");
        }
        if (!StudyFiles.isStudyTable(p)) {
          throw new UserError(p + ": not a study piece (no \"format\": \"" + StudyFiles.FORMAT
              + "\"); study pieces and toy files cannot be merged together");
        }
      }
      if (plot != null) {
        throw new UserError("--plot: study pieces are merged with their own plots into --out DIR");
      }
      Outputs.checkDirectory(out, "--out");
      return StudyCommand.merge(console, inputs, out, json.on());
    }
    Outputs.checkFile(out, "--out");
    List<ToyResult> all = new ArrayList<>();
    ToyJournal.Identity identity = null;
    Ensemble ensemble = null;
    Path first = null;
    for (Path p : inputs) {
      if (!Files.isRegularFile(p)) {
        throw new UserError(p + ": no such toy file");
      }
      // not resumable here: a line cut short is an error, never silently dropped
      ToyJournal.Contents c = ToyJournal.read(p, false);
      if (c.toys().isEmpty()) {
        continue;
      }
      Ensemble e = Ensemble.of(p, c.toys());
      if (first == null) {
        first = p;
        identity = c.identity();
        ensemble = e;
      } else {
        if (!java.util.Objects.equals(identity, c.identity())) {
          String field = identity == null || c.identity() == null ? "model and settings digests"
              : !identity.model().equals(c.identity().model()) ? "model (the workspace digest: another workspace or patch)"
              : "settings (the digest of measurement, POI, --fix and fit options)";
          throw new UserError(p + " and " + first + " differ in the " + field + ": " + p + " holds toys of "
              + ToyJournal.describe(c.identity()) + ", " + first + " of " + ToyJournal.describe(identity)
              + "; toys of different ensembles cannot be merged");
        }
        ensemble.requireSame(e, first);
      }
      all.addAll(c.toys());
    }
    List<ToyResult> merged = ToyJournal.merge(all, "merge " + inputs);
    if (merged.isEmpty()) {
      throw new UserError("merge " + inputs + ": the files hold no toys");
    }
    ToyDistributions d = ToyFiles.distributions(merged, true, "ok");
    ToysReport.Merge summary = ToysReport.merge(d, out.toString(), inputs.size(), all.size(), merged.size());
    if (plot != null && d != null) {
      Plots.toyStatistics(d, Double.NaN, "POI", plot.path(), "Toy distributions of " + Plots.plain(Plots.symbol(d.statistic()))
          + (d.statistic().fixedMu().isPresent() ? "" : " at POI = " + CliSupport.fmt(d.mu())));
    }
    ToyJournal.write(out, merged, identity);
    if (json.on()) {
      CliSupport.printJson(console.out(), summary);
    } else {
      console.out().printf("merged %d lines from %d files into %s (%d distinct)%n", all.size(), inputs.size(), out, merged.size());
      if (d != null) {
        console.out().println(Rendering.hypotest(d.hypoTestResult(), "POI"));
      }
    }
    if (d != null && !d.hypoTestResult().converged()) {
      throw new NumericalFailure("merged toys: " + d.hypoTestResult().message());
    }
    if (d != null) {
      CliSupport.warnings(console.err(), "merged toys", d.hypoTestResult().message());
    }
    return 0;
  }

  /**
   * The settings every line of a toy file carries that define its ensemble (seed, test statistic,
   * tested POI value): one value per file, the same in every file merged.
   */
  record Ensemble(Path file, long seed, TestStatistic statistic, double poiValue) {
    static Ensemble of(Path file, List<ToyResult> toys) {
      ToyResult f = toys.get(0);
      for (ToyResult r : toys) {
        String field = r.seed() != f.seed() ? "seed (" + f.seed() + " and " + r.seed() + ")"
            : r.testStatistic() != f.testStatistic() ? "test statistic (" + f.testStatistic().pyhfName() + " and "
                + r.testStatistic().pyhfName() + ")"
            : Double.compare(r.poiValue(), f.poiValue()) != 0 ? "poi_value (" + CliSupport.num(f.poiValue()) + " and "
                + CliSupport.num(r.poiValue()) + ")"
            : null;
        if (field != null) {
          throw new UserError(file + ": its lines differ in the " + field + "; toys of different ensembles cannot be merged");
        }
      }
      return new Ensemble(file, f.seed(), f.testStatistic(), f.poiValue());
    }

    void requireSame(Ensemble o, Path firstFile) {
      String field = seed != o.seed ? "seed (" + seed + " and " + o.seed + ")"
          : statistic != o.statistic ? "test statistic (" + statistic.pyhfName() + " and " + o.statistic.pyhfName() + ")"
          : Double.compare(poiValue, o.poiValue) != 0 ? "poi_value (" + CliSupport.num(poiValue) + " and " + CliSupport.num(o.poiValue) + ")"
          : null;
      if (field != null) {
        throw new UserError(firstFile + " and " + o.file + " differ in the " + field + "; toys of different ensembles cannot be merged");
      }
    }
  }
}
