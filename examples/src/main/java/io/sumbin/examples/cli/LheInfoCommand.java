package io.sumbin.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sumbin.binning.EventTable;
import io.sumbin.binning.lhe.LheHeader;
import io.sumbin.binning.lhe.LheReadOptions;
import io.sumbin.binning.lhe.LheSample;
import io.sumbin.binning.lhe.WeightDeclaration;
import io.sumbin.eft.morphing.ParameterPoint;
import io.sumbin.pyhf.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sumbin lhe info FILE}: events, cross section, reweighting ids and the parameter points
 * they encode. JSON fields: {@code file, events, cross_section, cross_section_error, sum_weights,
 * weight_normalization, beams, sqrt_s, weight_ids, points, parameter_points, coefficients,
 * observables, read_seconds}.
 */
@Command(name = "info", description = "Summary of a Les Houches event file (.lhe or .lhe.gz).", mixinStandardHelpOptions = true)
public final class LheInfoCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE.lhe.gz", description = "event file (plain or gzip)")
  Path file;

  @Option(names = "--json", description = "print one JSON object")
  boolean json;

  @Override
  public Integer call() {
    long t0 = System.nanoTime();
    LheSample s = LheCommand.read(List.of(file), LheReadOptions.DEFAULT);
    double seconds = (System.nanoTime() - t0) * 1e-9;
    PrintWriter out = spec.commandLine().getOut();
    ObjectNode o = toJson(s, seconds);
    if (json) {
      out.println(Json.compact(o));
    } else {
      out.print(text(s, seconds));
    }
    out.flush();
    return 0;
  }

  /** The parsed point of an id, or null if it is not a MadGraph-style id. */
  static ParameterPoint point(String id) {
    try {
      return ParameterPoint.parseMadGraphId(id);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static ObjectNode toJson(LheSample s, double seconds) {
    LheHeader h = s.headers().get(0);
    EventTable t = s.events();
    ObjectNode o = CliSupport.F.objectNode();
    o.put("file", s.files().get(0).toString());
    o.put("events", t.size());
    CliSupport.put(o, "cross_section", h.crossSection());
    CliSupport.put(o, "cross_section_error", h.crossSectionError());
    CliSupport.put(o, "sum_weights", t.sumWeights());
    o.put("weight_normalization", s.normalizations().get(0).name().toLowerCase(Locale.ROOT));
    ArrayNode beams = o.putArray("beams");
    beams.add(h.beam1());
    beams.add(h.beam2());
    CliSupport.put(o, "sqrt_s", h.sqrtS());
    o.set("weight_ids", CliSupport.strings(s.weightIds()));
    o.put("points", s.weightIds().size());
    ArrayNode pts = o.putArray("parameter_points");
    Set<String> coefficients = new LinkedHashSet<>();
    for (String id : s.weightIds()) {
      ObjectNode p = pts.addObject();
      p.put("id", id);
      ParameterPoint pp = point(id);
      if (pp == null) {
        p.putNull("values");
      } else {
        ObjectNode v = p.putObject("values");
        for (Map.Entry<String, Double> e : pp.values().entrySet()) {
          v.put(e.getKey(), e.getValue());
          coefficients.add(e.getKey());
        }
      }
    }
    o.set("coefficients", CliSupport.strings(new ArrayList<>(coefficients)));
    List<String> obs = new ArrayList<>();
    for (String c : t.columnNames()) {
      if (!c.startsWith(LheSample.REWEIGHT_PREFIX)) {
        obs.add(c);
      }
    }
    o.set("observables", CliSupport.strings(obs));
    o.put("read_seconds", Math.round(seconds * 1000) / 1000.0);
    return o;
  }

  static String text(LheSample s, double seconds) {
    LheHeader h = s.headers().get(0);
    EventTable t = s.events();
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "file           %s%n", s.files().get(0)));
    sb.append(String.format(Locale.ROOT, "events         %d (read in %.2f s)%n", t.size(), seconds));
    sb.append(String.format(Locale.ROOT, "cross section  %s ± %s pb (header); sum of weights %s pb (XWGTUP %s)%n",
        CliSupport.fmt(h.crossSection()), CliSupport.fmt(h.crossSectionError()), CliSupport.fmt(t.sumWeights()),
        s.normalizations().get(0).name().toLowerCase(Locale.ROOT)));
    sb.append(String.format(Locale.ROOT, "beams          %d %d, sqrt(s) = %.0f GeV%n", h.beam1(), h.beam2(), h.sqrtS()));
    List<String> obs = new ArrayList<>();
    for (String c : t.columnNames()) {
      if (!c.startsWith(LheSample.REWEIGHT_PREFIX)) {
        obs.add(c);
      }
    }
    sb.append(String.format(Locale.ROOT, "observables    %s%n", obs.isEmpty() ? "(none detected)" : String.join(" ", obs)));
    sb.append(String.format(Locale.ROOT, "weights        %d reweighting points%n", s.weightIds().size()));
    int w = 4;
    for (String id : s.weightIds()) {
      w = Math.max(w, id.length());
    }
    for (WeightDeclaration d : h.weights()) {
      ParameterPoint p = point(d.id());
      String values;
      if (p == null) {
        values = "(not a MadGraph parameter id)";
      } else if (p.isSm()) {
        values = "Standard Model";
      } else {
        List<String> kv = new ArrayList<>();
        p.values().forEach((k, v) -> kv.add(k + " = " + v));
        values = String.join(", ", kv);
      }
      sb.append(String.format(Locale.ROOT, "  %-" + w + "s  %s%n", d.id(), values));
    }
    return sb.toString();
  }
}
