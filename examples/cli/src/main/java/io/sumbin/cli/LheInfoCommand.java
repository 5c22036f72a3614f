package io.sumbin.cli;

import io.sumbin.binning.EventTable;
import io.sumbin.binning.lhe.LheHeader;
import io.sumbin.binning.lhe.LheReadOptions;
import io.sumbin.binning.lhe.LheSample;
import io.sumbin.binning.lhe.WeightDeclaration;
import io.sumbin.eft.LheInfo;
import io.sumbin.eft.morphing.ParameterPoint;
import java.io.PrintWriter;
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

  @Mixin
  JsonOption json;

  @Override
  public Integer call() {
    long t0 = System.nanoTime();
    LheSample s = LheCommand.read(List.of(file), LheReadOptions.DEFAULT);
    double seconds = (System.nanoTime() - t0) * 1e-9;
    PrintWriter out = spec.commandLine().getOut();
    if (json.on()) {
      CliSupport.printJson(out, LheInfo.of(s, seconds));
    } else {
      out.print(text(s, seconds));
    }
    out.flush();
    return 0;
  }

  static String text(LheSample s, double seconds) {
    LheHeader h = s.headers().get(0);
    EventTable t = s.events();
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "file           %s%n", s.files().get(0)));
    sb.append(String.format(Locale.ROOT, "events         %d (read in %.2f s)%n", t.size(), seconds));
    sb.append(String.format(Locale.ROOT, "cross section  %s ± %s pb (header); sum of weights %s pb (XWGTUP %s)%n",
        CliSupport.fmt(h.crossSectionPb()), CliSupport.fmt(h.crossSectionErrorPb()), CliSupport.fmt(t.sumWeights()),
        s.normalizations().get(0).name().toLowerCase(Locale.ROOT)));
    sb.append(String.format(Locale.ROOT, "beams          %d %d, sqrt(s) = %.0f GeV%n", h.beam1(), h.beam2(), h.sqrtS()));
    List<String> obs = LheInfo.observables(t);
    sb.append(String.format(Locale.ROOT, "observables    %s%n", obs.isEmpty() ? "(none detected)" : String.join(" ", obs)));
    sb.append(String.format(Locale.ROOT, "weights        %d reweighting points%n", s.weightIds().size()));
    int w = 4;
    for (String id : s.weightIds()) {
      w = Math.max(w, id.length());
    }
    for (WeightDeclaration d : h.weights()) {
      ParameterPoint p = LheInfo.point(d.id());
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
