package io.sumbin.cli;

import io.sumbin.pyhf.results.ToysReport;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sumbin.histmodel.infer.TestStatistic;
import io.sumbin.histmodel.infer.toys.Shard;
import io.sumbin.histmodel.infer.toys.ToyCalculator;
import io.sumbin.histmodel.infer.toys.ToyDistributions;
import io.sumbin.histmodel.infer.toys.ToyJournal;
import io.sumbin.histmodel.infer.toys.ToyResult;
import io.sumbin.histmodel.infer.toys.ToyRunner;
import io.sumbin.histmodel.infer.toys.ToySettings;
import io.sumbin.histmodel.inference.InferenceFacade;
import io.sumbin.histmodel.inference.InferenceOptions;
import io.sumbin.histmodel.inference.InferenceProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sumbin toys WS.json --poi-value V --ntoys N --out FILE.jsonl}: the pseudo-experiments of a
 * toy hypothesis test, streamed to a JSON-lines file (one line per toy). Re-running the same command
 * resumes: toys already in the file are skipped. {@code --shard K/N} runs the indices i with
 * i mod N = K − 1 only; {@code sumbin merge} joins the shards.
 */
@Command(name = "toys", description = "Generate and fit the pseudo-experiments of a toy hypothesis test into a JSON-lines file (resumable, shardable).",
    mixinStandardHelpOptions = true)
public final class ToysCommand implements Callable<Integer> {
  @Mixin
  Console console;

  @Parameters(index = "0", paramLabel = "WS.json", description = "workspace file")
  Path workspace;

  @Mixin
  WorkspaceInput input;

  @Option(names = "--poi-value", paramLabel = "V", description = "tested POI value, within its bounds (ignored for q0)")
  Double poiValue;

  @Option(names = "--ntoys", required = true, paramLabel = "N", converter = Converters.Toys.class,
      description = "toys per hypothesis (indices 0..N-1)")
  int ntoys;

  @Option(names = "--shard", paramLabel = "K/N", converter = Converters.ShardValue.class,
      description = "run only toy indices i with i mod N = K-1")
  Shard shard;

  @Mixin
  ToyOptions toys;

  @Option(names = "--test-stat", paramLabel = "qtilde|q|q0", defaultValue = "qtilde", description = "test statistic (default ${DEFAULT-VALUE})")
  TestStatistic testStat;

  @Option(names = "--out", required = true, paramLabel = "FILE.jsonl", description = "toy file (appended to; existing toys are skipped)")
  Converters.OutputFile out;

  @Mixin
  MeasurementOption measurement;

  @Mixin
  FixOption fix;

  @Option(names = "--plot", paramLabel = "FILE.png", description = "histogram of the toys in the file against the asymptotic densities")
  Converters.OutputFile plot;

  @Mixin
  JsonOption json;

  @Override
  public Integer call() {
    EngineOption engine = toys.engine();
    engine.check();
    TestStatistic ts = CliSupport.requireStatistic(testStat, "toys", TestStatistic.QTILDE, TestStatistic.Q, TestStatistic.Q0);
    if (ts.fixedMu().isEmpty() && poiValue == null) {
      throw new UserError("--poi-value is required for test statistic " + ts.pyhfName());
    }
    Path out = this.out.path();
    Shard sh = shard == null ? Shard.ALL : shard;
    double mu = ts.fixedMu().isPresent() ? ts.fixedMu().getAsDouble() : poiValue;
    CliSupport.Loaded l = input.load(workspace, measurement.name(), null, "toys");
    InferenceProblem p = fix.apply(l.problem());
    int poi = p.requireFreePoi("a hypothesis test");
    if (ts.fixedMu().isEmpty()) {
      p.requireWithin(poi, mu, "--poi-value");
    }
    ToySettings settings = toys.settings(ntoys, sh);
    long seed = settings.seed();
    ToyCalculator calc = InferenceFacade.toyCalculator(p, InferenceOptions.toys(ts, settings));
    ToyJournal.Identity identity = identity(l, fix.texts(), settings.robustFits());
    ToyJournal.Contents have = ToyJournal.read(out, true);
    if (!have.toys().isEmpty() && !identity.equals(have.identity())) {
      String field = have.identity() == null ? "model and settings digests"
          : !identity.model().equals(have.identity().model()) ? "model (the workspace digest: another workspace or patch)"
          : "settings (the digest of measurement, POI, --fix and fit options)";
      throw new UserError(out + ": differs from this run in the " + field + ": it holds toys of "
          + ToyJournal.describe(have.identity()) + ", this run is " + identity.brief()
          + "; resume with the same workspace, patches and settings or write to another --out");
    }
    List<ToyResult> existing = have.toys();
    checkCompatible(existing, out, seed, ts, mu);
    Set<ToyResult.Key> done = new HashSet<>();
    boolean haveObs = false;
    for (ToyResult r : existing) {
      done.add(r.key());
      haveObs |= r.hypothesis().equals(ToyCalculator.OBS);
    }
    List<ToyResult> all = new ArrayList<>(existing);
    int fresh;
    ToyCalculator.Ensembles ens = calc.ensembles(mu);
    boolean existed = Files.exists(out);
    try (ToyJournal journal = ToyJournal.append(out, identity); EngineOption.Started eng = engine.start(toys.threads(), "toys", console.progress())) {
      if (!haveObs) {
        ToyResult obs = calc.observed(mu);
        journal.accept(obs);
        all.add(obs);
      }
      List<List<ToyResult>> r = ToyRunner.run(List.of(ens.sb(), ens.b()), settings, eng.runner(), done, journal);
      fresh = r.get(0).size() + r.get(1).size();
      all.addAll(r.get(0));
      all.addAll(r.get(1));
    } catch (RuntimeException e) {
      // the complete lines already written are the resumable prefix (by design); an empty new file is not
      try {
        if (!existed && Files.exists(out) && Files.size(out) == 0) {
          Files.delete(out);
        }
      } catch (java.io.IOException ignored) {
        // best effort
      }
      throw e;
    }
    // the observed-data line is not a toy: a resumed file of 200 toys has 201 lines
    int resumed = (int) existing.stream().filter(r -> !r.hypothesis().equals(ToyCalculator.OBS)).count();
    if (sh.count(ntoys) == 0) {
      // a shard beyond the number of toys (--ntoys 3 --shard 5/8): an empty shard that merges with the others
      String note = out + ": shard " + sh + " of " + ntoys + " toys holds no toy index; the file holds the observed-data line only "
          + "(merge it with the other shards)";
      if (json.on()) {
        com.fasterxml.jackson.databind.node.ObjectNode empty = CliSupport.F.objectNode();
        empty.put("file", out.toString());
        empty.put("shard", sh.toString());
        empty.put("ntoys", ntoys);
        empty.put("seed", seed);
        empty.put("new_toys", 0);
        empty.put("resumed_toys", resumed);
        empty.put("message", note);
        CliSupport.printJson(console.out(), empty);
      } else {
        console.out().println(note);
      }
      return 0;
    }
    ToyDistributions d = ToyFiles.distributions(ToyJournal.merge(all), ens.converged(), ens.message());
    ToysReport.Run summary = ToysReport.run(d, out.toString(), sh.toString(), ntoys, seed, fresh, resumed);
    if (plot != null) {
      ToyHypotest.plot(d, p, plot.path());
    }
    if (json.on()) {
      CliSupport.printJson(console.out(), summary);
    } else {
      console.out().printf(Locale.ROOT, "%s: %d new toys, %d already present (shard %s); from the %d s+b and %d b toys in the file:%n%s%n",
          out, fresh, resumed, sh, summary.counts().sbToys(), summary.counts().bToys(),
          Rendering.hypotest(d.hypoTestResult(), p.model().poiName()));
    }
    if (!d.hypoTestResult().converged()) {
      throw new NumericalFailure("toys of " + workspace + ": " + d.hypoTestResult().message());
    }
    CliSupport.warnings(console.err(), "toys of " + workspace, d.hypoTestResult().message());
    return 0;
  }

  /**
   * The identity toy lines carry: pyhf's digest of the (patched) workspace and a digest of the
   * settings that change the toys (measurement, POI choice, fixed parameters, fit strategy).
   */
  static ToyJournal.Identity identity(CliSupport.Loaded l, List<String> fixes, boolean robust) {
    List<String> fx = fixes == null ? List.of() : fixes.stream().sorted().toList();
    com.fasterxml.jackson.databind.node.ObjectNode s = CliSupport.F.objectNode();
    s.put("measurement", l.measurement());
    s.put("poi", l.model().poiName());
    s.set("fix", CliSupport.strings(fx));
    s.put("robust_fits", robust);
    return new ToyJournal.Identity(l.digest(), io.sumbin.pyhf.PyhfDigest.sha256(s));
  }

  /** Refuses to append to a file written with other settings. */
  static void checkCompatible(List<ToyResult> existing, Path file, long seed, TestStatistic ts, double mu) {
    for (ToyResult r : existing) {
      String what = null;
      if (r.seed() != seed) {
        what = "seed " + r.seed() + " (this run: " + seed + ")";
      } else if (r.testStatistic() != ts) {
        what = "test statistic " + r.testStatistic().pyhfName() + " (this run: " + ts.pyhfName() + ")";
      } else if (r.poiValue() != mu) {
        what = "poi_value " + r.poiValue() + " (this run: " + mu + ")";
      } else if (!List.of(ToyCalculator.OBS, ToyCalculator.SB, ToyCalculator.B).contains(r.hypothesis())) {
        what = "hypothesis '" + r.hypothesis() + "'";
      }
      if (what != null) {
        throw new UserError(file + ": holds toys with " + what + "; resume with the same settings or write to another --out");
      }
    }
  }
}
