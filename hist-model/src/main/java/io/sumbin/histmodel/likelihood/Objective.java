package io.sumbin.histmodel.likelihood;

/**
 * A smooth function to minimise, with analytic gradient and Hessian. Implementations need not be
 * thread-safe. Arrays: {@code x} read; {@code grad} and {@code hess} (row-major n×n) written.
 */
public interface Objective {
  /** Number of variables. */
  int dimension();

  /** f(x); may be +∞ outside the domain. */
  double value(double[] x);

  /** f(x) and ∇f(x); returns +∞ (gradient undefined) outside the domain. */
  double valueAndGradient(double[] x, double[] grad);

  /** ∇²f(x); returns false where unavailable. */
  boolean hessian(double[] x, double[] hess);

  /**
   * A positive semi-definite approximation of the Hessian — for a likelihood the expected
   * (Fisher) information — used where the exact Hessian is indefinite; false if unavailable.
   */
  default boolean fisher(double[] x, double[] hess) {
    return false;
  }

  /**
   * The block structure of the Hessian when some variables are bin-local ({@link BlockStructure}), or
   * null when the Hessian is treated as dense (the default).
   */
  default BlockStructure blockStructure() {
    return null;
  }

  /** ∇²f(x) in block form (written to {@code hess}); false where unavailable. */
  default boolean hessian(double[] x, BlockHessian hess) {
    return false;
  }

  /** The positive semi-definite approximation of {@link #fisher(double[], double[])} in block form; false if unavailable. */
  default boolean fisher(double[] x, BlockHessian hess) {
    return false;
  }
}
