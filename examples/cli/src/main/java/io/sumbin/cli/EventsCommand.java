package io.sumbin.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sumbin.binning.EventTable;
import io.sumbin.binning.expr.Expression;
import io.sumbin.binning.source.EventSample;
import io.sumbin.binning.source.EventSources;
import io.sumbin.binning.source.MadMinerMorphing;
import io.sumbin.binning.source.ReadOptions;
import io.sumbin.binning.source.SourceInfo;
import io.sumbin.eft.morphing.ParameterPoint;
import io.sumbin.pyhf.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sumbin events info|convert}: event files of any format (LHE, Parquet, CSV, MadMiner HDF5). */
@Command(name = "events", description = "Event files (LHE, Parquet, CSV, MadMiner HDF5): summary and conversion.",
    mixinStandardHelpOptions = true, subcommands = {EventsCommand.Info.class, EventsCommand.Convert.class})
public final class EventsCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: info or convert");
  }

  /**
   * {@code sumbin events info FILE}: columns and their types, weights, benchmarks, morphing and number of
   * events. JSON fields: {@code file, format, events, columns [{name, type}], observables,
   * weight_column, weight_ids, parameters, benchmarks {id: {parameter: value}}, morphing
   * ({components, benchmarks} or null)}.
   */
  @Command(name = "info", description = "Columns, weights, benchmarks and number of events of an event file.",
      mixinStandardHelpOptions = true)
  public static final class Info implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = ".lhe[.gz], .parquet, .csv[.gz], .h5/.hdf5 (MadMiner)")
    Path file;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Override
    public Integer call() {
      requireFile(file);
      SourceInfo i = EventSources.info(file);
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        CliSupport.printJson(out, json(i));
      } else {
        out.print(text(i));
      }
      out.flush();
      return 0;
    }

    static ObjectNode json(SourceInfo i) {
      ObjectNode o = Json.MAPPER.createObjectNode();
      o.put("file", i.file().toString());
      o.put("format", i.format());
      if (i.events() >= 0) {
        o.put("events", i.events());
      } else {
        o.putNull("events");
      }
      ArrayNode cols = o.putArray("columns");
      for (SourceInfo.ColumnInfo c : i.columns()) {
        cols.addObject().put("name", c.name()).put("type", c.type());
      }
      i.observables().forEach(o.putArray("observables")::add);
      if (i.weightColumn() == null) {
        o.putNull("weight_column");
      } else {
        o.put("weight_column", i.weightColumn());
      }
      i.weightIds().forEach(o.putArray("weight_ids")::add);
      i.parameters().forEach(o.putArray("parameters")::add);
      ObjectNode b = o.putObject("benchmarks");
      i.benchmarkValues().forEach((id, v) -> {
        ObjectNode p = b.putObject(id);
        for (int k = 0; k < v.length; k++) {
          p.put(i.parameters().get(k), v[k]);
        }
      });
      if (i.morphing().isPresent()) {
        MadMinerMorphing m = i.morphing().get();
        o.putObject("morphing").put("components", m.size()).put("benchmarks", m.benchmarks());
      } else {
        o.putNull("morphing");
      }
      return o;
    }

    static String text(SourceInfo i) {
      StringBuilder sb = new StringBuilder();
      sb.append(String.format(Locale.ROOT, "file         %s (%s)%n", i.file(), i.format()));
      sb.append(String.format(Locale.ROOT, "events       %s%n", i.events() >= 0 ? Long.toString(i.events()) : "unknown"));
      sb.append(String.format(Locale.ROOT, "weight       %s%n", i.weightColumn() == null ? "(none: every event 1)" : i.weightColumn()));
      sb.append(String.format(Locale.ROOT, "observables  %d: %s%n", i.observables().size(), String.join(" ", i.observables())));
      sb.append(String.format(Locale.ROOT, "EFT weights  %d%s%n", i.weightIds().size(),
          i.parameters().isEmpty() ? "" : " over " + String.join(", ", i.parameters())));
      for (String id : i.weightIds()) {
        double[] v = i.benchmarkValues().get(id);
        List<String> kv = new ArrayList<>();
        if (v != null) {
          for (int k = 0; k < v.length; k++) {
            kv.add(i.parameters().get(k) + " = " + CliSupport.num(v[k]));
          }
        }
        sb.append(String.format(Locale.ROOT, "  %s%s%n", id, kv.isEmpty() ? "" : "  " + String.join(", ", kv)));
      }
      i.morphing().ifPresent(m -> sb.append(String.format(Locale.ROOT, "morphing     %d components over %d benchmarks%n",
          m.size(), m.benchmarks())));
      sb.append("columns\n");
      for (SourceInfo.ColumnInfo c : i.columns()) {
        sb.append(String.format(Locale.ROOT, "  %-24s %s%n", c.name(), c.type()));
      }
      return sb.toString();
    }
  }

  /**
   * {@code sumbin events convert IN... OUT}: reads event files (one file chunk by chunk, so that Parquet
   * and CSV output never hold the whole sample; several files of one process are combined as for LHE), optionally keeps some observables, adds derived ones and applies a
   * selection, and writes one Parquet, CSV or HDF5 file (by OUT's extension), atomically. EFT weight ids
   * that are MadGraph reweighting names are declared as benchmark values; HDF5 is MadMiner's layout when
   * every EFT weight has declared values, else a flat table. JSON fields:
   * {@code inputs, output, format, events, selected, observables, weight_ids}.
   */
  @Command(name = "convert", description = "Convert event files to Parquet, CSV or MadMiner HDF5 (observables + weights).",
      mixinStandardHelpOptions = true)
  public static final class Convert implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StrictOption strict;

    @Parameters(arity = "2..*", paramLabel = "FILE", description = "input files, then the output (.parquet, .csv[.gz], .h5)")
    List<Path> files;

    @Option(names = "--observables", split = ",", paramLabel = "NAME", description = "keep only these observables of the input (derived ones are always written)")
    List<String> observables;

    @Option(names = "--define", paramLabel = "NAME=EXPR", description = "add a derived observable, e.g. log_pt_h=log(pt_h)")
    List<String> defines;

    @Option(names = "--select", paramLabel = "EXPR", description = "keep the events passing, e.g. 'm_jj > 500 && abs(deta_jj) > 3'")
    String select;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Override
    public Integer call() throws IOException {
      List<Path> in = files.subList(0, files.size() - 1);
      Path out = files.get(files.size() - 1);
      for (Path f : in) {
        requireFile(f);
        if (Files.exists(out) && Files.isSameFile(f, out)) {
          throw new UserError(out + ": the output would overwrite an input");
        }
      }
      if (EventSources.format(out) == EventSources.Format.LHE) {
        throw new UserError(out + ": cannot write LHE; the output must be .parquet, .csv, .csv.gz or .h5");
      }
      Map<String, Expression> derived = new LinkedHashMap<>();
      if (defines != null) {
        for (String d : defines) {
          int eq = d.indexOf('=');
          if (eq <= 0) {
            throw new UserError("--define '" + d + "': expected NAME=EXPR");
          }
          derived.put(d.substring(0, eq).trim(), Expression.parse(d.substring(eq + 1)));
        }
      }
      final Expression cut = select == null ? null : Expression.parse(select);
      // read what the definitions and the selection need, besides the kept observables
      ReadOptions ro = ReadOptions.DEFAULT;
      if (observables != null) {
        Set<String> need = new LinkedHashSet<>(observables);
        derived.values().forEach(e -> need.addAll(e.columns()));
        if (cut != null) {
          need.addAll(cut.columns());
        }
        need.remove("weight");
        need.removeAll(derived.keySet());
        ro = ro.withObservables(List.copyOf(need));
      }
      String where = in.get(0).toString();
      Set<String> keep = null;
      if (observables != null) {
        keep = new LinkedHashSet<>(observables);
        keep.addAll(derived.keySet());
      }
      Set<String> keepFinal = keep;
      java.util.function.UnaryOperator<EventTable> transform = chunk -> {
        EventTable t = chunk;
        for (Map.Entry<String, Expression> e : derived.entrySet()) {
          e.getValue().requireColumns(t.columnNames(), where);
          t = e.getValue().withColumn(t, e.getKey());
        }
        if (cut != null) {
          cut.requireColumns(t.columnNames(), where);
          t = cut.select(t);
        }
        if (keepFinal != null) {
          for (String c : t.columnNames()) {
            if (!c.startsWith(io.sumbin.binning.lhe.LheSample.REWEIGHT_PREFIX) && !keepFinal.contains(c)) {
              t = t.withoutColumn(c);
            }
          }
        }
        return t;
      };
      long before;
      long after;
      EventSample result;
      if (in.size() == 1) {
        // one file: chunk by chunk (Parquet and CSV output hold one chunk at a time)
        EventSources.Converted c = EventSources.convert(in.get(0), ro, transform, EventsCommand::declareMadGraphPoints, out);
        before = c.read();
        after = c.written();
        result = c.first();
      } else {
        EventSample s = EventSources.read(in, ro);
        EventTable t = transform.apply(s.events());
        before = s.events().size();
        after = t.size();
        result = declareMadGraphPoints(s.withEvents(t));
        EventSources.write(result, out);
      }
      PrintWriter pw = spec.commandLine().getOut();
      if (json) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        in.forEach(p -> o.withArray("inputs").add(p.toString()));
        o.put("output", out.toString());
        o.put("format", EventSources.format(out).label());
        o.put("events", before);
        o.put("selected", after);
        result.observables().forEach(o.putArray("observables")::add);
        result.weightIds().forEach(o.putArray("weight_ids")::add);
        CliSupport.printJson(pw, o);
      } else {
        pw.printf(Locale.ROOT, "%s: %d of %d events, %d observables, %d EFT weights (%s)%n", out, after, before,
            result.observables().size(), result.weightIds().size(), EventSources.format(out).label());
      }
      pw.flush();
      return 0;
    }
  }

  /** Declares benchmark values when every EFT weight id is a MadGraph reweighting name (else unchanged). */
  static EventSample declareMadGraphPoints(EventSample s) {
    if (!s.benchmarkValues().isEmpty() || s.weightIds().isEmpty()) {
      return s;
    }
    List<ParameterPoint> pts = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    for (String id : s.weightIds()) {
      try {
        ParameterPoint p = ParameterPoint.parseMadGraphId(id);
        pts.add(p);
        names.addAll(p.values().keySet());
      } catch (io.sumbin.histmodel.BadInputException e) { // not MadGraph-style ids: leave the sample as it is
        return s;
      }
    }
    List<String> params = List.copyOf(names);
    Map<String, double[]> values = new LinkedHashMap<>();
    for (ParameterPoint p : pts) {
      values.put(p.id(), p.vector(params));
    }
    return s.withBenchmarks(params, values);
  }

  static void requireFile(Path f) {
    if (!Files.exists(f)) {
      throw new UserError(f + ": no such file");
    }
    if (!Files.isReadable(f) || Files.isDirectory(f)) {
      throw new UserError(f + ": not a readable file");
    }
  }
}
