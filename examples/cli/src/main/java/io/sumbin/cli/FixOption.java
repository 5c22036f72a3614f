package io.sumbin.cli;

import io.sumbin.histmodel.inference.InferenceProblem;
import java.util.List;
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

  /**
   * The problem with the fixes applied ({@link InferenceProblem#withFixed(List)}); unknown names,
   * values outside the bounds and one parameter fixed at two values are bad input (exit 2, one line
   * naming the option).
   */
  public InferenceProblem apply(InferenceProblem p) {
    if (fixes == null) {
      return p;
    }
    return p.withFixed(fixes.stream().map(f -> new InferenceProblem.Fix(f.name(), f.value(), "--fix " + f.text())).toList());
  }
}
