package io.sumbin.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sumbin.binning.EventTable;
import io.sumbin.summaries.ensemble.EnsembleModel;
import io.sumbin.summaries.EventTables;
import io.sumbin.summaries.FeatureMatrix;
import io.sumbin.summaries.LearnedSummary;
import io.sumbin.summaries.RatioEstimator;
import io.sumbin.summaries.SavedModel;
import io.sumbin.summaries.Summaries;
import io.sumbin.summaries.persistence.SummaryFormatException;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sumbin summarize DIR --events FILE.lhe.gz... --out FILE.csv}: evaluates a saved summary (any
 * method, an ensemble, or an imported ONNX model) on events and writes one CSV row per event:
 * {@code event,weight,<outputs>} (ensembles add {@code <output>_std}); with {@code --theta} ratio models
 * add {@code log_r} (and {@code log_r_std}). Events whose features are not finite get empty cells. JSON
 * fields: {@code model, method, events, evaluated, columns, out}.
 */
@Command(name = "summarize", description = "Evaluate a saved learned summary on events and write a CSV.",
    mixinStandardHelpOptions = true)
public final class SummarizeCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  StrictOption strict;

  @Parameters(index = "0", paramLabel = "DIR", description = "model directory written by sumbin train (or a saved ONNX import)")
  Path model;

  @Option(names = "--events", required = true, arity = "1..*", paramLabel = "FILE", description = "event files: .lhe[.gz], .parquet, .csv[.gz], MadMiner .h5")
  List<Path> events;

  @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "CSV file to write")
  Converters.OutputFile out;

  @Option(names = "--theta", split = ",", paramLabel = "NAME=V", description = "parameter point for log r(x|θ,θ₀) (ratio models)")
  List<Converters.NamedValue> theta;

  @Mixin
  JsonOption json;

  @Override
  public Integer call() {
    SavedModel m;
    try {
      m = Summaries.load(model);
    } catch (SummaryFormatException e) {
      throw new UserError(e.getMessage());
    }
    try (SavedModel sm = m) {
      boolean hasSummary = sm instanceof EnsembleModel en ? !en.outputNames().isEmpty() : sm instanceof LearnedSummary;
      boolean isRatio = sm instanceof EnsembleModel en ? en.members().get(0) instanceof RatioEstimator
          : sm instanceof RatioEstimator;
      if (!hasSummary && theta == null) {
        List<String> names = ((RatioEstimator) sm).parameterNames();
        throw new UserError(model + ": a '" + sm.method() + "' model gives log r(x|θ,θ₀): give --theta NAME=V for "
            + String.join(",", names));
      }
      if (theta != null && !isRatio) {
        throw new UserError(model + ": --theta: a '" + sm.method() + "' model is not a likelihood-ratio estimator");
      }
      EventTable t = TrainInputs.readEvents(events);
      String src = TrainInputs.describe(events);
      List<String> missing = new ArrayList<>();
      for (String f : sm.inputNames()) {
        if (!t.hasColumn(f)) {
          missing.add(f);
        }
      }
      if (!missing.isEmpty()) {
        throw new UserError(src + ": the model needs features " + missing + " (events have "
            + String.join(",", TrainInputs.observables(t)) + ")");
      }
      int[] rows = EventTables.finiteRows(t, sm.inputNames());
      FeatureMatrix x = EventTables.features(t.select(rows), sm.inputNames());
      List<String> cols = new ArrayList<>();
      List<double[]> vals = new ArrayList<>();
      if (hasSummary) {
        if (sm instanceof EnsembleModel e) {
          EnsembleModel.Prediction p = e.evaluateWithSpread(x);
          for (int k = 0; k < p.mean().length; k++) {
            cols.add(e.outputNames().get(k));
            vals.add(p.mean()[k]);
            cols.add(e.outputNames().get(k) + "_std");
            vals.add(p.spread()[k]);
          }
        } else {
          LearnedSummary s = (LearnedSummary) sm;
          double[][] v = s.evaluate(x);
          for (int k = 0; k < v.length; k++) {
            cols.add(s.outputNames().get(k));
            vals.add(v[k]);
          }
        }
      }
      if (theta != null) {
        RatioEstimator r = (RatioEstimator) sm;
        double[] th = TrainInputs.point(theta, r.parameterNames(), "--theta");
        if (sm instanceof EnsembleModel e) {
          EnsembleModel.Prediction p = e.logRatioWithSpread(x, th);
          cols.add("log_r");
          vals.add(p.mean()[0]);
          cols.add("log_r_std");
          vals.add(p.spread()[0]);
        } else {
          cols.add("log_r");
          vals.add(r.logRatio(x, th));
        }
      }
      write(t, rows, cols, vals);
      ObjectNode o = CliSupport.F.objectNode();
      o.put("model", model.toString());
      o.put("method", sm.method());
      o.put("events", t.size());
      o.put("evaluated", rows.length);
      o.set("columns", CliSupport.strings(cols));
      o.put("out", out.toString());
      PrintWriter pw = spec.commandLine().getOut();
      if (json.on()) {
        pw.println(io.sumbin.pyhf.Json.compact(o));
      } else {
        pw.printf(Locale.ROOT, "wrote %d events (%d evaluated) × %s to %s%n", t.size(), rows.length, cols, out);
      }
      pw.flush();
    }
    return 0;
  }

  private void write(EventTable t, int[] rows, List<String> cols, List<double[]> vals) {
    List<String> header = new ArrayList<>(List.of("event", "weight"));
    header.addAll(cols);
    Outputs.writeAtomically(out.path(), tmp -> {
      try (BufferedWriter w = Files.newBufferedWriter(tmp); CsvTable csv = new CsvTable(w, header)) {
        int r = 0;
        for (int i = 0; i < t.size(); i++) {
          boolean has = r < rows.length && rows[r] == i;
          CsvTable.Row row = csv.row().integer(i).value(t.weight(i));
          for (double[] v : vals) {
            if (has) {
              row.value(v[r]);
            } else {
              row.empty();
            }
          }
          row.end();
          if (has) {
            r++;
          }
        }
      }
    });
  }
}
