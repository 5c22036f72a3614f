package io.sumbin.cli;

import io.sumbin.pyhf.results.PatchSetReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sumbin.cli.plot.ExclusionPlot;
import io.sumbin.pyhf.Json;
import io.sumbin.pyhf.PatchSetCls;
import io.sumbin.pyhf.Patches;
import io.sumbin.pyhf.PyhfDigest;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sumbin patchset cls | inspect | extract | apply | verify}: published likelihoods as
 * HEPData ships them (a background-only workspace and a pyhf patch set), with pyhf's patchset
 * commands and a parallel exclusion scan over every signal point.
 */
@Command(name = "patchset", mixinStandardHelpOptions = true,
    description = "pyhf patch sets: CLs of every signal point (cls), inspect, extract, apply, verify.",
    subcommands = {PatchsetCommand.Cls.class, PatchsetCommand.Inspect.class, PatchsetCommand.Extract.class,
        PatchsetCommand.Apply.class, PatchsetCommand.Verify.class})
public final class PatchsetCommand implements Callable<Integer> {
  @Mixin
  Console console;

  @Override
  public Integer call() {
    throw new UserError("patchset needs a subcommand: cls, inspect, extract, apply or verify (try --help)");
  }

  static Patches.PatchSet readSet(Path p) {
    JsonNode doc = Json.read(p);
    if (!Patches.isPatchSet(doc)) {
      throw new UserError(p + ": not a pyhf patch set (an object with metadata and patches)");
    }
    return Patches.PatchSet.parse(doc, p.toString());
  }

  /** {@code sumbin patchset cls BKG.json PATCHSET.json|PATCH.json...}. */
  @Command(name = "cls", mixinStandardHelpOptions = true,
      description = "Asymptotic CLs (qtilde) at mu = 1 for every patch of a patch set, or for each patch file, in parallel: observed, expected band, converged flag, seconds; CSV and the exclusion plot over the patch set's metadata values.")
  public static final class Cls implements Callable<Integer> {
    @Mixin
    Console console;

    @Mixin
    StrictOption strict;

    @Parameters(index = "0", paramLabel = "BKG.json", description = "background-only workspace")
    Path background;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "PATCHSET.json|PATCH.json", description = "one patch set, or RFC 6902 patch files")
    List<Path> inputs;

    @Option(names = "--test-poi", paramLabel = "MU", defaultValue = "1.0", description = "tested POI value, within its bounds (default ${DEFAULT-VALUE})")
    double testPoi;

    @Mixin
    ThreadsOption threads;

    @Mixin
    EngineOption engine;

    @Option(names = "--csv", paramLabel = "F.csv", description = "write the table as CSV")
    Converters.OutputFile csv;

    @Option(names = "--plot", paramLabel = "F.png", description = "exclusion plot: CLs over the patch set's values with the CLs = 0.05 observed and expected contours")
    Converters.OutputFile plot;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
      engine.check();
      int t = threads.get();
      // the background-only file alone: structure only; each patched workspace is then read with the
      // command's strictness (a measurement may configure what only the signal patches add)
      JsonNode bkg = WorkspaceToolCommands.readBeforePatches(background);
      List<PatchSetCls.Point> points = new ArrayList<>();
      List<String> labels = List.of();
      for (Path in : inputs) {
        JsonNode doc = Json.read(in);
        if (Patches.isPatchSet(doc)) {
          if (inputs.size() > 1) {
            throw new UserError(in + ": give one patch set, or any number of plain patch files, not both");
          }
          Patches.PatchSet set = Patches.PatchSet.parse(doc, in.toString());
          labels = set.labels();
          points.addAll(PatchSetCls.points(bkg, background.toString(), set));
        } else {
          String name = in.getFileName().toString().replaceFirst("\\.json$", "");
          points.add(PatchSetCls.point(bkg, background.toString(), name, doc, in.toString()));
        }
      }
      if (plot != null && labels.size() != 1 && labels.size() != 2) {
        throw new UserError("--plot needs a patch set with one or two labels (metadata.labels), got " + labels);
      }
      long t0 = System.nanoTime();
      List<PatchSetCls.PointResult> rs;
      try (EngineOption.Started eng = engine.start(threads, "patchset cls", console.progress())) {
        rs = PatchSetCls.run(points, testPoi, eng.runner(), console.strictness());
      } catch (io.sumbin.pyhf.InputException e) {
        if (e.detail().startsWith(PatchSetCls.OUT_OF_BOUNDS)) {
          throw new UserError("--test-poi: " + e.getMessage());
        }
        throw e;
      }
      double secs = (System.nanoTime() - t0) * 1e-9;
      if (csv != null) {
        WorkspaceToolCommands.write(csv.path(), csv(rs, labels));
      }
      if (plot != null) {
        ExclusionPlot.save(rs, labels, plot.path(), "CLs at mu = " + values(new double[] {testPoi}) + " (" + background.getFileName() + ")");
      }
      if (json.on()) {
        CliSupport.printJson(console.out(), PatchSetReport.cls(rs, labels, secs, t));
      } else {
        console.out().print(table(rs, labels, secs, t));
      }
      List<String> failed = new ArrayList<>();
      for (PatchSetCls.PointResult r : rs) {
        if (!r.converged()) {
          failed.add(r.name());
        }
      }
      if (!failed.isEmpty()) {
        throw new NumericalFailure("patchset cls: " + failed.size() + " of " + rs.size() + " points did not converge: "
            + String.join(", ", failed.subList(0, Math.min(8, failed.size()))) + (failed.size() > 8 ? ", ..." : ""));
      }
      return 0;
    }

    static String csv(List<PatchSetCls.PointResult> rs, List<String> labels) {
      List<String> cols = new ArrayList<>(List.of("name"));
      cols.addAll(labels);
      cols.addAll(List.of("cls_obs", "cls_exp_m2", "cls_exp_m1", "cls_exp", "cls_exp_p1", "cls_exp_p2", "clsb", "clb",
          "converged", "seconds"));
      StringWriter w = new StringWriter();
      try (CsvTable t = new CsvTable(w, cols)) {
        for (PatchSetCls.PointResult r : rs) {
          CsvTable.Row row = t.row().text(r.name());
          for (int i = 0; i < labels.size(); i++) {
            if (i < r.values().length) {
              row.number(r.values()[i]);
            } else {
              row.empty();
            }
          }
          row.number(r.clsObs());
          for (double e : r.clsExp()) {
            row.number(e);
          }
          row.number(r.clsb()).number(r.clb()).bool(r.converged()).text(String.format(Locale.ROOT, "%.4f", r.seconds())).end();
        }
      }
      return w.toString();
    }

    static String table(List<PatchSetCls.PointResult> rs, List<String> labels, double secs, int threads) {
      StringBuilder sb = new StringBuilder();
      int w = 5;
      for (PatchSetCls.PointResult r : rs) {
        w = Math.max(w, r.name().length());
      }
      sb.append(String.format(Locale.ROOT, "%-" + w + "s  %-14s  %10s  %10s  %10s  %10s  %9s  %7s%n", "point",
          labels.isEmpty() ? "values" : String.join(",", labels), "CLs obs", "CLs exp", "exp -1sig", "exp +1sig", "converged", "seconds"));
      int excluded = 0;
      for (PatchSetCls.PointResult r : rs) {
        sb.append(String.format(Locale.ROOT, "%-" + w + "s  %-14s  %10.4g  %10.4g  %10.4g  %10.4g  %9s  %7.3f%s%n", r.name(),
            values(r.values()), r.clsObs(), r.clsExp()[2], r.clsExp()[1], r.clsExp()[3], r.converged(), r.seconds(),
            r.excludedObserved() ? "  excluded" : ""));
        excluded += r.excludedObserved() ? 1 : 0;
      }
      sb.append(String.format(Locale.ROOT, "%d points, %d excluded at 95%% CL (CLs < 0.05); %.2f s on %d threads%n",
          rs.size(), excluded, secs, threads));
      return sb.toString();
    }

    static String values(double[] v) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < v.length; i++) {
        sb.append(i > 0 ? "," : "").append(v[i] == Math.rint(v[i]) ? String.valueOf((long) v[i]) : String.valueOf(v[i]));
      }
      return sb.toString();
    }
  }

  /** {@code sumbin patchset inspect PATCHSET.json}. */
  @Command(name = "inspect", mixinStandardHelpOptions = true, description = "List the patches of a patch set (pyhf patchset inspect).")
  public static final class Inspect implements Callable<Integer> {
    @Mixin
    Console console;

    @Parameters(index = "0", paramLabel = "PATCHSET.json", description = "pyhf patch set file")
    Path patchset;

    @Option(names = "--json", description = "print {labels, digests, patches: [{name, values}]}")
    boolean json;

    @Override
    public Integer call() {
      Patches.PatchSet s = readSet(patchset);
      if (json) {
        CliSupport.printJson(console.out(), PatchSetReport.inspect(s));
      } else {
        console.out().println();
        console.out().println("    " + s.patches().size() + " patches found in Patchset");
        console.out().println("---------------------------------");
        console.out().println();
        s.patches().forEach(p -> console.out().println(p.name()));
      }
      return 0;
    }
  }

  /** {@code sumbin patchset extract PATCHSET.json --name NAME}. */
  @Command(name = "extract", mixinStandardHelpOptions = true, description = "Print one patch of a patch set as an RFC 6902 patch (pyhf patchset extract).")
  public static final class Extract implements Callable<Integer> {
    @Mixin
    Console console;

    @Parameters(index = "0", paramLabel = "PATCHSET.json", description = "pyhf patch set file")
    Path patchset;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "the patch's name in the patch set")
    String name;

    @Option(names = "--output-file", paramLabel = "F", description = "write the patch here (default: print it)")
    Converters.OutputFile outputFile;

    @Option(names = "--with-metadata", negatable = true, description = "include the patch's and the patch set's metadata")
    boolean withMetadata;

    @Option(names = "--json", description = "print the patch as one compact JSON line")
    boolean json;

    @Override
    public Integer call() {
      Patches.PatchSet s = readSet(patchset);
      Patches.Patch p = s.byName(name);
      JsonNode out = withMetadata ? s.extractWithMetadata(p) : p.operations();
      String text = PyhfDigest.pythonJson(out, 4);
      if (outputFile == null) {
        console.out().println(json ? Json.compact(out) : text);
      } else {
        WorkspaceToolCommands.write(outputFile.path(), text);
      }
      return 0;
    }
  }

  /** {@code sumbin patchset apply BKG.json PATCHSET.json --name NAME}. */
  @Command(name = "apply", mixinStandardHelpOptions = true, description = "Apply one patch of a patch set to its verified background-only workspace (pyhf patchset apply).")
  public static final class Apply implements Callable<Integer> {
    @Mixin
    Console console;

    @Mixin
    StrictOption strict;

    @Mixin
    BackgroundAndPatchSet files;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "the patch's name in the patch set")
    String name;

    @Mixin
    WorkspaceOutput output;

    @Override
    public Integer call() {
      // validated after the patch is applied (emit), with the command's strictness
      JsonNode bkg = files.background();
      Patches.PatchSet s = files.set();
      Patches.Patch p = s.byName(name);
      output.emit(s.apply(bkg, files.backgroundFile.toString(), p), files.patchSetFile + " patch '" + name + "'", console.strictness());
      return 0;
    }
  }

  /** {@code sumbin patchset verify BKG.json PATCHSET.json}. */
  @Command(name = "verify", mixinStandardHelpOptions = true, description = "Check the patch set's digests against the background-only workspace (pyhf patchset verify).")
  public static final class Verify implements Callable<Integer> {
    @Mixin
    Console console;

    @Mixin
    BackgroundAndPatchSet files;

    @Option(names = "--json", description = "print {verified, digests}")
    boolean json;

    @Override
    public Integer call() {
      // digests only: the workspace's structure is checked, its parameter settings are the patched workspaces' concern
      JsonNode bkg = files.background();
      Patches.PatchSet set = files.set();
      set.verify(bkg, files.backgroundFile.toString());
      if (json) {
        ObjectNode o = CliSupport.F.objectNode();
        o.put("verified", true);
        ObjectNode d = o.putObject("digests");
        set.digests().forEach(d::put);
        CliSupport.printJson(console.out(), o);
      } else {
        console.out().println("All good.");
      }
      return 0;
    }
  }

  /** The background-only workspace and the patch set of {@code apply} and {@code verify}. */
  public static final class BackgroundAndPatchSet {
    @Parameters(index = "0", paramLabel = "BKG.json", description = "background-only workspace")
    Path backgroundFile;

    @Parameters(index = "1", paramLabel = "PATCHSET.json", description = "pyhf patch set file")
    Path patchSetFile;

    /** The background-only workspace, structure checked (its settings are the patched workspaces' concern). */
    JsonNode background() {
      return WorkspaceToolCommands.readBeforePatches(backgroundFile);
    }

    /** The patch set. */
    Patches.PatchSet set() {
      return readSet(patchSetFile);
    }
  }
}
