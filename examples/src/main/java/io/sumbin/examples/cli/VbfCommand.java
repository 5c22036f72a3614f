package io.sumbin.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sumbin.eft.EftComparison;
import io.sumbin.eft.EftEvents;
import io.sumbin.examples.plot.ComparisonPlots;
import io.sumbin.pyhf.Json;
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
 * {@code sumbin vbf LHE...}: the VBF-Higgs SMEFT analysis — per Wilson coefficient, the five-way
 * comparison of {@link EftComparison} (m_jj histogram, learned per-point observable, event2vec,
 * unbinned learned, unbinned truth) on MadGraph events with reweighting weights.
 */
@Command(name = "vbf", description = "VBF-Higgs SMEFT analysis on LHE files: learned summaries vs an m_jj histogram vs the unbinned truth, per Wilson coefficient.",
    mixinStandardHelpOptions = true)
public final class VbfCommand implements Callable<Integer> {
  /** Observables the networks see (parton level). */
  public static final List<String> FEATURES = List.of("pt_h", "eta_h", "pt_j1", "eta_j1", "pt_j2", "eta_j2", "m_jj", "deta_jj",
      "dphi_jj_signed", "dphi_h_j1", "dphi_h_j2");

  @Parameters(paramLabel = "FILE.lhe.gz", arity = "1..*")
  List<Path> files;

  @Option(names = "--coefficients", split = ",", paramLabel = "C", description = "coefficients to study (default: all)")
  List<String> coefficients;

  @Option(names = "--lumi", defaultValue = "300", converter = Converters.Luminosity.class, description = "fb⁻¹ (default ${DEFAULT-VALUE})")
  double lumi;

  @Option(names = "--bins", defaultValue = "10", converter = Converters.GridSize.class)
  int bins;

  @Option(names = "--epochs", defaultValue = "100", converter = Converters.Positive.class)
  int epochs;

  @Option(names = "--train-fraction", defaultValue = "0.667", converter = Converters.OpenUnit.class)
  double trainFraction;

  @Mixin
  SeedOption seed;

  @Option(names = "--out", paramLabel = "DIR", description = "write vbf.md, vbf.json and per-coefficient plots here")
  Converters.OutputDir out;

  @Option(names = "--json")
  boolean json;

  @Override
  public Integer call() throws IOException {
    for (Path f : files) {
      if (!Files.isRegularFile(f)) {
        throw new UserError(f + ": no such file");
      }
    }
    EftEvents ev;
    try {
      ev = EftEvents.fromLhe(files);
    } catch (io.sumbin.binning.lhe.LheFormatException e) {
      throw new UserError(e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new UserError(files.get(0) + ": " + e.getMessage());
    }
    List<String> coeffs = coefficients == null ? ev.coefficients() : coefficients;
    for (String c : coeffs) {
      if (!ev.coefficients().contains(c)) {
        throw new UserError("--coefficients: unknown '" + c + "' (the files have " + ev.coefficients() + ")");
      }
    }
    for (String f : FEATURES) {
      if (!ev.table().hasColumn(f)) {
        throw new UserError(files.get(0) + ": no column '" + f + "' — not a VBF-Higgs sample?");
      }
    }
    if (bins < 2) {
      throw new UserError("--bins must be at least 2");
    }
    Outputs.Staged stage = out == null ? null : Outputs.stage(out.path());
    try {
      return run(ev, coeffs, stage);
    } finally {
      if (stage != null) {
        stage.close();
      }
    }
  }

  private int run(EftEvents ev, List<String> coeffs, Outputs.Staged stage) {
    Path dir = stage == null ? null : stage.dir();
    TrainingSettings ts = TrainingSettings.DEFAULT.withSeed(seed.orElse(1)).withMaxEpochs(epochs).withProgress(!json);
    List<EftComparison.Result> results = new ArrayList<>();
    for (String c : coeffs) {
      System.err.println("[vbf] " + c);
      EftComparison.Settings s = new EftComparison.Settings(c, 0.0, lumi, FEATURES, "m_jj", bins, trainFraction, ts, 0.0, 41);
      EftComparison.Result r = EftComparison.run(ev, s);
      results.add(r);
      if (dir != null) {
        ComparisonPlots.curves(r, dir.resolve("vbf_" + c + ".png"), "VBF H: expected t(" + c + ") at the SM");
      }
    }
    String table = table(results, lumi, bins);
    ObjectNode o = CliSupport.F.objectNode();
    o.put("events", ev.size());
    o.put("luminosity_fb", lumi);
    ArrayNode rows = o.putArray("coefficients");
    for (EftComparison.Result r : results) {
      ObjectNode ro = rows.addObject();
      ro.put("name", r.settings().coefficient());
      for (EftComparison.Method m : r.methods()) {
        ObjectNode mo = ro.putObject(m.key());
        mo.set("interval_68", CliSupport.array(m.interval68()));
        mo.set("interval_95", CliSupport.array(m.interval95()));
        CliSupport.put(mo, "fisher", m.fisher());
      }
      CliSupport.put(ro, "learned_over_histogram", ratio(r, EftComparison.LEARNED_BINNED, EftComparison.HISTOGRAM));
      CliSupport.put(ro, "learned_over_truth", ratio(r, EftComparison.LEARNED_BINNED, EftComparison.UNBINNED_TRUTH));
    }
    if (dir != null) {
      try {
        Json.writeAtomically(dir.resolve("vbf.md"), table);
        Json.writeAtomically(dir.resolve("vbf.json"), Json.pretty(o));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      stage.commit();
    }
    if (json) {
      CliSupport.printJson(System.out, o);
    } else {
      System.out.print(table);
    }
    return 0;
  }

  static double ratio(EftComparison.Result r, String a, String b) {
    return r.method(a).fisher() / r.method(b).fisher();
  }

  static String table(List<EftComparison.Result> rs, double lumi, int bins) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "Fisher information at the SM (L = %.0f fb⁻¹, %d bins; test events only):%n%n", lumi, bins));
    sb.append("| coefficient | m_jj histogram | learned, binned per point | event2vec | unbinned learned | unbinned truth | learned / m_jj | learned / truth |\n");
    sb.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (EftComparison.Result r : rs) {
      sb.append("| ").append(r.settings().coefficient());
      for (String k : List.of(EftComparison.HISTOGRAM, EftComparison.LEARNED_BINNED, EftComparison.EVENT2VEC,
          EftComparison.UNBINNED_LEARNED, EftComparison.UNBINNED_TRUTH)) {
        sb.append(String.format(Locale.ROOT, " | %.3g", r.method(k).fisher()));
      }
      sb.append(String.format(Locale.ROOT, " | %.2f | %.2f |%n", ratio(r, EftComparison.LEARNED_BINNED, EftComparison.HISTOGRAM),
          ratio(r, EftComparison.LEARNED_BINNED, EftComparison.UNBINNED_TRUTH)));
    }
    return sb.toString();
  }
}
