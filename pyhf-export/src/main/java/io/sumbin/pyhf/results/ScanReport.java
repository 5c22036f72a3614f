package io.sumbin.pyhf.results;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sumbin.histmodel.infer.ProfileScan;
import io.sumbin.histmodel.infer.ProfileScan2D;
import io.sumbin.histmodel.util.RecordText;
import java.util.List;

/** The profile-likelihood scan objects of DESIGN.md §6 (one and two parameters). */
public final class ScanReport {
  private ScanReport() {}

  /**
   * A 1-D scan: Δ(2NLL) on the grid, the 68 % and 95 % intervals (null ends: no crossing, either
   * beyond the grid or, when the matching {@code *_at_bound} flag is true, at the parameter's bound).
   */
  public record OneD(
      String param,
      double[] values,
      @JsonProperty("delta_twice_nll") double[] deltaTwiceNll,
      @JsonProperty("interval_68") double[] interval68,
      @JsonProperty("interval_95") double[] interval95,
      @JsonProperty("interval_68_at_bound") boolean[] interval68AtBound,
      @JsonProperty("interval_95_at_bound") boolean[] interval95AtBound,
      double bestfit,
      @JsonProperty("twice_nll_min") double twiceNllMin,
      boolean converged) {
    @Override
    public String toString() {
      return RecordText.of(this);
    }
  }

  /** A 2-D scan: Δ(2NLL) on the grid (rows along the first parameter) and the contour segments. */
  public record TwoD(
      String param,
      String param2,
      double[] values,
      double[] values2,
      @JsonProperty("delta_twice_nll") double[][] deltaTwiceNll,
      @JsonProperty("contour_68") List<double[]> contour68,
      @JsonProperty("contour_95") List<double[]> contour95,
      double[] bestfit,
      boolean converged) {
    @Override
    public String toString() {
      return RecordText.of(this);
    }
  }

  /** The report of a 1-D scan of parameter {@code px} (no edge at a bound). */
  public static OneD of(ProfileScan s, int px) {
    return of(s, px, new boolean[2], new boolean[2]);
  }

  /**
   * The report of a 1-D scan of parameter {@code px}.
   *
   * @param s the scan
   * @param px the scanned parameter's index
   * @param at68 whether the 68 % interval's {lower, upper} edge is the parameter's bound
   * @param at95 the same for the 95 % interval
   * @return the report
   */
  public static OneD of(ProfileScan s, int px, boolean[] at68, boolean[] at95) {
    return new OneD(s.parameter(), s.values(), s.deltaTwiceNll(), s.interval68(), s.interval95(), at68.clone(), at95.clone(),
        s.best().bestfit()[px], s.best().twiceNll(), s.converged());
  }

  /** The report of a 2-D scan of parameters {@code px}, {@code py}. */
  public static TwoD of(ProfileScan2D s, int px, int py) {
    return new TwoD(s.xParameter(), s.yParameter(), s.xValues(), s.yValues(), s.delta(), s.contour68(), s.contour95(),
        new double[] {s.best().bestfit()[px], s.best().bestfit()[py]}, s.converged());
  }
}
