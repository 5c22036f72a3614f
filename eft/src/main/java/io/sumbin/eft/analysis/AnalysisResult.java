package io.sumbin.eft.analysis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sumbin.histmodel.util.RecordText;
import io.sumbin.pyhf.Json;
import java.util.List;
import java.util.Map;

/**
 * The results of {@link AnalysisRun#run}: per parameter of the combination and of every region alone, the best
 * value and the 68 %/95 % intervals of its 1-D family scan and the Fisher information at the data's reference point
 * with its jackknife error; the fitted nuisance parameters; every scan; the files written; the wall time.
 * {@link #toJson()} is the {@code sumbin analysis run --json} contract.
 *
 * @param parameters the combination's results by parameter
 * @param regions per region, its results by parameter (parameters the region does not depend on are absent)
 * @param unbinned per parameter, the unbinned profile scan of all regions with exact per-event ratios and its
 *     unbinned Fisher information Σ (∂w)²/w (no nuisance parameters), see {@link UnbinnedSide}; empty when not run
 * @param nuisanceParameters the fit of the combined reference-point model with every coefficient floating:
 *     name ↦ {best, uncertainty} (expanded names, e.g. {@code mcstat_vbf[3]})
 * @param scans every family scan run (combined and per region)
 * @param outputs files written, by kind
 * @param seconds wall time of the run
 * @param familySeconds wall time of building and scanning all families (events already read)
 * @param warnings notes for the user (also printed as {@code warning:} lines)
 */
public record AnalysisResult(Map<String, ParameterResult> parameters, Map<String, Map<String, ParameterResult>> regions,
    Map<String, ParameterResult> unbinned,
    Map<String, double[]> nuisanceParameters, List<ScanResult> scans, List<RegionTemplates> templates, Map<String, String> outputs,
    double seconds, double familySeconds, List<String> warnings) {
  @Override
  public String toString() {
    return RecordText.of(this);
  }

  /** The same result with other output paths (e.g. staged files at their final place). */
  public AnalysisResult withOutputs(Map<String, String> o) {
    return new AnalysisResult(parameters, regions, unbinned, nuisanceParameters, scans, templates, o, seconds, familySeconds, warnings);
  }

  /**
   * A region's pre-fit templates at the data's reference point (its observable and binning there): expected
   * yields per process, the total shift of every systematic at +1σ and −1σ (normsys: (hi − 1)ν; histosys: the
   * varied minus nominal yield), the MC-statistical error √Σδ² and the data.
   */
  public record RegionTemplates(String region, String observable, double[] edges, Map<String, double[]> processes,
      Map<String, double[][]> systematics, double[] mcStat, double[] data) {
    @Override
    public String toString() {
      return RecordText.of(this);
    }
  }

  /**
   * One parameter's result.
   *
   * @param best the free fit's value at the scan point of smallest t (inside that point's model)
   * @param interval68 [lo, hi] where t ≤ 1 (NaN where the range does not reach)
   * @param interval95 [lo, hi] where t ≤ 3.84
   * @param fisher the information at the reference point, other coefficients fixed, nuisance parameters profiled
   * @param fisherError its jackknife standard error
   * @param fisherProfiled the information at the reference point with the other analysed coefficients (those the
   *     regions depend on) and the nuisance parameters profiled, from the same observable and binning (≤ fisher;
   *     equal when no other coefficient enters; NaN where not computed, e.g. unbinned)
   * @param fisherProfiledError its jackknife standard error (same replicates as fisherError)
   */
  public record ParameterResult(double best, double[] interval68, double[] interval95, double fisher, double fisherError,
      double fisherProfiled, double fisherProfiledError) {
    @Override
    public String toString() {
      return RecordText.of(this);
    }

    /** A result without the profiled information (NaN). */
    public ParameterResult(double best, double[] interval68, double[] interval95, double fisher, double fisherError) {
      this(best, interval68, interval95, fisher, fisherError, Double.NaN, Double.NaN);
    }

    /** Width of the 68 % interval. */
    public double width68() {
      return interval68[1] - interval68[0];
    }
  }

  /**
   * One family scan.
   *
   * @param region the region, or null for the combination
   */
  public record ScanResult(String region, List<String> parameters, double[][] theta, double[] t, double[] interval68,
      double[] interval95, List<double[]> contour68, List<double[]> contour95, boolean converged, String message, double seconds) {
    @Override
    public String toString() {
      return RecordText.of(this);
    }
  }

  /** The JSON of {@code sumbin analysis run --json}. */
  public ObjectNode toJson() {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.set("parameters", parameters(parameters, true));
    ObjectNode rs = root.putObject("regions");
    regions.forEach((r, m) -> rs.putObject(r).set("parameters", parameters(m, true)));
    if (!unbinned.isEmpty()) {
      root.set("unbinned", parameters(unbinned, false));
    }
    ObjectNode np = root.putObject("nuisance_parameters");
    nuisanceParameters.forEach((k, v) -> {
      ObjectNode o = np.putObject(k);
      Json.putNumber(o, "best", v[0]);
      Json.putNumber(o, "uncertainty", v[1]);
    });
    ArrayNode sc = root.putArray("scans");
    for (ScanResult s : scans) {
      ObjectNode o = sc.addObject();
      if (s.region() == null) {
        o.putNull("region");
      } else {
        o.put("region", s.region());
      }
      ArrayNode ps = o.putArray("parameters");
      s.parameters().forEach(ps::add);
      ArrayNode th = o.putArray("theta");
      for (double[] x : s.theta()) {
        th.add(Json.numbers(x));
      }
      o.set("t", Json.numbers(s.t()));
      if (s.interval68() != null) {
        o.set("interval_68", Json.numbers(s.interval68()));
        o.set("interval_95", Json.numbers(s.interval95()));
      } else {
        ArrayNode c68 = o.putArray("contour_68");
        s.contour68().forEach(seg -> c68.add(Json.numbers(seg)));
        ArrayNode c95 = o.putArray("contour_95");
        s.contour95().forEach(seg -> c95.add(Json.numbers(seg)));
      }
      o.put("converged", s.converged());
      o.put("message", s.message());
      Json.putNumber(o, "seconds", s.seconds());
    }
    ObjectNode tp = root.putObject("templates");
    for (RegionTemplates t : templates) {
      ObjectNode o = tp.putObject(t.region());
      o.put("observable", t.observable());
      o.set("edges", Json.numbers(t.edges()));
      ObjectNode pr = o.putObject("processes");
      t.processes().forEach((k, v) -> pr.set(k, Json.numbers(v)));
      ObjectNode sy = o.putObject("systematics");
      t.systematics().forEach((k, v) -> {
        ObjectNode x = sy.putObject(k);
        x.set("up", Json.numbers(v[0]));
        x.set("down", Json.numbers(v[1]));
      });
      o.set("mc_stat", Json.numbers(t.mcStat()));
      o.set("data", Json.numbers(t.data()));
    }
    ObjectNode out = root.putObject("outputs");
    outputs.forEach(out::put);
    Json.putNumber(root, "seconds", seconds);
    Json.putNumber(root, "family_seconds", familySeconds);
    ArrayNode w = root.putArray("warnings");
    warnings.forEach(w::add);
    return root;
  }

  private static ObjectNode parameters(Map<String, ParameterResult> m, boolean profiled) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    m.forEach((p, r) -> {
      ObjectNode x = o.putObject(p);
      Json.putNumber(x, "best", r.best());
      x.set("interval_68", Json.numbers(r.interval68()));
      x.set("interval_95", Json.numbers(r.interval95()));
      Json.putNumber(x, "fisher", r.fisher());
      Json.putNumber(x, "fisher_error", r.fisherError());
      if (profiled) { // null where F was not positive definite
        Json.putNumber(x, "fisher_profiled", r.fisherProfiled());
        Json.putNumber(x, "fisher_profiled_error", r.fisherProfiledError());
      }
    });
    return o;
  }
}
