package io.sumbin.eft.morphing;

/**
 * Names of the EFT columns that {@link EventQuadratics} writes into an event table — a contract for
 * modules that train on them without depending on eft (summaries depends on binning only).
 *
 * <ul>
 *   <li>{@code eft_wsm}: w_SM(x) = B_00(x), the fitted SM weight;
 *   <li>{@code eft_A_<a>_<b>}: A_ab(x) for every basis component except A_00 = 1, with a, b the
 *       θ names ({@code 1} for θ_0, else the coefficient), e.g. {@code eft_A_1_cHW},
 *       {@code eft_A_cHW_cHW}, {@code eft_A_cHB_cHW} (basis order: a ≤ b, coefficients in fit
 *       order). Then r(x|c) = Σ_{a≤b} (a = b ? 1 : 2) θ_a θ_b A_ab(x);
 *   <li>with a caller-chosen prefix P (e.g. {@code eft_sm_} at the SM): {@code P r} = r(x|c),
 *       {@code P w} = w(x|c), {@code P t_<c_j>} = ∂ ln r/∂c_j, {@code P R_<c_j>} = ∂r/∂c_j,
 *       {@code P R_<c_j>_<c_k>} = ∂²r/∂c_j∂c_k (j ≤ k, quadratic fits only).
 * </ul>
 */
public final class EftColumns {
  private EftColumns() {}

  /** Fitted SM weight B_00. */
  public static final String SM_WEIGHT = "eft_wsm";
  /** Prefix of the A-matrix columns. */
  public static final String MATRIX_PREFIX = "eft_A_";
  /** Suggested label prefix at the Standard Model. */
  public static final String SM_PREFIX = "eft_sm_";
  /** Suffix of r(x|c). */
  public static final String RATIO = "r";
  /** Suffix of w(x|c). */
  public static final String WEIGHT = "w";
  /** Infix of the scores ∂ ln r/∂c_j. */
  public static final String SCORE = "t_";
  /** Infix of the derivatives R_j and R_jk. */
  public static final String DERIVATIVE = "R_";

  /** Column of A entry of basis component k, e.g. {@code eft_A_1_cHW}. */
  public static String matrixEntry(QuadraticBasis basis, int k) {
    return MATRIX_PREFIX + basis.thetaName(basis.a(k)) + "_" + basis.thetaName(basis.b(k));
  }
}
