package io.sumbin.eft.study;

/**
 * The result of one cell of a {@link BinningStudy}: expected (Asimov) intervals of the scanned
 * coefficient and Fisher information, in the units of the coefficient.
 *
 * @param cell the cell's settings
 * @param binsMin fewest bins of any scan point's binning (min-mcstat merges, quantile ties; −1 if
 *     the cell failed before binning)
 * @param binsMax most bins of any scan point's binning
 * @param expectedEvents L·σ(θ_A), the expected events at the truth
 * @param interval68 {lo, hi} where t(θ′) = 1 around the best point (NaN at an end the scan does not
 *     reach)
 * @param interval95 the same at t = 3.84
 * @param fisherBinned Fisher information I_bin at θ_A of the binned model of scan point θ′ = θ_A
 *     ({@link AsimovScans#information}): without MC statistics the binned template estimate, debiased for
 *     the templates' Monte-Carlo noise when the events are independent draws; with MC statistics the
 *     model's information with the staterror nuisance parameters profiled
 * @param fisherBinnedError its standard error (delete-group jackknife over the events)
 * @param fisherUnbinned the events' per-event (unbinned) information at θ_A, L Σ (∂w/∂θ)²/w
 * @param fisherUnbinnedError its standard error (delete-group jackknife over the events)
 * @param fisherAnalytic the toy's closed-form information (NaN for other sources)
 * @param scanRange {lo, hi} of the last scan grid
 * @param scanPoints points of that grid
 * @param scanPasses scans made (the adaptive range widens and refines)
 * @param converged whether every fit of the last scan converged
 * @param disjoint68 whether grid points outside the 68% interval also have t ≤ 1
 * @param disjoint95 the same at 3.84
 * @param message "ok" or what went wrong (failed fits, open intervals, a binning error)
 * @param wallSeconds wall time of the cell (not reproducible; excluded from comparisons)
 */
public record StudyRow(StudyDefinition.Cell cell, int binsMin, int binsMax, double expectedEvents, double[] interval68,
    double[] interval95, double fisherBinned, double fisherBinnedError, double fisherUnbinned, double fisherUnbinnedError,
    double fisherAnalytic, double[] scanRange,
    int scanPoints, int scanPasses, boolean converged, boolean disjoint68, boolean disjoint95, String message,
    double wallSeconds) implements java.io.Serializable {

  public StudyRow {
    interval68 = interval68.clone();
    interval95 = interval95.clone();
    scanRange = scanRange.clone();
  }

  @Override
  public double[] interval68() {
    return interval68.clone();
  }

  @Override
  public double[] interval95() {
    return interval95.clone();
  }

  @Override
  public double[] scanRange() {
    return scanRange.clone();
  }

  /** hi − lo of the 68% interval (NaN when open). */
  public double width68() {
    return interval68[1] - interval68[0];
  }

  /** hi − lo of the 95% interval (NaN when open). */
  public double width95() {
    return interval95[1] - interval95[0];
  }

  /** 2/√I_bin: the 68% width the binned Fisher information predicts. */
  public double width68Fisher() {
    return 2 / Math.sqrt(fisherBinned);
  }

  /** 2/√I_unbinned: the width no binning of any observable of these events can beat. */
  public double width68Unbinned() {
    return 2 / Math.sqrt(fisherUnbinned);
  }

  /** 2/√I_analytic (toy only, NaN otherwise). */
  public double width68Analytic() {
    return 2 / Math.sqrt(fisherAnalytic);
  }

  /**
   * The bound on the 68% width that every binning of every observable of these (weighted) events
   * respects up to O(1/L) asymptotic corrections: 2/√I_unbinned of the sample itself. (The toy's
   * analytic value is the infinite-MC limit; a finite sample fluctuates around it.)
   */
  public double width68Bound() {
    return width68Unbinned();
  }

  /** The same row with another wall time (for comparisons). */
  public StudyRow withWallSeconds(double s) {
    return new StudyRow(cell, binsMin, binsMax, expectedEvents, interval68, interval95, fisherBinned, fisherBinnedError,
        fisherUnbinned, fisherUnbinnedError, fisherAnalytic, scanRange, scanPoints, scanPasses, converged, disjoint68, disjoint95, message, s);
  }
}
