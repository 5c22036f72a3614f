package io.sumbin.summaries;

import io.sumbin.binning.EventTable;
import java.util.ArrayList;
import java.util.List;

/**
 * The EFT column contract, declared once: the names of the columns that the eft module's quadratic
 * morphing ({@code io.sumbin.eft.morphing.EventQuadratics}) writes into an event table, read here by
 * modules that train on them without depending on eft ({@link EventTables#eftWeights}).
 *
 * <ul>
 *   <li>{@code eft_wsm}: w_SM(x) = B_00(x), the fitted SM weight;
 *   <li>{@code eft_A_<a>_<b>}: A_ab(x) = B_ab(x)/B_00(x) for every basis component except A_00 = 1, with
 *       a, b the θ names of θ = (1, c_1..c_n) ({@code 1} for θ_0, else the coefficient), e.g.
 *       {@code eft_A_1_cHW}, {@code eft_A_cHW_cHW}, {@code eft_A_cHB_cHW} (a ≤ b, coefficients in fit
 *       order), so that w(x|c) = w_SM(x) Σ_{a≤b} (a = b ? 1 : 2) θ_a θ_b A_ab(x);
 *   <li>labels at a point c with a caller-chosen prefix P (e.g. {@code eft_sm_} at the SM):
 *       {@code P r} = r(x|c), {@code P w} = w(x|c), {@code P t_<c_j>} = ∂ ln r/∂c_j,
 *       {@code P R_<c_j>} = ∂r/∂c_j, {@code P R_<c_j>_<c_k>} = ∂²r/∂c_j∂c_k (j ≤ k, quadratic fits only).
 * </ul>
 */
public final class EftColumns {
  private EftColumns() {}

  /** Prefix of every EFT column (inputs of a network never start with it). */
  public static final String PREFIX = "eft_";
  /** Fitted SM weight B_00. */
  public static final String SM_WEIGHT = PREFIX + "wsm";
  /** Prefix of the A-matrix columns. */
  public static final String MATRIX_PREFIX = PREFIX + "A_";
  /** Name of θ_0 = 1 in the A-matrix columns. */
  public static final String ONE = "1";
  /** Suggested label prefix at the Standard Model. */
  public static final String SM_PREFIX = PREFIX + "sm_";
  /** Suffix of r(x|c). */
  public static final String RATIO = "r";
  /** Suffix of w(x|c). */
  public static final String WEIGHT = "w";
  /** Infix of the scores ∂ ln r/∂c_j. */
  public static final String SCORE = "t_";
  /** Infix of the derivatives R_j and R_jk. */
  public static final String DERIVATIVE = "R_";

  /** Column of A_ab for the θ names a and b ({@link #ONE} for θ_0), e.g. {@code eft_A_1_cHW}. */
  public static String matrixEntry(String a, String b) {
    return MATRIX_PREFIX + a + "_" + b;
  }

  /** True if the table carries the quadratic columns. */
  public static boolean present(EventTable t) {
    return t.hasColumn(SM_WEIGHT) && !coefficients(t).isEmpty();
  }

  /** The Wilson coefficients of the columns, in fit order (from the {@code eft_A_1_<c>} columns). */
  public static List<String> coefficients(EventTable t) {
    List<String> out = new ArrayList<>();
    String p = matrixEntry(ONE, "");
    for (String c : t.columnNames()) {
      if (c.startsWith(p) && c.length() > p.length()) {
        out.add(c.substring(p.length()));
      }
    }
    return out;
  }
}
