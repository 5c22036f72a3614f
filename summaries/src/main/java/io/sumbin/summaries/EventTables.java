package io.sumbin.summaries;

import io.sumbin.binning.Column;
import io.sumbin.binning.EventTable;
import io.sumbin.summaries.weights.PolynomialBasis;
import io.sumbin.summaries.weights.PolynomialWeights;
import java.util.ArrayList;
import java.util.List;

/**
 * Adapters between binning's {@link EventTable} and the summaries API: features in, summary columns
 * out, and the per-event polynomial weights that the eft module writes as columns.
 *
 * <p>EFT columns ({@link EftColumns}): {@code eft_wsm} = w_SM(x) and {@code eft_A_<a>_<b>} = A_ab(x),
 * w(x|c) = w_SM(x) Σ_{a≤b} (a = b ? 1 : 2) θ_a θ_b A_ab(x) with A_00 = 1. In the monomial basis of {@link PolynomialBasis} this is T_1 = w_SM, T_{c_i} = 2 w_SM A_0i,
 * T_{c_i²} = w_SM A_ii, T_{c_i c_j} = 2 w_SM A_ij.
 *
 * <pre>{@code
 * EventTable t = quadratics.withQuadraticColumns(sample.events());    // eft module
 * PolynomialWeights w = EventTables.eftWeights(t, List.of("cHW", "cHB"));
 * FeatureMatrix x = EventTables.features(t, List.of("m_jj", "dphi_jj_signed", "pt_h"));
 * try (DerivativeSummary d = DerivativeLearning.train(x, w, new double[2], null, TrainingSettings.DEFAULT)) {
 *   EventTable withR = EventTables.withSummary(t, d, "nn_");          // nn_R_cHW, nn_R_cHB, ...
 * }
 * }</pre>
 */
public final class EventTables {
  private EventTables() {}

  /**
   * The named columns as features.
   *
   * @throws IllegalArgumentException if a column is missing or has a non-finite value (naming the
   *     column and the first such event; see {@link #finiteRows})
   */
  public static FeatureMatrix features(EventTable t, List<String> columns) {
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("no feature columns given");
    }
    int n = t.size();
    int d = columns.size();
    float[] data = new float[n * d];
    for (int j = 0; j < d; j++) {
      Column c = t.column(columns.get(j));
      for (int i = 0; i < n; i++) {
        double v = c.get(i);
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("column '" + columns.get(j) + "' is " + v + " for event " + i
              + " (drop such events first, e.g. with EventTables.finiteRows)");
        }
        data[i * d + j] = (float) v;
      }
    }
    return FeatureMatrix.ofRowMajor(columns, n, data);
  }

  /** Indices of the events whose listed columns are all finite (for {@link EventTable#select}). */
  public static int[] finiteRows(EventTable t, List<String> columns) {
    Column[] cs = new Column[columns.size()];
    for (int j = 0; j < cs.length; j++) {
      cs[j] = t.column(columns.get(j));
    }
    int[] keep = new int[t.size()];
    int m = 0;
    for (int i = 0; i < t.size(); i++) {
      boolean ok = true;
      for (Column c : cs) {
        ok &= Double.isFinite(c.get(i));
      }
      if (ok) {
        keep[m++] = i;
      }
    }
    return java.util.Arrays.copyOf(keep, m);
  }

  /** True if the table carries the eft module's quadratic columns ({@link EftColumns#present}). */
  public static boolean hasEftColumns(EventTable t) {
    return EftColumns.present(t);
  }

  /** The Wilson coefficients of the EFT columns, in fit order ({@link EftColumns#coefficients}). */
  public static List<String> eftCoefficients(EventTable t) {
    return EftColumns.coefficients(t);
  }

  /** Polynomial weights in all EFT coefficients of the table (see {@link #eftWeights(EventTable, List)}). */
  public static PolynomialWeights eftWeights(EventTable t) {
    return eftWeights(t, eftCoefficients(t));
  }

  /**
   * Polynomial weights w_i(c) in the listed coefficients (the others held at 0), quadratic when the
   * table has the A_ii columns and linear otherwise.
   *
   * @throws IllegalArgumentException if the EFT columns are missing or a listed coefficient is unknown
   */
  public static PolynomialWeights eftWeights(EventTable t, List<String> parameters) {
    List<String> all = eftCoefficients(t);
    if (!EftColumns.present(t)) {
      throw new IllegalArgumentException("the event table has no EFT columns (" + EftColumns.SM_WEIGHT + ", "
          + EftColumns.matrixEntry(EftColumns.ONE, "<c>") + ", ...): run the eft module's quadratic morphing first");
    }
    if (parameters.isEmpty()) {
      throw new IllegalArgumentException("no EFT parameters selected (table has " + all + ")");
    }
    for (String p : parameters) {
      if (!all.contains(p)) {
        throw new IllegalArgumentException("unknown EFT coefficient '" + p + "' (table has " + all + ")");
      }
    }
    boolean quadratic = t.hasColumn(EftColumns.matrixEntry(all.get(0), all.get(0)));
    PolynomialBasis basis = new PolynomialBasis(parameters, quadratic ? 2 : 1);
    int n = t.size();
    int k = basis.size();
    double[] wsm = t.doubles(EftColumns.SM_WEIGHT);
    double[][] coef = new double[n][k];
    for (int term = 0; term < k; term++) {
      int[] e = basis.exponents(term);
      String column;
      double factor;
      List<String> idx = new ArrayList<>();
      for (int a = 0; a < e.length; a++) {
        for (int r = 0; r < e[a]; r++) {
          idx.add(parameters.get(a));
        }
      }
      if (idx.isEmpty()) {
        for (int i = 0; i < n; i++) {
          coef[i][term] = wsm[i];
        }
        continue;
      } else if (idx.size() == 1) {
        column = EftColumns.matrixEntry(EftColumns.ONE, idx.get(0));
        factor = 2;
      } else if (idx.get(0).equals(idx.get(1))) {
        column = EftColumns.matrixEntry(idx.get(0), idx.get(0));
        factor = 1;
      } else {
        column = EftColumns.matrixEntry(idx.get(0), idx.get(1));
        if (!t.hasColumn(column)) {
          column = EftColumns.matrixEntry(idx.get(1), idx.get(0));
        }
        factor = 2;
      }
      double[] a = t.doubles(column);
      for (int i = 0; i < n; i++) {
        double v = factor * wsm[i] * a[i];
        coef[i][term] = Double.isFinite(v) ? v : 0;
      }
    }
    return new PolynomialWeights(basis, coef);
  }

  /**
   * The table with the summary's outputs added as double columns named {@code prefix + outputName}.
   * This is the "per-event learned R_i for a table" entry point: for a {@link io.sumbin.summaries.derivative.DerivativeSummary} the
   * columns are {@code prefix + "R_" + c} and {@code prefix + "R_" + c + "_" + d}.
   */
  public static EventTable withSummary(EventTable t, LearnedSummary s, String prefix) {
    double[][] v = s.evaluate(features(t, s.inputNames()));
    EventTable out = t;
    for (int k = 0; k < v.length; k++) {
      out = out.withDoubleColumn(prefix + s.outputNames().get(k), v[k]);
    }
    return out;
  }

  /** The table with log r̂(x|θ, θ₀) added as a double column. */
  public static EventTable withLogRatio(EventTable t, RatioEstimator r, double[] theta, String column) {
    return t.withDoubleColumn(column, r.logRatio(features(t, r.inputNames()), theta));
  }
}
