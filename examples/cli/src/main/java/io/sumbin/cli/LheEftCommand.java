package io.sumbin.cli;

import io.sumbin.binning.lhe.LheObservables;
import io.sumbin.binning.lhe.LheReadOptions;
import io.sumbin.binning.lhe.LheSample;
import io.sumbin.eft.LheMorphing;
import io.sumbin.eft.morphing.EventQuadratics;
import io.sumbin.eft.morphing.QuadraticMorphing;
import java.io.PrintWriter;
import java.nio.file.Path;
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

  @Mixin
  StrictOption strict;

  @Parameters(arity = "1..*", paramLabel = "FILE.lhe.gz", description = "event files of one process (same weight ids)")
  List<Path> files;

  @Option(names = "--linear", description = "fit only the linear terms (when the points do not span the quadratic space)")
  boolean linear;

  @Mixin
  JsonOption json;

  @Override
  public Integer call() {
    LheSample s = LheCommand.read(files, LheReadOptions.DEFAULT.withObservables(LheObservables.none()));
    if (s.weightIds().isEmpty()) {
      throw new UserError(files.get(0) + ": no reweighting weights (<initrwgt> / <rwgt>) in the file");
    }
    long t0 = System.nanoTime();
    EventQuadratics q = QuadraticMorphing.fit(s, linear ? QuadraticMorphing.Mode.LINEAR : QuadraticMorphing.Mode.QUADRATIC);
    double seconds = (System.nanoTime() - t0) * 1e-9;
    LheMorphing r = LheMorphing.of(files.stream().map(Path::toString).toList(), s, q, linear, seconds);
    PrintWriter out = spec.commandLine().getOut();
    if (json.on()) {
      CliSupport.printJson(out, r);
    } else {
      out.print(text(r));
    }
    out.flush();
    return 0;
  }

  static String text(LheMorphing r) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%s morphing of %d events from %d reweighting points (%d components)%n",
        r.mode(), r.events(), r.points(), r.components()));
    sb.append(String.format(Locale.ROOT, "coefficients       %s%n", String.join(" ", r.coefficients())));
    sb.append(String.format(Locale.ROOT, "condition number   %s%n", CliSupport.fmt(r.conditionNumber())));
    sb.append(String.format(Locale.ROOT, "max rel. residual  %s%n", CliSupport.fmt(r.maxRelResidual())));
    sb.append(String.format(Locale.ROOT, "sigma(SM)          %s pb%n", CliSupport.fmt(r.crossSectionSmPb())));
    sb.append("sigma(c)/sigma(SM) = sum of\n");
    r.crossSectionTerms().forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %+.6e  %s%n", v, k)));
    return sb.toString();
  }
}
