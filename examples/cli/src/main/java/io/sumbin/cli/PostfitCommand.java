package io.sumbin.cli;

import io.sumbin.histmodel.inference.InferenceProblem;
import io.sumbin.histmodel.inference.InferenceFacade;
import io.sumbin.cli.plot.DiagnosticPlots;
import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.fit.FitResult;
import io.sumbin.histmodel.infer.diagnostics.ChannelYields;
import io.sumbin.histmodel.infer.diagnostics.Diagnostics;
import io.sumbin.histmodel.infer.diagnostics.SampleYields;
import io.sumbin.histmodel.infer.diagnostics.Yields;
import io.sumbin.histmodel.parallel.WorkRunner;
import io.sumbin.pyhf.results.PostfitReport;
import io.sumbin.pyhf.results.ResultJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sumbin postfit WS.json [--prefit] [--out DIR]}: pre- or post-fit yields per channel, sample and
 * bin with the total uncertainty (full covariance); with {@code --out} one PNG per channel (stacked
 * samples, data, band, ratio panel) and the yield tables as markdown, LaTeX and JSON.
 */
@Command(name = "postfit", description = "Post-fit (or --prefit) yields per channel/sample/bin with the uncertainty band "
    + "(full covariance); --out DIR writes one plot per channel and yield tables (markdown, LaTeX, JSON).",
    mixinStandardHelpOptions = true)
public final class PostfitCommand implements Callable<Integer> {
  @Mixin
  Console console;

  @Parameters(index = "0", paramLabel = "WS.json", description = "workspace file")
  Path workspace;

  @Mixin
  WorkspaceInput input;

  @Mixin
  MeasurementOption measurement;

  @Mixin
  FixOption fix;

  @Option(names = "--prefit", description = "pre-fit yields (the suggested start, constraint widths) instead of post-fit")
  boolean prefit;

  @Option(names = "--out", paramLabel = "DIR", description = "write <pre|post>fit_<channel>.png per channel and yields.md, yields.tex, yields.json")
  Converters.OutputDir out;

  @Mixin
  JsonOption json;

  @Override
  public Integer call() {
    CliSupport.Loaded l = input.load(workspace, measurement.name());
    CompiledModel m = l.model();
    InferenceProblem problem = fix.apply(l.problem());
    Diagnostics d = InferenceFacade.diagnostics(problem, WorkRunner.threads(1));
    FitResult f = prefit ? null : d.fit();
    Yields y = prefit ? d.prefit() : d.postfit(f);
    PostfitReport report = PostfitReport.of(y);
    if (out != null) {
      String stage = prefit ? "prefit" : "postfit";
      try (Outputs.Staged st = Outputs.stage(out.path())) {
        for (ChannelYields c : y.channels()) {
          DiagnosticPlots.distribution(c, prefit, st.dir().resolve(stage + "_" + safe(c.name()) + ".png"),
              c.name() + " (" + (prefit ? "pre-fit" : "post-fit") + ")");
        }
        write(st.dir().resolve("yields.md"), markdown(y));
        write(st.dir().resolve("yields.tex"), latex(y));
        write(st.dir().resolve("yields.json"), ResultJson.compact(report) + "\n");
        st.commit();
      }
    }
    if (json.on()) {
      CliSupport.printJson(console.out(), report);
    } else {
      console.out().print(markdown(y));
    }
    if (f != null && !f.ok()) {
      throw new NumericalFailure("fit of " + workspace + ": " + f.message());
    }
    return 0;
  }

  static String safe(String name) {
    return name.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  private static void write(Path p, String text) {
    try {
      Files.writeString(p, text, StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot write " + p + ": " + e.getMessage(), e);
    }
  }

  static String pm(double v, double e) {
    return String.format(Locale.ROOT, "%.2f ± %.2f", v, e);
  }

  /** Per channel: a row per sample and the total with uncertainties, and data; columns bins and sum. */
  static String markdown(Yields y) {
    StringBuilder sb = new StringBuilder();
    for (ChannelYields c : y.channels()) {
      int nb = c.total().length;
      sb.append("### ").append(c.name()).append(y.prefit() ? " (pre-fit)" : " (post-fit)").append("\n\n| sample |");
      for (int b = 0; b < nb; b++) {
        sb.append(" bin ").append(b).append(" |");
      }
      sb.append(" total |\n|---|");
      sb.append("---:|".repeat(nb + 1)).append('\n');
      for (SampleYields s : c.samples()) {
        sb.append("| ").append(io.sumbin.cli.plot.Plots.cell(s.name())).append(" |");
        for (int b = 0; b < nb; b++) {
          sb.append(' ').append(pm(s.yields()[b], s.uncertainty()[b])).append(" |");
        }
        sb.append(' ').append(pm(s.sum(), s.sumUncertainty())).append(" |\n");
      }
      sb.append("| **total** |");
      for (int b = 0; b < nb; b++) {
        sb.append(' ').append(pm(c.total()[b], c.totalUncertainty()[b])).append(" |");
      }
      sb.append(' ').append(pm(c.totalSum(), c.totalSumUncertainty())).append(" |\n| data |");
      for (int b = 0; b < nb; b++) {
        sb.append(String.format(Locale.ROOT, " %.0f |", c.data()[b]));
      }
      sb.append(String.format(Locale.ROOT, " %.0f |%n%n", c.dataSum()));
    }
    return sb.toString();
  }

  static String tex(String s) {
    return s.replace("\\", "\\textbackslash{}").replace("_", "\\_").replace("&", "\\&").replace("%", "\\%").replace("#", "\\#");
  }

  static String latex(Yields y) {
    StringBuilder sb = new StringBuilder("% sumbin postfit: " + (y.prefit() ? "pre-fit" : "post-fit") + " yields\n");
    for (ChannelYields c : y.channels()) {
      int nb = c.total().length;
      sb.append("\\begin{table}\n\\centering\n\\caption{").append(tex(c.name())).append(y.prefit() ? ", pre-fit" : ", post-fit")
          .append(" yields}\n\\begin{tabular}{l").append("r".repeat(nb + 1)).append("}\n\\hline\nsample");
      for (int b = 0; b < nb; b++) {
        sb.append(" & bin ").append(b);
      }
      sb.append(" & total \\\\\n\\hline\n");
      for (SampleYields s : c.samples()) {
        sb.append(tex(s.name()));
        for (int b = 0; b < nb; b++) {
          sb.append(String.format(Locale.ROOT, " & $%.2f \\pm %.2f$", s.yields()[b], s.uncertainty()[b]));
        }
        sb.append(String.format(Locale.ROOT, " & $%.2f \\pm %.2f$ \\\\%n", s.sum(), s.sumUncertainty()));
      }
      sb.append("\\hline\ntotal");
      for (int b = 0; b < nb; b++) {
        sb.append(String.format(Locale.ROOT, " & $%.2f \\pm %.2f$", c.total()[b], c.totalUncertainty()[b]));
      }
      sb.append(String.format(Locale.ROOT, " & $%.2f \\pm %.2f$ \\\\%ndata", c.totalSum(), c.totalSumUncertainty()));
      for (int b = 0; b < nb; b++) {
        sb.append(String.format(Locale.ROOT, " & %.0f", c.data()[b]));
      }
      sb.append(String.format(Locale.ROOT, " & %.0f \\\\%n\\hline%n\\end{tabular}%n\\end{table}%n%n", c.dataSum()));
    }
    return sb.toString();
  }
}
