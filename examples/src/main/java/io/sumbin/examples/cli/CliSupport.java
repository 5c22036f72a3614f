package io.sumbin.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.fit.FitOptions;
import io.sumbin.histmodel.interp.InterpCode;
import io.sumbin.histmodel.spec.ModifierSettings;
import io.sumbin.histmodel.spec.Workspace;
import io.sumbin.pyhf.InputException;
import io.sumbin.pyhf.Json;
import io.sumbin.pyhf.PyhfDigest;
import java.io.PrintStream;
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
  }

  /** Reads a workspace and compiles a measurement (first when null), no patches. Bad input → {@link InputException}. */
  public static Loaded load(Path file, String measurement, List<String> interp) {
    return new WorkspaceInput().load(file, measurement, interp, null);
  }

  /** {@code normsys=code1}, {@code histosys=code0} → settings (defaults as pyhf). */
  public static ModifierSettings interpSettings(List<String> items) {
    ModifierSettings s = ModifierSettings.DEFAULT;
    if (items == null) {
      return s;
    }
    for (String it : items) {
      int eq = it.indexOf('=');
      if (eq < 0) {
        throw new UserError("--interp expects TYPE=CODE (e.g. normsys=code1), got '" + it + "'");
      }
      String type = it.substring(0, eq).trim();
      InterpCode code;
      try {
        code = InterpCode.parse(it.substring(eq + 1));
      } catch (IllegalArgumentException e) {
        throw new UserError("--interp " + it + ": " + e.getMessage());
      }
      try {
        s = switch (type) {
          case "normsys" -> s.withNormsys(code);
          case "histosys" -> s.withHistosys(code);
          default -> throw new UserError("--interp: only normsys and histosys have interpolation codes, got '" + type + "'");
        };
      } catch (IllegalArgumentException e) {
        throw new UserError("--interp " + it + ": " + e.getMessage());
      }
    }
    return s;
  }

  /** Applies {@code --fix NAME=VALUE} options to fit options. Unknown names → {@link UserError}. */
  public static FitOptions applyFixes(CompiledModel m, FitOptions o, List<String> fixes) {
    if (fixes == null) {
      return o;
    }
    for (String f : fixes) {
      int eq = f.lastIndexOf('=');
      if (eq <= 0) {
        throw new UserError("--fix expects NAME=VALUE, got '" + f + "'");
      }
      String name = f.substring(0, eq).trim();
      double v;
      try {
        v = Double.parseDouble(f.substring(eq + 1).trim());
      } catch (NumberFormatException e) {
        throw new UserError("--fix " + f + ": '" + f.substring(eq + 1) + "' is not a number");
      }
      int i = m.parIndex(name);
      if (i < 0) {
        throw new UserError("--fix " + f + ": unknown parameter '" + name + "' (parameters: " + abbreviate(m.parNames()) + ")");
      }
      o = o.withFixed(i, v);
    }
    return o;
  }

  static String abbreviate(List<String> names) {
    if (names.size() <= 12) {
      return String.join(", ", names);
    }
    return String.join(", ", names.subList(0, 12)) + ", ... (" + names.size() + " in all)";
  }

  /** JSON array of doubles; non-finite values become null (JSON has no NaN). */
  public static ArrayNode array(double[] a) {
    ArrayNode n = F.arrayNode();
    for (double v : a) {
      number(n, v);
    }
    return n;
  }

  /** JSON array of strings. */
  public static ArrayNode strings(List<String> a) {
    ArrayNode n = F.arrayNode();
    a.forEach(n::add);
    return n;
  }

  static void number(ArrayNode n, double v) {
    if (Double.isFinite(v)) {
      n.add(v);
    } else {
      n.addNull();
    }
  }

  /** Puts a double, null when not finite. */
  public static void put(ObjectNode o, String key, double v) {
    if (Double.isFinite(v)) {
      o.put(key, v);
    } else {
      o.putNull(key);
    }
  }

  /** Prints one JSON object on one line. */
  /** Prints the warning part of a converged result's message (tolerated toy failures) on stderr. */
  public static void warnings(String source, String message) {
    if (message == null) {
      return;
    }
    int k = message.indexOf(io.sumbin.histmodel.infer.toys.ToyDistributions.WARNING);
    if (k >= 0) {
      System.err.println(source + ": " + message.substring(k));
    }
  }

  public static void printJson(PrintStream out, ObjectNode o) {
    out.println(Json.compact(o));
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
