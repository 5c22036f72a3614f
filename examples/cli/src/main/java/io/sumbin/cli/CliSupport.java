package io.sumbin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.fit.FitOptions;
import io.sumbin.histmodel.infer.TestStatistic;
import io.sumbin.histmodel.inference.InferenceOptions;
import io.sumbin.histmodel.inference.InferenceProblem;
import io.sumbin.histmodel.spec.ModifierSettings;
import io.sumbin.histmodel.spec.Workspace;
import io.sumbin.pyhf.InputException;
import io.sumbin.pyhf.Json;
import io.sumbin.pyhf.WorkspaceIO;
import io.sumbin.pyhf.PyhfDigest;
import io.sumbin.pyhf.results.ResultJson;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Helpers shared by the commands: loading input, parsing options, printing JSON and tables. */
public final class CliSupport {
  /** Shared node factory. */
  public static final JsonNodeFactory F = JsonNodeFactory.instance;

  private CliSupport() {}

  /**
   * A workspace file (patches applied) together with the compiled model of one of its measurements.
   *
   * @param document the (patched) workspace document
   * @param source the workspace file and its patches, for messages ("BKG.json + patch.json")
   */
  public record Loaded(Path file, Workspace workspace, String measurement, CompiledModel model, double[] data,
      JsonNode document, String source) {
    /**
     * pyhf's sha256 digest of the (patched) workspace document: the model's identity (computed on
     * demand; only toy journals need it, and it costs start-up time).
     */
    public String digest() {
      return PyhfDigest.sha256(document);
    }

    /** The inference problem of the facade: the model, its observed data and its suggested fit options. */
    public InferenceProblem problem() {
      return new InferenceProblem(model, data, FitOptions.suggested(model), source);
    }
  }

  /**
   * Reads a workspace and compiles a measurement (first when null), no patches. Bad input →
   * {@link InputException}; what pyhf accepts is read as pyhf does, with a warning on stderr, unless
   * the strictness (the console's, {@code --strict}) is {@link WorkspaceIO.Strictness#STRICT}.
   */
  public static Loaded load(Path file, String measurement, List<Converters.Interp> interp, WorkspaceIO.Strictness strictness) {
    return new WorkspaceInput().load(file, measurement, interp, null, strictness);
  }

  /**
   * Refuses a test whose background-only hypothesis (POI = 0, the other parameters at their
   * suggested values) expects no events in a bin where events were observed: a zero background with
   * data. Every fit at POI = 0 then has an infinite −ln L (a Poisson mean of 0 for n &gt; 0), so
   * q̃, q and q₀ are undefined; say so instead of a minimizer's "objective is not finite".
   */
  public static void requirePossibleBackgroundOnly(CompiledModel m, FitOptions o, double[] data, String source) {
    int poi = m.poiIndex();
    if (poi < 0 || !(o.lower()[poi] <= 0 && o.upper()[poi] >= 0)) {
      return;
    }
    double[] pars = o.init().clone();
    pars[poi] = 0;
    double[] expected = new double[m.nMain() + m.nAux()];
    m.expectedData(pars, expected);
    for (int c = 0; c < m.channelNames().size(); c++) {
      for (int b = 0; b < m.channelNbins(c); b++) {
        int k = m.channelOffset(c) + b;
        if (data[k] > 0 && !(expected[k] > 0)) {
          throw new UserError(source + ": the background-only hypothesis (" + m.poiName() + " = 0) is impossible: bin " + b
              + " of channel '" + m.channelNames().get(c) + "' observes " + num(data[k]) + " events and expects "
              + num(expected[k]) + " without signal (no background there); add a background estimate to that bin");
        }
      }
    }
  }

  /** The settings of the {@code --interp} choices, in order, from pyhf's defaults (none: the defaults). */
  public static ModifierSettings interpSettings(List<Converters.Interp> items) {
    ModifierSettings s = ModifierSettings.DEFAULT;
    for (Converters.Interp it : items == null ? List.<Converters.Interp>of() : items) {
      s = it.apply(s);
    }
    return s;
  }

  /**
   * Refuses a test statistic the command cannot use (one line naming the command and the ones it can).
   */
  public static TestStatistic requireStatistic(TestStatistic ts, String command, TestStatistic... allowed) {
    return InferenceOptions.requireStatistic(ts, "--test-stat", command, allowed);
  }

  static String abbreviate(List<String> names) {
    return InferenceProblem.abbreviate(names);
  }

  /** JSON array of strings. */
  public static ArrayNode strings(List<String> a) {
    ArrayNode n = F.arrayNode();
    a.forEach(n::add);
    return n;
  }

  /** Prints the warning part of a converged result's message (tolerated toy failures) on {@code err}. */
  public static void warnings(PrintWriter err, String source, String message) {
    if (message == null) {
      return;
    }
    int k = message.indexOf(io.sumbin.histmodel.infer.toys.ToyDistributions.WARNING);
    if (k >= 0) {
      err.println(source + ": " + message.substring(k));
    }
  }

  /** Prints one JSON object on one line. */
  public static void printJson(PrintWriter out, ObjectNode o) {
    out.println(Json.compact(o));
  }

  /** Prints a result record of the library (its JSON contract, {@link ResultJson}) on one line. */
  public static void printJson(PrintWriter out, Object result) {
    out.println(ResultJson.compact(result));
  }

  /** A number as short as it reads exactly: 10, -50, 0.25, 1.0E-10 (messages). */
  public static String num(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  /** Formats a number for tables. */
  public static String fmt(double v) {
    if (!Double.isFinite(v)) {
      return String.valueOf(v);
    }
    double a = Math.abs(v);
    if (a != 0 && (a < 1e-3 || a >= 1e6)) {
      return String.format(Locale.ROOT, "%.6e", v);
    }
    return String.format(Locale.ROOT, "%.6f", v);
  }
}
