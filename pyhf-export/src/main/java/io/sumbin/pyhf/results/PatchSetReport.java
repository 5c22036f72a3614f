package io.sumbin.pyhf.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sumbin.histmodel.util.RecordText;
import io.sumbin.pyhf.PatchSetCls;
import io.sumbin.pyhf.Patches;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The patch-set objects ({@code sumbin patchset cls}, {@code patchset inspect}). */
public final class PatchSetReport {
  private PatchSetReport() {}

  /**
   * One signal point of {@code patchset cls}: its CLs, whether it is excluded at 95 % CL, and (only
   * when a fit failed) why.
   */
  public record Point(String name, double[] values, @JsonProperty("cls_obs") double clsObs,
      @JsonProperty("cls_exp") double[] clsExp, double clsb, double clb, boolean excluded, boolean converged, double seconds,
      @JsonInclude(JsonInclude.Include.NON_NULL) String message) {
    @Override
    public String toString() {
      return RecordText.of(this);
    }
  }

  /** {@code patchset cls}: every point, how many are excluded, how the run went. */
  public record Cls(List<String> labels, List<Point> points, @JsonProperty("n_points") int nPoints,
      @JsonProperty("n_excluded") int nExcluded, int threads, double seconds) {}

  /** The report of the point results {@code rs} of a patch set with parameter labels {@code labels}. */
  public static Cls cls(List<PatchSetCls.PointResult> rs, List<String> labels, double seconds, int threads) {
    List<Point> pts = new ArrayList<>();
    int excluded = 0;
    for (PatchSetCls.PointResult r : rs) {
      pts.add(new Point(r.name(), r.values(), r.clsObs(), r.clsExp(), r.clsb(), r.clb(), r.excludedObserved(), r.converged(),
          r.seconds(), r.converged() ? null : r.message()));
      excluded += r.excludedObserved() ? 1 : 0;
    }
    return new Cls(labels, pts, rs.size(), excluded, threads, seconds);
  }

  /** A patch of {@code patchset inspect}: its name and parameter values. */
  public record Patch(String name, double[] values) {
    @Override
    public String toString() {
      return RecordText.of(this);
    }
  }

  /** {@code patchset inspect}: the labels, the workspace digests the set applies to, the patches. */
  public record Inspect(List<String> labels, Map<String, String> digests, List<Patch> patches) {}

  /** The report of a patch set's metadata. */
  public static Inspect inspect(Patches.PatchSet s) {
    return new Inspect(s.labels(), s.digests(), s.patches().stream().map(p -> new Patch(p.name(), p.values())).toList());
  }
}
