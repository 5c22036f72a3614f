package io.sumbin.eft.morphing;

import io.sumbin.binning.Column;
import io.sumbin.binning.EventTable;
import io.sumbin.binning.lhe.LheSample;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-event morphing from reweighting weights: for every event, the symmetric B(x) with
 * w(x|c) = θᵀB(x)θ, θ = (1, c_1..c_n), is the least-squares solution over all points,
 * β(x) = X⁺ y(x) ({@link MorphingDesign}); the result is an {@link EventQuadratics}.
 *
 * <pre>{@code
 * LheSample s = LheSample.read(Path.of("smeftsim_VBFH-1.lhe.gz"));
 * EventQuadratics q = QuadraticMorphing.fit(s, Mode.QUADRATIC);   // 21 points, 21 components
 * q.conditionNumber();  q.maxRelativeResidual();                  // ~1e-13
 * double[] r = q.ratios(new double[] {0, 0, 0.1, 0, 0});          // r(x|c) per event
 * EventTable labelled = q.withSmLabels(s.events());   // quadratic-form columns + labels at the SM
 * }</pre>
 */
public final class QuadraticMorphing {
  private QuadraticMorphing() {}

  /** Which polynomial is fitted. */
  public enum Mode {
    /** θᵀBθ with all (n+1)(n+2)/2 components (needs points spanning the quadratic space). */
    QUADRATIC,
    /** B_00 + 2 Σ_i B_0i c_i only; must be asked for explicitly. */
    LINEAR
  }

  /**
   * Fits all reweighting weights of an LHE sample, parsing the ids as MadGraph points
   * ({@link ParameterPoint#parseMadGraphId}).
   *
   * @throws io.sumbin.histmodel.BadInputException if an id cannot be parsed, naming the sample's files
   * @throws UnderdeterminedMorphingException if the points do not determine the polynomial, naming the
   *     sample's files
   */
  public static EventQuadratics fit(LheSample sample, Mode mode) {
    String where = String.join(", ", sample.files().stream().map(java.nio.file.Path::toString).toList());
    try {
      return fit(sample.events(), sample.weightIds(), mode);
    } catch (UnderdeterminedMorphingException e) { // only the sample knows its files
      throw e.in(where);
    } catch (io.sumbin.histmodel.BadInputException e) {
      throw new io.sumbin.histmodel.BadInputException(where + ": " + e.getMessage(), e);
    }
  }

  /** Fits the columns {@code rwgt_<id>} of a table, parsing the ids as MadGraph points. */
  public static EventQuadratics fit(EventTable table, List<String> weightIds, Mode mode) {
    List<ParameterPoint> pts = new ArrayList<>();
    for (String id : weightIds) {
      pts.add(ParameterPoint.parseMadGraphId(id));
    }
    MorphingDesign d = MorphingDesign.of(pts, mode == Mode.LINEAR);
    return fit(table, weightIds, d);
  }

  /**
   * Fits the columns {@code rwgt_<id>} of a table with an explicit design whose points are in the
   * order of {@code weightIds}.
   */
  public static EventQuadratics fit(EventTable table, List<String> weightIds, MorphingDesign design) {
    if (weightIds.size() != design.nPoints()) {
      throw new io.sumbin.histmodel.BadInputException(weightIds.size() + " weight ids for a design with " + design.nPoints() + " points");
    }
    int n = table.size();
    int p = weightIds.size();
    Column[] cols = new Column[p];
    for (int r = 0; r < p; r++) {
      cols[r] = table.column(LheSample.reweightColumn(weightIds.get(r)));
    }
    double[] y = new double[n * p];
    for (int r = 0; r < p; r++) {
      for (int i = 0; i < n; i++) {
        y[i * p + r] = cols[r].get(i);
      }
    }
    return fit(y, design);
  }

  /**
   * The core: per-event least squares.
   *
   * @param y n × P weights, row-major (read)
   */
  public static EventQuadratics fit(double[] y, MorphingDesign design) {
    int p = design.nPoints();
    int m = design.basis().size();
    if (y.length % p != 0) {
      throw new io.sumbin.histmodel.BadInputException("weights array has " + y.length + " values, not a multiple of " + p + " points");
    }
    int n = y.length / p;
    double[] beta = new double[n * m];
    double[] pred = new double[p];
    double maxRel = 0;
    for (int i = 0; i < n; i++) {
      design.solve(y, i * p, beta, i * m);
      design.predict(beta, i * m, pred);
      double scale = 0;
      for (int r = 0; r < p; r++) {
        scale = Math.max(scale, Math.abs(y[i * p + r]));
      }
      for (int r = 0; r < p; r++) {
        double yr = y[i * p + r];
        double d = Math.abs(pred[r] - yr);
        double rel = yr != 0 ? d / Math.abs(yr) : (scale > 0 ? d / scale : d);
        if (rel > maxRel || Double.isNaN(rel)) {
          maxRel = rel;
        }
      }
    }
    return new EventQuadratics(design, beta, n, maxRel);
  }
}
