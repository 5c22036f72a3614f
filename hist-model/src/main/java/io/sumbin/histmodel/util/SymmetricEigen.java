package io.sumbin.histmodel.util;

/**
 * Eigen-decomposition of small symmetric matrices (Householder tridiagonalisation and implicit QL
 * via Hipparchus). Used where a Hessian is indefinite, to find directions of negative curvature;
 * allocates, but such points are rare.
 */
public final class SymmetricEigen {
  private SymmetricEigen() {}

  /**
   * Decomposes the n×n symmetric matrix {@code a} (row-major; read).
   *
   * @param values eigenvalues (written, length n)
   * @param vectors eigenvectors as columns, row-major n×n (written)
   */
  public static void decompose(double[] a, int n, double[] values, double[] vectors) {
    double[][] m = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        m[i][j] = 0.5 * (a[i * n + j] + a[j * n + i]);
      }
    }
    org.hipparchus.linear.EigenDecompositionSymmetric ed =
        new org.hipparchus.linear.EigenDecompositionSymmetric(new org.hipparchus.linear.Array2DRowRealMatrix(m, false), 1e-14, false);
    double[] ev = ed.getEigenvalues();
    for (int k = 0; k < n; k++) {
      values[k] = ev[k];
      org.hipparchus.linear.RealVector v = ed.getEigenvector(k);
      for (int i = 0; i < n; i++) {
        vectors[i * n + k] = v.getEntry(i);
      }
    }
  }
}
