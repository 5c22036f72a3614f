package io.sumbin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sumbin.pyhf.Json;
import io.sumbin.pyhf.PyhfDigest;
import io.sumbin.pyhf.WorkspaceIO;
import io.sumbin.pyhf.WorkspaceTools;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * pyhf's workspace tools with pyhf's options and output ({@code pyhf inspect | prune | rename |
 * combine | sort | digest}): thin adapters over {@link WorkspaceTools} and {@link PyhfDigest}.
 * Workspaces are printed as pyhf prints them ({@code json.dumps(indent=4, sort_keys=True)}) or
 * written atomically with {@code --output-file}.
 */
public final class WorkspaceToolCommands {
  private WorkspaceToolCommands() {}

  /**
   * Reads and validates a workspace document (pyhf's {@code Workspace(spec)}) with the command's
   * strictness (pyhf's semantics; {@code --strict}).
   */
  static JsonNode readWorkspace(Path file, Console console) {
    JsonNode root = Json.read(file);
    WorkspaceIO.fromJson(root, file.toString(), console.strictness());
    return root;
  }

  /**
   * Reads a background-only workspace that patches will be applied to: its structure is validated
   * here, what pyhf accepts but sumbin refuses by default (parameter settings for names only a patch
   * adds) is left to the patched workspace, which is validated with the command's strictness.
   */
  static JsonNode readBeforePatches(Path file) {
    JsonNode root = Json.read(file);
    WorkspaceIO.fromJson(root, file.toString(), WorkspaceIO.Strictness.pyhf(w -> { }));
    return root;
  }

  /**
   * Validates a workspace a tool produced and prints or writes it as pyhf does ({@code json} on
   * stdout: one compact line instead). What pyhf accepts but sumbin refuses by default is a warning
   * on stderr here, not an error: a tool may leave it as pyhf's does (settings of a pruned modifier
   * that another channel no longer has), and the input was already read with the command's strictness.
   */
  static void emit(Console console, JsonNode ws, Converters.OutputFile outputFile, String what, boolean json) {
    emit(console, ws, outputFile, what, json, WorkspaceIO.Strictness.pyhf(w -> console.err().println(Main.oneLine(w))));
  }

  /** {@link #emit(Console, JsonNode, Converters.OutputFile, String, boolean)} validating with {@code strictness}. */
  static void emit(Console console, JsonNode ws, Converters.OutputFile output, String what, boolean json,
      WorkspaceIO.Strictness strictness) {
    WorkspaceIO.fromJson(ws, what + " result", strictness);
    String text = PyhfDigest.pythonJson(ws, 4);
    if (output != null) {
      Path outputFile = output.path();
      write(outputFile, text);
      if (json) {
        ObjectNode o = CliSupport.F.objectNode();
        o.put("output_file", outputFile.toString());
        o.put("sha256", PyhfDigest.sha256(ws));
        CliSupport.printJson(console.out(), o);
      }
    } else if (json) {
      console.out().println(io.sumbin.pyhf.Json.compact(ws));
    } else {
      console.out().println(text);
    }
  }

  /** Writes a text output atomically (the path was checked when the options were parsed). */
  static void write(Path file, String text) {
    try {
      Json.writeAtomically(file, text);
    } catch (IOException e) {
      throw new UserError(file + ": cannot write: " + e.getMessage());
    }
  }

  static <T> T tool(java.util.function.Supplier<T> op, Path source) {
    try {
      return op.get();
    } catch (WorkspaceTools.InvalidOperation e) {
      throw new UserError(source + ": " + e.getMessage());
    }
  }

  /** {@code sumbin inspect WS.json}: the summary pyhf's inspect prints. */
  @Command(name = "inspect", mixinStandardHelpOptions = true,
      description = "Summary of a workspace as pyhf inspect prints it: channels and bins, samples, parameters with constraints and modifier types, measurements.")
  public static final class Inspect implements Callable<Integer> {
    @Mixin
    Console console;

    @Mixin
    StrictOption strict;

    @Parameters(index = "0", paramLabel = "WS.json", description = "workspace file")
    Path workspace;

    @Option(names = "--output-file", paramLabel = "F", description = "also write the summary as JSON (pyhf's format)")
    Converters.OutputFile outputFile;

    @Option(names = "--measurement", paramLabel = "M", description = "measurement marked (*) (default: the first)")
    String measurement;

    @Option(names = "--json", description = "print the summary as one JSON object")
    boolean json;

    @Override
    public Integer call() {
      JsonNode ws = readWorkspace(workspace, console);
      ObjectNode r = WorkspaceTools.inspect(ws);
      String def = measurement;
      if (def == null && ws.path("measurements").size() > 0) {
        def = ws.get("measurements").get(0).get("name").asText();
      }
      if (measurement != null) {
        boolean found = false;
        for (JsonNode m : ws.path("measurements")) {
          found |= m.get("name").asText().equals(measurement);
        }
        if (!found) {
          throw new UserError(workspace + ": measurements: no measurement named '" + measurement + "'");
        }
      }
      if (outputFile != null) {
        write(outputFile.path(), PyhfDigest.pythonJson(r, 4));
      }
      if (json) {
        CliSupport.printJson(console.out(), r);
      } else {
        console.out().print(table(r, def));
      }
      return 0;
    }

    static String table(ObjectNode r, String defaultMeasurement) {
      int maxlen = 0;
      for (JsonNode c : r.get("channels")) {
        maxlen = Math.max(maxlen, c.get(0).asText().length());
      }
      for (JsonNode s : r.get("samples")) {
        maxlen = Math.max(maxlen, s.asText().length());
      }
      for (JsonNode p : r.get("parameters")) {
        maxlen = Math.max(maxlen, p.get(0).asText().length());
      }
      for (JsonNode m : r.get("measurements")) {
        maxlen = Math.max(maxlen, m.get(0).asText().length());
      }
      StringBuilder sb = new StringBuilder();
      String w = "%" + (maxlen + "Summary".length()) + "s  %s%n";
      sb.append(String.format(Locale.ROOT, w, "     Summary     ", ""));
      sb.append(String.format(Locale.ROOT, w, "-".repeat(18), ""));
      String f2 = "%" + maxlen + "s  %s%n";
      for (String k : new String[] {"channels", "samples", "parameters", "modifiers"}) {
        sb.append(String.format(Locale.ROOT, f2, k, r.get(k).size()));
      }
      sb.append('\n');
      String fc = "%" + maxlen + "s  %s%n";
      sb.append(String.format(Locale.ROOT, fc, "channels", "nbins"));
      sb.append(String.format(Locale.ROOT, fc, "-".repeat(10), "-".repeat(5)));
      for (JsonNode c : r.get("channels")) {
        sb.append(String.format(Locale.ROOT, fc, c.get(0).asText(), center(c.get(1).asText(), 5)));
      }
      sb.append('\n');
      String fs = "%" + maxlen + "s%n";
      sb.append(String.format(Locale.ROOT, fs, "samples"));
      sb.append(String.format(Locale.ROOT, fs, "-".repeat(10)));
      for (JsonNode s : r.get("samples")) {
        sb.append(String.format(Locale.ROOT, fs, s.asText()));
      }
      sb.append('\n');
      String fp = "%" + maxlen + "s  %-22s  %s%n";
      sb.append(String.format(Locale.ROOT, fp, "parameters", "constraint", "modifiers"));
      sb.append(String.format(Locale.ROOT, fp, "-".repeat(10), "-".repeat(10), "-".repeat(10)));
      for (JsonNode s : r.get("systematics")) {
        java.util.TreeSet<String> types = new java.util.TreeSet<>();
        s.get(2).forEach(t -> types.add(t.asText()));
        sb.append(String.format(Locale.ROOT, fp, s.get(0).asText(), s.get(1).asText(), String.join(",", types)));
      }
      sb.append('\n');
      String fm = "%" + maxlen + "s  %s  %s%n";
      sb.append(String.format(Locale.ROOT, fm, "measurement", center("poi", 22), "parameters"));
      sb.append(String.format(Locale.ROOT, fm, "-".repeat(10), center("-".repeat(10), 22), "-".repeat(10)));
      for (JsonNode m : r.get("measurements")) {
        List<String> ps = new ArrayList<>();
        m.get(2).forEach(p -> ps.add(p.asText()));
        String name = (m.get(0).asText().equals(defaultMeasurement) ? "(*) " : "") + m.get(0).asText();
        sb.append(String.format(Locale.ROOT, fm, name, center(m.get(1).asText(), 22), ps.isEmpty() ? "(none)" : String.join(",", ps)));
      }
      sb.append('\n');
      return sb.toString();
    }

    /** Python's format-spec centring ({@code '{:^5s}'}): the extra space goes right. */
    static String center(String s, int width) {
      int pad = width - s.length();
      if (pad <= 0) {
        return s;
      }
      int left = pad / 2;
      return " ".repeat(left) + s + " ".repeat(pad - left);
    }
  }

  /** {@code sumbin prune WS.json}. */
  @Command(name = "prune", mixinStandardHelpOptions = true, description = "Remove channels, samples, modifiers, modifier types or measurements (pyhf prune).")
  public static final class Prune implements Callable<Integer> {
    @Mixin
    Console console;

    @Mixin
    StrictOption strict;

    @Parameters(index = "0", paramLabel = "WS.json", description = "workspace file")
    Path workspace;

    @Mixin
    WorkspaceOutput output;

    @Option(names = {"-c", "--channel"}, paramLabel = "CHANNEL", description = "channel to remove (repeatable)")
    List<String> channels = new ArrayList<>();

    @Option(names = {"-s", "--sample"}, paramLabel = "SAMPLE", description = "sample to remove (repeatable)")
    List<String> samples = new ArrayList<>();

    @Option(names = {"-m", "--modifier"}, paramLabel = "MODIFIER", description = "modifier to remove, by name (repeatable)")
    List<String> modifiers = new ArrayList<>();

    @Option(names = {"-t", "--modifier-type"}, paramLabel = "TYPE", description = "one of ${COMPLETION-CANDIDATES}",
        completionCandidates = ModifierTypes.class)
    List<String> types = new ArrayList<>();

    @Option(names = "--measurement", paramLabel = "MEASUREMENT", description = "measurement to remove (repeatable)")
    List<String> measurements = new ArrayList<>();

    @Override
    public Integer call() {
      for (String t : types) {
        if (!WorkspaceTools.MODIFIER_TYPES.contains(t)) {
          throw new UserError("--modifier-type: '" + t + "' is not one of " + WorkspaceTools.MODIFIER_TYPES);
        }
      }
      JsonNode ws = readWorkspace(workspace, console);
      JsonNode out = tool(() -> WorkspaceTools.prune(ws, new WorkspaceTools.Prune(channels, samples, modifiers, types, measurements)), workspace);
      output.emit(out, workspace + " pruned");
      return 0;
    }
  }

  /** Completion candidates of --modifier-type. */
  static final class ModifierTypes extends ArrayList<String> {
    private static final long serialVersionUID = 1L;

    ModifierTypes() {
      super(WorkspaceTools.MODIFIER_TYPES);
    }
  }

  /** {@code sumbin rename WS.json}. */
  @Command(name = "rename", mixinStandardHelpOptions = true, description = "Rename channels, samples, modifiers or measurements (pyhf rename; each option takes OLD NEW).")
  public static final class Rename implements Callable<Integer> {
    @Mixin
    Console console;

    @Mixin
    StrictOption strict;

    @Parameters(index = "0", paramLabel = "WS.json", description = "workspace file")
    Path workspace;

    @Mixin
    WorkspaceOutput output;

    @Option(names = {"-c", "--channel"}, arity = "2", paramLabel = "OLD NEW", description = "rename channel OLD to NEW (repeatable)")
    List<String> channels = new ArrayList<>();

    @Option(names = {"-s", "--sample"}, arity = "2", paramLabel = "OLD NEW", description = "rename sample OLD to NEW (repeatable)")
    List<String> samples = new ArrayList<>();

    @Option(names = {"-m", "--modifier"}, arity = "2", paramLabel = "OLD NEW", description = "rename modifier OLD to NEW (repeatable)")
    List<String> modifiers = new ArrayList<>();

    @Option(names = "--measurement", arity = "2", paramLabel = "OLD NEW", description = "rename measurement OLD to NEW (repeatable)")
    List<String> measurements = new ArrayList<>();

    @Override
    public Integer call() {
      JsonNode ws = readWorkspace(workspace, console);
      JsonNode out = tool(() -> WorkspaceTools.rename(ws, new WorkspaceTools.Rename(pairs(channels), pairs(samples),
          pairs(modifiers), pairs(measurements))), workspace);
      output.emit(out, workspace + " renamed");
      return 0;
    }

    static Map<String, String> pairs(List<String> flat) {
      Map<String, String> m = new LinkedHashMap<>();
      for (int i = 0; i + 1 < flat.size(); i += 2) {
        m.put(flat.get(i), flat.get(i + 1)); // dict(pairs): a later pair for the same name wins
      }
      return m;
    }
  }

  /** {@code sumbin combine WS1.json WS2.json}. */
  @Command(name = "combine", mixinStandardHelpOptions = true, description = "Combine two workspaces (pyhf combine).")
  public static final class Combine implements Callable<Integer> {
    @Mixin
    Console console;

    @Mixin
    StrictOption strict;

    @Parameters(index = "0", paramLabel = "WS1.json", description = "first workspace file")
    Path one;

    @Parameters(index = "1", paramLabel = "WS2.json", description = "second workspace file")
    Path two;

    @Option(names = {"-j", "--join"}, paramLabel = "MODE", defaultValue = "none",
        description = "none, outer, 'left outer' or 'right outer' (default ${DEFAULT-VALUE})")
    String join;

    @Option(names = "--merge-channels", negatable = true, description = "deeply merge channels of the same name (outer joins only)")
    boolean mergeChannels;

    @Mixin
    WorkspaceOutput output;

    @Override
    public Integer call() {
      if (!WorkspaceTools.JOINS.contains(join)) {
        throw new UserError("--join must be one of " + WorkspaceTools.JOINS + ", got '" + join + "'");
      }
      JsonNode a = readWorkspace(one, console);
      JsonNode b = readWorkspace(two, console);
      JsonNode out = tool(() -> WorkspaceTools.combine(a, b, join, mergeChannels), one);
      output.emit(out, one + " + " + two);
      return 0;
    }
  }

  /** {@code sumbin sort WS.json}. */
  @Command(name = "sort", mixinStandardHelpOptions = true, description = "Sort a workspace's channels, samples, modifiers, measurements and observations by name (pyhf sort).")
  public static final class Sort implements Callable<Integer> {
    @Mixin
    Console console;

    @Mixin
    StrictOption strict;

    @Parameters(index = "0", paramLabel = "WS.json", description = "workspace file")
    Path workspace;

    @Mixin
    WorkspaceOutput output;

    @Override
    public Integer call() {
      output.emit(WorkspaceTools.sorted(readWorkspace(workspace, console)), workspace + " sorted");
      return 0;
    }
  }

  /** {@code sumbin digest WS.json}. */
  @Command(name = "digest", mixinStandardHelpOptions = true, description = "The workspace digest, byte-identical to pyhf digest (sha256 of Python's sorted-key JSON).")
  public static final class Digest implements Callable<Integer> {
    @Mixin
    Console console;

    @Mixin
    StrictOption strict;

    @Parameters(index = "0", paramLabel = "WS.json", description = "workspace file")
    Path workspace;

    @Option(names = {"-a", "--algorithm"}, paramLabel = "ALG", description = "hash algorithm (repeatable; default sha256)")
    List<String> algorithms;

    @Option(names = {"-j", "--json"}, description = "print {algorithm: digest} as JSON (pyhf -j)")
    boolean json;

    @Option(names = {"-p", "--plaintext"}, description = "print algorithm:digest lines (the default)")
    boolean plaintext;

    @Override
    public Integer call() {
      JsonNode ws = readWorkspace(workspace, console);
      List<String> algs = algorithms == null || algorithms.isEmpty() ? List.of("sha256") : algorithms;
      ObjectNode d = CliSupport.F.objectNode();
      for (String a : algs) {
        d.put(a, PyhfDigest.digest(ws, PyhfDigest.requireAlgorithm(a, "--algorithm")));
      }
      if (json && !plaintext) {
        console.out().println(PyhfDigest.pythonJson(d, 4));
      } else {
        List<String> lines = new ArrayList<>();
        d.fieldNames().forEachRemaining(k -> lines.add(k + ":" + d.get(k).asText()));
        console.out().println(String.join("\n", lines));
      }
      return 0;
    }
  }
}
