package io.sumbin.histmodel.util;

/**
 * In-place Cholesky factorisation and solves for small dense symmetric positive-definite matrices
 * stored row-major. No allocation.
 */
public final class Cholesky {
  private Cholesky() {}

  /**
   * Factorises the leading n×n block of {@code a} (row-major with row stride {@code n}) into its
   * lower Cholesky factor L (written into the lower triangle, upper triangle untouched).
   *
   * @return false if the matrix is not (numerically) positive definite
   */
  public static boolean factor(double[] a, int n) {
    for (int j = 0; j < n; j++) {
      int rj = j * n;
      double d = a[rj + j];
      for (int k = 0; k < j; k++) {
        d -= a[rj + k] * a[rj + k];
      }
      if (!(d > 0) || !Double.isFinite(d)) {
        return false;
      }
      double ljj = Math.sqrt(d);
      a[rj + j] = ljj;
      // four rows at a time: four independent summation chains hide the floating-point add latency;
      // each chain still sums over k in order, so the factor is bit-identical to the one-row loop
      int i = j + 1;
      for (; i + 3 < n; i += 4) {
        int r0 = i * n;
        int r1 = r0 + n;
        int r2 = r1 + n;
        int r3 = r2 + n;
        double s0 = a[r0 + j];
        double s1 = a[r1 + j];
        double s2 = a[r2 + j];
        double s3 = a[r3 + j];
        for (int k = 0; k < j; k++) {
          double ajk = a[rj + k];
          s0 -= a[r0 + k] * ajk;
          s1 -= a[r1 + k] * ajk;
          s2 -= a[r2 + k] * ajk;
          s3 -= a[r3 + k] * ajk;
        }
        a[r0 + j] = s0 / ljj;
        a[r1 + j] = s1 / ljj;
        a[r2 + j] = s2 / ljj;
        a[r3 + j] = s3 / ljj;
      }
      for (; i < n; i++) {
        int ri = i * n;
        double s = a[ri + j];
        for (int k = 0; k < j; k++) {
          s -= a[ri + k] * a[rj + k];
        }
        a[ri + j] = s / ljj;
      }
    }
    return true;
  }

  /** Solves L Lᵀ x = b in place ({@code b} read, overwritten with x) using a factor from {@link #factor}. */
  public static void solve(double[] l, int n, double[] b) {
    for (int i = 0; i < n; i++) {
      int ri = i * n;
      double s = b[i];
      for (int k = 0; k < i; k++) {
        s -= l[ri + k] * b[k];
      }
      b[i] = s / l[ri + i];
    }
    for (int i = n - 1; i >= 0; i--) {
      double s = b[i];
      for (int k = i + 1; k < n; k++) {
        s -= l[k * n + i] * b[k];
      }
      b[i] = s / l[i * n + i];
    }
  }

  /**
   * Inverse from a Cholesky factor: writes (L Lᵀ)⁻¹ into {@code inv} (row-major n×n).
   *
   * @param col scratch of length n
   */
  public static void inverse(double[] l, int n, double[] inv, double[] col) {
    for (int j = 0; j < n; j++) {
      java.util.Arrays.fill(col, 0, n, 0.0);
      col[j] = 1.0;
      solve(l, n, col);
      for (int i = 0; i < n; i++) {
        inv[i * n + j] = col[i];
      }
    }
  }
}
