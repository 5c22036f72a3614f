package io.sumbin.histmodel.likelihood;

import java.util.Arrays;

/**
 * The sparsity of a likelihood's Hessian when some parameters are <em>bin-local</em>: a parameter
 * that multiplies the expected yield of one main bin only (a {@code shapesys}, {@code staterror} or
 * {@code shapefactor} component) couples to the other local parameters of that bin and to the global
 * parameters, never to local parameters of other bins. Ordering global parameters G first and local
 * ones L by bin, the Hessian is
 *
 * <pre>
 *   H = [ H_GG  H_GL ]      H_LL = diag(B_1, ..., B_K),  one small block B_k per bin,
 *       [ H_LG  H_LL ]
 * </pre>
 *
 * so Newton systems are solved through the Schur complement S = H_GG − H_GL H_LL⁻¹ H_LG in
 * O(n_L·n_G² + n_G³) time and O(n_L·n_G) memory instead of O(n³) and O(n²) (see
 * {@link BlockHessian}). Immutable.
 *
 * <p>Arrays: {@code globals[i]} is the parameter index of global i; {@code locals[j]} that of local j,
 * locals of block k at positions {@code blockStart[k]} .. {@code blockStart[k+1]−1}.
 */
public final class BlockStructure {
  private final int n;
  private final int[] globals;
  private final int[] locals;
  private final int[] blockStart;
  private final int[] gpos;
  private final int[] lpos;
  private final int[] blockOfLocal;
  private final int[] blockOfBin;
  private final int[] llStart;

  /**
   * @param n number of parameters
   * @param binOfLocal for every parameter the main bin it is local to, or −1 for a global parameter (read)
   * @param nBins number of main bins
   */
  public BlockStructure(int n, int[] binOfLocal, int nBins) {
    if (binOfLocal.length != n) {
      throw new IllegalArgumentException("binOfLocal has " + binOfLocal.length + " entries for " + n + " parameters");
    }
    this.n = n;
    gpos = new int[n];
    lpos = new int[n];
    Arrays.fill(gpos, -1);
    Arrays.fill(lpos, -1);
    int ng = 0;
    int[] perBin = new int[nBins];
    for (int p = 0; p < n; p++) {
      if (binOfLocal[p] < 0) {
        gpos[p] = ng++;
      } else {
        perBin[binOfLocal[p]]++;
      }
    }
    globals = new int[ng];
    for (int p = 0; p < n; p++) {
      if (gpos[p] >= 0) {
        globals[gpos[p]] = p;
      }
    }
    int nb = 0;
    blockOfBin = new int[nBins];
    Arrays.fill(blockOfBin, -1);
    for (int b = 0; b < nBins; b++) {
      if (perBin[b] > 0) {
        blockOfBin[b] = nb++;
      }
    }
    blockStart = new int[nb + 1];
    for (int b = 0; b < nBins; b++) {
      if (perBin[b] > 0) {
        blockStart[blockOfBin[b] + 1] = perBin[b];
      }
    }
    for (int k = 0; k < nb; k++) {
      blockStart[k + 1] += blockStart[k];
    }
    int nl = blockStart[nb];
    locals = new int[nl];
    blockOfLocal = new int[nl];
    int[] fill = Arrays.copyOf(blockStart, nb);
    for (int p = 0; p < n; p++) {
      if (binOfLocal[p] >= 0) {
        int k = blockOfBin[binOfLocal[p]];
        int j = fill[k]++;
        locals[j] = p;
        lpos[p] = j;
        blockOfLocal[j] = k;
      }
    }
    llStart = new int[nb + 1];
    for (int k = 0; k < nb; k++) {
      int s = blockStart[k + 1] - blockStart[k];
      llStart[k + 1] = llStart[k] + s * s;
    }
  }

  public int nPars() {
    return n;
  }

  public int nGlobal() {
    return globals.length;
  }

  public int nLocal() {
    return locals.length;
  }

  public int nBlocks() {
    return blockStart.length - 1;
  }

  /** Parameter index of global i. */
  public int global(int i) {
    return globals[i];
  }

  /** Parameter index of local j. */
  public int local(int j) {
    return locals[j];
  }

  /** Position of parameter p among the globals, −1 if it is local. */
  public int globalIndex(int p) {
    return gpos[p];
  }

  /** Position of parameter p among the locals, −1 if it is global. */
  public int localIndex(int p) {
    return lpos[p];
  }

  /** First local position of block k (blocks are contiguous). */
  public int blockStart(int k) {
    return blockStart[k];
  }

  /** Block of local j. */
  public int blockOfLocal(int j) {
    return blockOfLocal[j];
  }

  /** Block of the local parameters of main bin b, −1 if the bin has none. */
  public int blockOfBin(int b) {
    return blockOfBin[b];
  }

  /** Offset of block k's values in a flat array of all blocks (each stored k_size × k_size, row-major). */
  int llStart(int k) {
    return llStart[k];
  }

  /** Total size of all blocks' values. */
  int llSize() {
    return llStart[llStart.length - 1];
  }

  /** Largest block size. */
  public int maxBlock() {
    int m = 0;
    for (int k = 0; k < nBlocks(); k++) {
      m = Math.max(m, blockStart[k + 1] - blockStart[k]);
    }
    return m;
  }
}
