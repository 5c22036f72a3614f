package io.sumbin.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sumbin.binning.lhe.LheObservables;
import io.sumbin.binning.lhe.LheReadOptions;
import io.sumbin.binning.lhe.LheSample;
import io.sumbin.eft.morphing.EventQuadratics;
import io.sumbin.eft.morphing.QuadraticBasis;
import io.sumbin.eft.morphing.QuadraticMorphing;
import io.sumbin.pyhf.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sumbin lhe eft FILE...}: solves every event's quadratic (or, with {@code --linear}, linear)
 * dependence w(x|c) = θᵀB(x)θ on the Wilson coefficients from its reweighting weights. JSON fields:
 * {@code events, files, mode, coefficients, points, point_ids, components, condition_number,
 * max_rel_residual, cross_section_sm, cross_section_terms, fit_seconds}; cross_section_terms maps
 * each monomial (1, c, c^2, c*d) to its coefficient in σ(c)/σ_SM.
 */
@Command(name = "eft", description = "Per-event quadratic EFT morphing from MadGraph reweighting weights.",
    mixinStandardHelpOptions = true)
public final class LheEftCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE.lhe.gz", description = "event files of one process (same weight ids)")
  List<Path> files;

  @Option(names = "--linear", description = "fit only the linear terms (when the points do not span the quadratic space)")
  boolean linear;

  @Option(names = "--json", description = "print one JSON object")
  boolean json;

  @Override
  public Integer call() {
    LheSample s = LheCommand.read(files, LheReadOptions.DEFAULT.withObservables(LheObservables.none()));
    if (s.weightIds().isEmpty()) {
      throw new UserError(files.get(0) + ": no reweighting weights (<initrwgt> / <rwgt>) in the file");
    }
    long t0 = System.nanoTime();
    EventQuadratics q;
    try {
      q = QuadraticMorphing.fit(s, linear ? QuadraticMorphing.Mode.LINEAR : QuadraticMorphing.Mode.QUADRATIC);
    } catch (IllegalArgumentException e) {
      throw new UserError(String.join(", ", files.stream().map(Path::toString).toList()) + ": " + e.getMessage());
    }
    double seconds = (System.nanoTime() - t0) * 1e-9;
    ObjectNode o = toJson(s, q, seconds);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.compact(o));
    } else {
      out.print(text(o));
    }
    out.flush();
    return 0;
  }

  ObjectNode toJson(LheSample s, EventQuadratics q, double seconds) {
    ObjectNode o = CliSupport.F.objectNode();
    o.put("events", q.size());
    o.set("files", CliSupport.strings(files.stream().map(Path::toString).toList()));
    o.put("mode", linear ? "linear" : "quadratic");
    o.set("coefficients", CliSupport.strings(q.coefficients()));
    o.put("points", q.design().nPoints());
    o.set("point_ids", CliSupport.strings(s.weightIds()));
    o.put("components", q.basis().size());
    CliSupport.put(o, "condition_number", q.conditionNumber());
    CliSupport.put(o, "max_rel_residual", q.maxRelativeResidual());
    double[] total = q.totalComponents();
    CliSupport.put(o, "cross_section_sm", total[0]);
    ObjectNode terms = o.putObject("cross_section_terms");
    QuadraticBasis b = q.basis();
    for (int k = 0; k < b.size(); k++) {
      CliSupport.put(terms, b.componentName(k), (b.a(k) == b.b(k) ? 1 : 2) * total[k] / total[0]);
    }
    o.put("fit_seconds", Math.round(seconds * 1000) / 1000.0);
    return o;
  }

  static String text(ObjectNode o) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%s morphing of %d events from %d reweighting points (%d components)%n",
        o.get("mode").asText(), o.get("events").asInt(), o.get("points").asInt(), o.get("components").asInt()));
    List<String> c = new ArrayList<>();
    ((ArrayNode) o.get("coefficients")).forEach(n -> c.add(n.asText()));
    sb.append(String.format(Locale.ROOT, "coefficients       %s%n", String.join(" ", c)));
    sb.append(String.format(Locale.ROOT, "condition number   %s%n", CliSupport.fmt(o.get("condition_number").asDouble())));
    sb.append(String.format(Locale.ROOT, "max rel. residual  %s%n", CliSupport.fmt(o.get("max_rel_residual").asDouble())));
    sb.append(String.format(Locale.ROOT, "sigma(SM)          %s pb%n", CliSupport.fmt(o.get("cross_section_sm").asDouble())));
    sb.append("sigma(c)/sigma(SM) = sum of\n");
    o.get("cross_section_terms").properties().forEach(e ->
        sb.append(String.format(Locale.ROOT, "  %+.6e  %s%n", e.getValue().asDouble(), e.getKey())));
    return sb.toString();
  }
}
