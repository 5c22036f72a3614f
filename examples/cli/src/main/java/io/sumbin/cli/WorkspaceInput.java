package io.sumbin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.compile.ModelCompiler;
import io.sumbin.histmodel.compile.Models;
import io.sumbin.histmodel.spec.ModelSpec;
import io.sumbin.histmodel.spec.SpecException;
import io.sumbin.histmodel.spec.Workspace;
import io.sumbin.pyhf.InputException;
import io.sumbin.pyhf.Json;
import io.sumbin.pyhf.Patches;
import io.sumbin.pyhf.WorkspaceIO;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options of every command that reads a workspace, one implementation (a picocli mixin):
 * {@code --patch P.json} (repeatable; an RFC 6902 patch as HEPData ships them, or a pyhf patch set
 * with {@code --patch-name NAME} or {@code --patch-values V1,V2}) and {@code --poi NAME|none}.
 * Patches are applied with pyhf's semantics ({@link Patches}); a measurement whose POI is not in
 * the (patched) model gives a background-only model with a note on stderr, as pyhf's
 * {@code poi_name=None}.
 */
public final class WorkspaceInput {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Mixin
  StrictOption strict;

  @Option(names = "--patch", paramLabel = "P.json", description = "apply an RFC 6902 patch or one patch of a pyhf patch set (repeatable, applied in order)")
  List<Path> patches;

  @Option(names = "--patch-name", paramLabel = "NAME", description = "the patch of a patch set given with --patch, by name")
  String patchName;

  @Option(names = "--patch-values", paramLabel = "V1,V2", split = ",", description = "the patch of a patch set given with --patch, by its metadata values (e.g. 1400,600; finite numbers)")
  List<Double> patchValues;

  @Option(names = "--poi", paramLabel = "NAME|none", description = "parameter of interest (default: the measurement's; 'none' for a background-only fit)")
  String poi;

  /**
   * {@link #load(Path, String, List, String)} with pyhf's interpolation codes and no POI requirement.
   *
   * @param file the workspace
   * @param measurement the measurement's name, or null for the first
   * @return the loaded model, data and source
   */
  public CliSupport.Loaded load(Path file, String measurement) {
    return load(file, measurement, null, null);
  }

  /**
   * Reads the workspace, applies the patches, and compiles the measurement (first when null).
   *
   * @param needsPoi the command's name when it cannot run without a POI (exit 2 then), else null
   */
  public CliSupport.Loaded load(Path file, String measurement, List<Converters.Interp> interp, String needsPoi) {
    return load(file, measurement, interp, needsPoi, console().strictness());
  }

  /**
   * {@link #load(Path, String, List, String)} with an explicit strictness. The workspace is validated
   * after the patches are applied, so names that a patch defines may appear in the measurement's
   * {@code config.parameters} of the background-only file.
   */
  public CliSupport.Loaded load(Path file, String measurement, List<Converters.Interp> interp, String needsPoi,
      WorkspaceIO.Strictness strictness) {
    if ((patchName != null || patchValues != null) && (patches == null || patches.isEmpty())) {
      throw new UserError("--patch-name and --patch-values select a patch of a patch set given with --patch P.json");
    }
    if (patchName != null && patchValues != null) {
      throw new UserError("give either --patch-name or --patch-values, not both");
    }
    JsonNode root = Json.read(file);
    String source = file.toString();
    boolean usedSelection = false;
    if (patches != null) {
      for (Path p : patches) {
        JsonNode doc = Json.read(p);
        if (Patches.isPatchSet(doc)) {
          Patches.PatchSet set = Patches.PatchSet.parse(doc, p.toString());
          if (patchName == null && patchValues == null) {
            throw new UserError(p + ": a patch set of " + set.patches().size() + " patches; choose one with --patch-name NAME"
                + " or --patch-values V1,V2 (labels " + set.labels() + ")");
          }
          Patches.Patch chosen = patchName != null ? set.byName(patchName)
              : set.byValues(patchValues.stream().mapToDouble(Double::doubleValue).toArray());
          root = set.apply(root, source, chosen);
          usedSelection = true;
        } else {
          root = Patches.applyToModel(root, doc, measurement, p.toString());
        }
        source = source + " + " + p.getFileName();
      }
    }
    if ((patchName != null || patchValues != null) && !usedSelection) {
      throw new UserError("--patch-name/--patch-values select a patch of a patch set, but no --patch file is a patch set");
    }
    Workspace ws = WorkspaceIO.fromJson(root, source, strictness);
    if (measurement != null && !ws.measurementNames().contains(measurement)) {
      throw new InputException(source, "measurements", "no measurement named '" + measurement
          + "' (have " + ws.measurementNames() + ")");
    }
    String name = measurement != null ? measurement : ws.measurements().get(0).name();
    ModelSpec spec = ws.model(measurement, CliSupport.interpSettings(interp));
    String declared = spec.poi();
    String reason = null;
    if (poi != null) {
      if (poi.isBlank()) {
        throw new UserError("--poi needs a parameter name or 'none'");
      }
      spec = spec.withPoi(poi.equals("none") ? null : poi);
      if (poi.equals("none")) {
        reason = "--poi none was given";
      }
    }
    CompiledModel m;
    try {
      CompiledModel structure = ModelCompiler.compile(spec.withPoi(null));
      if (spec.poi() != null && structure.paramset(spec.poi()) == null) {
        if (poi != null) {
          // a POI is a parameter set of one component: name those, not the expanded components
          List<String> scalars = structure.paramsets().stream().filter(ps -> ps.n() == 1).map(ps -> ps.name()).toList();
          String why = structure.parIndex(poi) >= 0
              ? "'" + poi + "' is one component of a bin-wise parameter; a POI must be a one-component parameter"
              : "no parameter '" + poi + "' in the model of " + source;
          throw new UserError("--poi " + poi + ": " + why + " (one-component parameters: " + CliSupport.abbreviate(scalars) + ")");
        }
        reason = "measurement '" + name + "' names POI '" + declared + "', which is not in the model"
            + (patches == null ? " (a background-only workspace? add the signal with --patch)" : "");
        m = structure;
        if (needsPoi == null) {
          console().err().println("note: " + source + ": " + reason + "; fitting background-only (pyhf's poi_name=None)");
        }
      } else {
        m = spec.poi() == null ? structure : ModelCompiler.compile(spec);
      }
    } catch (SpecException e) {
      throw new InputException(source, e.path(), e.getMessage().substring(e.path().isEmpty() ? 0 : e.path().length() + 2));
    }
    if (needsPoi != null && m.poiIndex() < 0) {
      throw new UserError(source + ": " + needsPoi + " needs a parameter of interest, and the model has none ("
          + (reason != null ? reason : "measurement '" + name + "' has no POI") + ")");
    }
    checkInitsWithinBounds(ws, name, m, source);
    double[] data;
    try {
      data = Models.observedData(ws, m);
    } catch (SpecException e) {
      throw new InputException(source, e.path(), e.getMessage().substring(e.path().isEmpty() ? 0 : e.path().length() + 2));
    }
    return new CliSupport.Loaded(file, ws, name, m, data, root, source);
  }

  /** The console of the command this mixin belongs to (its writers and global options). */
  private Console console() {
    return Console.of(spec);
  }

  /**
   * Refuses a measurement whose {@code inits} put a parameter outside its bounds (a {@code "fixed":
   * true, "inits": [20]} with bounds [0, 10]), as {@code --fix mu=20} is refused and as pyhf's
   * {@code infer.mle.fit} refuses to start a fit there ("fit initialization parameter lies outside of
   * its bounds").
   */
  static void checkInitsWithinBounds(Workspace ws, String measurement, CompiledModel m, String source) {
    double[] init = m.suggestedInit();
    double[] lo = m.lowerBounds();
    double[] hi = m.upperBounds();
    io.sumbin.histmodel.spec.Measurement meas = ws.measurement(measurement);
    int k = ws.measurementIndex(meas);
    for (int i = 0; i < init.length; i++) {
      if (!(init[i] >= lo[i] && init[i] <= hi[i])) {
        String par = m.parName(i);
        String base = par.contains("[") ? par.substring(0, par.indexOf('[')) : par;
        int j = 0;
        while (j < meas.parameters().size() && !meas.parameters().get(j).name().equals(base)) {
          j++;
        }
        String path = j < meas.parameters().size() ? "measurements[" + k + "].config.parameters[" + j + "].inits" : "measurements[" + k + "]";
        throw new InputException(source, path, String.format(java.util.Locale.ROOT,
            "'%s' starts%s at %s, outside its bounds [%s, %s] (pyhf refuses to fit from there too)", par,
            m.suggestedFixed()[i] ? " (fixed)" : "", CliSupport.num(init[i]), CliSupport.num(lo[i]), CliSupport.num(hi[i])));
      }
    }
  }

  /** The patch files given (empty list when none). */
  public List<Path> patchFiles() {
    return patches == null ? List.of() : new ArrayList<>(patches);
  }
}
