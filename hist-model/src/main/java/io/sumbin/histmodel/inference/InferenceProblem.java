package io.sumbin.histmodel.inference;

import io.sumbin.histmodel.BadInputException;
import io.sumbin.histmodel.fit.FitOptions;
import io.sumbin.histmodel.likelihood.LikelihoodModel;
import io.sumbin.histmodel.util.RecordText;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * What is inferred: a likelihood model L(θ | data), the data it is evaluated on (main entries
 * followed by the auxiliary data, {@code model.nMain() + model.nAux()} values) and the fit options
 * (initial values, bounds, fixed parameters). Immutable; change with the {@code withX} copies. The
 * array is not copied on construction: callers hand over ownership.
 *
 * <p>The checks ({@link #requirePoi}, {@link #requireFreePoi}, {@link #requireWithin},
 * {@link #parameter}, {@link #withFixed(String, double, String)}) throw {@link BadInputException}
 * with one line that names the option or task, so that every caller refuses the same input with the
 * same message.
 *
 * @param model the likelihood (binned {@code CompiledModel} or unbinned)
 * @param data main + auxiliary data (read, never written)
 * @param options fit options for the free and conditional fits
 * @param source what the problem was read from ("ws.json + patch.json"), for messages
 */
public record InferenceProblem(LikelihoodModel model, double[] data, FitOptions options, String source) {
  @Override
  public String toString() {
    return RecordText.of(this);
  }

  public InferenceProblem {
    if (model == null || data == null || options == null) {
      throw new IllegalArgumentException("model, data and options are required");
    }
    if (data.length != model.nMain() + model.nAux()) {
      throw new IllegalArgumentException("data has " + data.length + " entries, model expects " + (model.nMain() + model.nAux()));
    }
  }

  /** The model with its data and its suggested fit options ({@link FitOptions#suggested}). */
  public static InferenceProblem of(LikelihoodModel model, double[] data) {
    return new InferenceProblem(model, data, FitOptions.suggested(model), "");
  }

  public InferenceProblem withData(double[] d) {
    return new InferenceProblem(model, d, options, source);
  }

  public InferenceProblem withOptions(FitOptions o) {
    return new InferenceProblem(model, data, o, source);
  }

  public InferenceProblem withSource(String s) {
    return new InferenceProblem(model, data, options, s);
  }

  /**
   * Holds parameter {@code name} fixed at {@code value}: an unknown name or a value outside the
   * parameter's bounds is bad input.
   *
   * @param what how the request reads in messages ({@code --fix mu=2})
   */
  public InferenceProblem withFixed(String name, double value, String what) {
    int i = model.parIndex(name);
    if (i < 0) {
      throw new BadInputException(what + ": unknown parameter '" + name + "' (parameters: " + abbreviate(model.parNames()) + ")");
    }
    requireWithin(i, value, what);
    return withOptions(options.withFixed(i, value));
  }

  /**
   * One request to hold a parameter fixed ({@link #withFixed(List)}).
   *
   * @param name the (expanded) parameter name
   * @param value the value it is held at
   * @param what how the request reads in messages ({@code --fix mu=2})
   */
  public record Fix(String name, double value, String what) {}

  /**
   * Applies the fixes in order ({@link #withFixed(String, double, String)} each); two requests that
   * fix the same parameter at different values are bad input naming both (the same value twice is
   * accepted).
   */
  public InferenceProblem withFixed(List<Fix> fixes) {
    Map<Integer, Fix> seen = new HashMap<>();
    InferenceProblem p = this;
    for (Fix f : fixes) {
      p = p.withFixed(f.name(), f.value(), f.what());
      int i = model.parIndex(f.name());
      Fix before = seen.putIfAbsent(i, f);
      if (before != null && Double.compare(before.value(), f.value()) != 0) {
        throw new BadInputException(f.what() + ": '" + model.parName(i) + "' is also fixed by " + before.what()
            + "; give one value per parameter");
      }
    }
    return p;
  }

  /** The POI's index, or bad input ("{@code task} needs one") when the model has none. */
  public int requirePoi(String task) {
    int p = model.poiIndex();
    if (p < 0) {
      throw new BadInputException((source.isEmpty() ? "" : source + ": ") + "the model has no parameter of interest; "
          + task + " needs one");
    }
    return p;
  }

  /** {@link #requirePoi} and a POI that is not held fixed (profile-likelihood tests fit it). */
  public int requireFreePoi(String task) {
    int p = requirePoi(task);
    if (options.fixed()[p]) {
      throw new BadInputException("the POI '" + model.poiName() + "' cannot be fixed in " + task);
    }
    return p;
  }

  /** The index of a parameter by its (expanded) name; unknown → bad input naming {@code option}. */
  public int parameter(String name, String option) {
    int i = model.parIndex(name);
    if (i < 0) {
      throw new BadInputException(option + " " + name + ": unknown parameter (parameters: " + abbreviate(model.parNames()) + ")");
    }
    return i;
  }

  /** Refuses a value of parameter i outside its bounds [lower, upper] (one line naming {@code what} and the bounds). */
  public void requireWithin(int i, double v, String what) {
    if (v < options.lower()[i] || v > options.upper()[i]) {
      throw new BadInputException(String.format(Locale.ROOT, "%s: %s is outside the bounds [%s, %s] of '%s'", what,
          num(v), num(options.lower()[i]), num(options.upper()[i]), model.parName(i)));
    }
  }

  /** Refuses a grid of parameter i that leaves its bounds (one line naming {@code what}, the grid and the bounds). */
  public void requireGridWithin(int i, double lo, double hi, String what, String grid) {
    if (lo < options.lower()[i] || hi > options.upper()[i]) {
      throw new BadInputException(String.format(Locale.ROOT, "%s %s leaves the bounds [%s, %s] of '%s'", what, grid,
          num(options.lower()[i]), num(options.upper()[i]), model.parName(i)));
    }
  }

  /** The first 12 names, then how many there are in all (messages). */
  public static String abbreviate(List<String> names) {
    if (names.size() <= 12) {
      return String.join(", ", names);
    }
    return String.join(", ", names.subList(0, 12)) + ", ... (" + names.size() + " in all)";
  }

  /** A number as short as it reads exactly: 10, -50, 0.25, 1.0E-10 (messages). */
  public static String num(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }
}
