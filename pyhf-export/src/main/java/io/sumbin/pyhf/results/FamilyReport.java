package io.sumbin.pyhf.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sumbin.histmodel.family.FamilyScan;
import io.sumbin.histmodel.family.ModelFamily;
import io.sumbin.histmodel.infer.HypoTestResult;
import io.sumbin.histmodel.util.RecordText;
import java.util.ArrayList;
import java.util.List;

/** The per-scan-point family objects ({@code sumbin family scan}, {@code family limits}). */
public final class FamilyReport {
  private FamilyReport() {}

  /**
   * {@code family scan}: t(θ′) per point, with the 68 %/95 % intervals (one POI) or contour segments
   * (two POIs).
   *
   * @param values per point θ′: a number for one POI, an array for several
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Scan(List<String> pois, List<Object> values, double[] t,
      @JsonProperty("interval_68") double[] interval68, @JsonProperty("interval_95") double[] interval95,
      @JsonProperty("contour_68") List<double[]> contour68, @JsonProperty("contour_95") List<double[]> contour95,
      boolean converged, String message) {
    @Override
    public String toString() {
      return RecordText.of(this);
    }
  }

  /** The report of scan {@code s} of family {@code f}. */
  public static Scan scan(ModelFamily f, FamilyScan s) {
    List<Object> values = new ArrayList<>();
    for (double[] t : s.theta()) {
      values.add(t.length == 1 ? (Object) t[0] : t);
    }
    boolean one = f.pois().size() == 1;
    return new Scan(f.pois(), values, s.t(), one ? s.interval68() : null, one ? s.interval95() : null,
        one ? null : s.contour68(), one ? null : s.contour95(), s.converged(), s.message());
  }

  /** CLs of one point's hypothesis against the reference. */
  public record Point(double[] values, @JsonProperty("cls_obs") double clsObs, @JsonProperty("cls_exp") double[] clsExp,
      boolean converged) {
    @Override
    public String toString() {
      return RecordText.of(this);
    }
  }

  /** {@code family limits}: CLs of every point against the reference hypothesis. */
  public record Limits(List<String> pois, double[] reference, List<Point> points, boolean converged) {
    @Override
    public String toString() {
      return RecordText.of(this);
    }
  }

  /** The report of the tests {@code rs} (one per point, in order) of family {@code f}. */
  public static Limits limits(ModelFamily f, List<HypoTestResult> rs) {
    List<Point> pts = new ArrayList<>();
    for (int i = 0; i < rs.size(); i++) {
      HypoTestResult r = rs.get(i);
      pts.add(new Point(f.point(i).theta(), r.cls(), r.clsExpected(), r.converged()));
    }
    return new Limits(f.pois(), f.reference(), pts, rs.stream().allMatch(HypoTestResult::converged));
  }
}
