package io.sumbin.cli;

import io.sumbin.histmodel.fit.FitOptions;
import io.sumbin.histmodel.inference.InferenceProblem;
import io.sumbin.histmodel.likelihood.LikelihoodModel;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * {@code --fix NAME=V} (repeatable): holds parameters fixed. Names are expanded parameter names
 * ({@code uncorr_bkguncrt[1]}) or one-component parameter sets; V must lie within the parameter's bounds.
 */
public final class FixOption {
  @Option(names = "--fix", paramLabel = "NAME=V",
      description = "hold a parameter fixed (repeatable; expanded names such as uncorr_bkguncrt[1] work; V within the bounds)")
  List<Converters.NamedValue> fixes;

  /** The fixes as given ({@code NAME=V} texts; empty when none). */
  public List<String> texts() {
    return fixes == null ? List.of() : fixes.stream().map(Converters.NamedValue::text).toList();
  }

  /** The options with the fixes applied; unknown names and values outside the bounds → {@link UserError}. */
  public FitOptions apply(LikelihoodModel m, FitOptions o) {
    if (fixes == null) {
      return o;
    }
    for (Converters.NamedValue f : fixes) {
      int i = m.parIndex(f.name());
      if (i < 0) {
        throw new UserError("--fix " + f.text() + ": unknown parameter '" + f.name() + "' (parameters: "
            + CliSupport.abbreviate(m.parNames()) + ")");
      }
      requireWithin(o, i, f.value(), "--fix " + f.text(), m.parName(i));
      o = o.withFixed(i, f.value());
    }
    return o;
  }

  /** The problem with the fixes applied; unknown names and values outside the bounds are bad input (exit 2). */
  public InferenceProblem apply(InferenceProblem p) {
    if (fixes == null) {
      return p;
    }
    for (Converters.NamedValue f : fixes) {
      p = p.withFixed(f.name(), f.value(), "--fix " + f.text());
    }
    return p;
  }

  /** Refuses a value outside parameter i's bounds with one line naming the option and the bounds. */
  static void requireWithin(FitOptions o, int i, double v, String what, String name) {
    if (v < o.lower()[i] || v > o.upper()[i]) {
      throw new UserError(String.format(Locale.ROOT, "%s: %s is outside the bounds [%s, %s] of '%s'", what,
          CliSupport.num(v), CliSupport.num(o.lower()[i]), CliSupport.num(o.upper()[i]), name));
    }
  }
}
