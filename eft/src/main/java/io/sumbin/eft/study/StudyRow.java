package io.sumbin.eft.study;

import io.sumbin.histmodel.util.RecordText;

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
 * @see #builder
 */
public record StudyRow(StudyDefinition.Cell cell, int binsMin, int binsMax, double expectedEvents, double[] interval68,
    double[] interval95, double fisherBinned, double fisherBinnedError, double fisherUnbinned, double fisherUnbinnedError,
    double fisherAnalytic, double[] scanRange,
    int scanPoints, int scanPasses, boolean converged, boolean disjoint68, boolean disjoint95, String message,
    double wallSeconds) implements java.io.Serializable {
  @Override
  public String toString() {
    return RecordText.of(this);
  }

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

  /**
   * A builder of the row of {@code cell}; unset fields keep the values of a cell that failed before binning:
   * bins −1, intervals, binned and analytic information and scan range NaN, no scan, not converged, message
   * "ok", wall time 0.
   */
  public static Builder builder(StudyDefinition.Cell cell) {
    return new Builder(cell);
  }

  /** A builder of {@link StudyRow} (see {@link StudyRow#builder}). */
  public static final class Builder {
    private static final double[] NAN2 = {Double.NaN, Double.NaN};
    private final StudyDefinition.Cell cell;
    private int binsMin = -1;
    private int binsMax = -1;
    private double expectedEvents = Double.NaN;
    private double[] interval68 = NAN2;
    private double[] interval95 = NAN2;
    private double fisherBinned = Double.NaN;
    private double fisherBinnedError = Double.NaN;
    private double fisherUnbinned = Double.NaN;
    private double fisherUnbinnedError = Double.NaN;
    private double fisherAnalytic = Double.NaN;
    private double[] scanRange = NAN2;
    private int scanPoints;
    private int scanPasses;
    private boolean converged;
    private boolean disjoint68;
    private boolean disjoint95;
    private String message = "ok";
    private double wallSeconds;

    private Builder(StudyDefinition.Cell cell) {
      this.cell = cell;
    }

    /** Fewest and most bins of any scan point's binning. */
    public Builder bins(int min, int max) {
      this.binsMin = min;
      this.binsMax = max;
      return this;
    }

    /** L·σ(θ_A). */
    public Builder expectedEvents(double n) {
      this.expectedEvents = n;
      return this;
    }

    /** The 68% and 95% intervals {lo, hi} (read, copied by the record). */
    public Builder intervals(double[] i68, double[] i95) {
      this.interval68 = i68;
      this.interval95 = i95;
      return this;
    }

    /** The binned Fisher information and its standard error. */
    public Builder fisherBinned(double value, double error) {
      this.fisherBinned = value;
      this.fisherBinnedError = error;
      return this;
    }

    /** The unbinned Fisher information and its standard error. */
    public Builder fisherUnbinned(double value, double error) {
      this.fisherUnbinned = value;
      this.fisherUnbinnedError = error;
      return this;
    }

    /** The toy's closed-form information. */
    public Builder fisherAnalytic(double value) {
      this.fisherAnalytic = value;
      return this;
    }

    /** The last scan grid {lo, hi} (read, copied by the record), its points and the number of scans made. */
    public Builder scan(double[] range, int points, int passes) {
      this.scanRange = range;
      this.scanPoints = points;
      this.scanPasses = passes;
      return this;
    }

    /** Whether every fit of the last scan converged. */
    public Builder converged(boolean c) {
      this.converged = c;
      return this;
    }

    /** Whether grid points outside the 68% (95%) interval also lie inside the region. */
    public Builder disjoint(boolean d68, boolean d95) {
      this.disjoint68 = d68;
      this.disjoint95 = d95;
      return this;
    }

    /** "ok" or what went wrong. */
    public Builder message(String m) {
      this.message = m;
      return this;
    }

    /** Wall time of the cell. */
    public Builder wallSeconds(double s) {
      this.wallSeconds = s;
      return this;
    }

    /** The row. */
    public StudyRow build() {
      return new StudyRow(cell, binsMin, binsMax, expectedEvents, interval68, interval95, fisherBinned, fisherBinnedError,
          fisherUnbinned, fisherUnbinnedError, fisherAnalytic, scanRange, scanPoints, scanPasses, converged, disjoint68,
          disjoint95, message, wallSeconds);
    }
  }

  /** The same row with another wall time (for comparisons). */
  public StudyRow withWallSeconds(double s) {
    return new StudyRow(cell, binsMin, binsMax, expectedEvents, interval68, interval95, fisherBinned, fisherBinnedError,
        fisherUnbinned, fisherUnbinnedError, fisherAnalytic, scanRange, scanPoints, scanPasses, converged, disjoint68, disjoint95, message, s);
  }
}
