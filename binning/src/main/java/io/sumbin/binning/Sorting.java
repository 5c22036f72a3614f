package io.sumbin.binning;

/** Primitive argsort helpers (no boxing). */
final class Sorting {
  private Sorting() {}

  /** Below this many entries the merge sort is used (the radix sort's fixed costs dominate). */
  static final int RADIX_MIN = 256;

  private static final int DIGIT_BITS = 11;
  private static final int DIGITS = (64 + DIGIT_BITS - 1) / DIGIT_BITS;
  private static final int RADIX = 1 << DIGIT_BITS;

  /**
   * The entries of {@code idx} reordered so that key[idx] is ascending, entries with equal keys (−0.0 and
   * +0.0 are equal) in their order in {@code idx} — a stable sort. Without NaN keys this is a least-significant-
   * digit radix sort of the keys' order-preserving bit patterns, O(n), which yields exactly the permutation of
   * the stable merge sort {@link #mergeArgsort}; with a NaN key (no total order) the merge sort itself runs.
   *
   * @param key sort keys (read); {@code idx} indices into key (read)
   * @return a new array
   */
  static int[] argsort(double[] key, int[] idx) {
    int n = idx.length;
    if (n < RADIX_MIN) {
      return mergeArgsort(key, idx);
    }
    long[] k = new long[n];
    for (int r = 0; r < n; r++) {
      double v = key[idx[r]];
      if (v != v) {
        return mergeArgsort(key, idx);
      }
      long b = Double.doubleToRawLongBits(v + 0.0); // −0.0 + 0.0 = +0.0: one key for both zeros
      k[r] = b ^ ((b >> 63) | Long.MIN_VALUE); // unsigned order of k = numeric order of v
    }
    int[] count = new int[DIGITS * RADIX];
    for (int r = 0; r < n; r++) {
      long x = k[r];
      for (int d = 0; d < DIGITS; d++) {
        count[d * RADIX + (int) ((x >>> (d * DIGIT_BITS)) & (RADIX - 1))]++;
      }
    }
    int[] a = idx.clone();
    long[] k2 = new long[n];
    int[] a2 = new int[n];
    for (int d = 0; d < DIGITS; d++) {
      int off = d * RADIX;
      int shift = d * DIGIT_BITS;
      if (count[off + (int) ((k[0] >>> shift) & (RADIX - 1))] == n) {
        continue; // every key has this digit: the pass would not move anything
      }
      int sum = 0;
      for (int b = 0; b < RADIX; b++) {
        int c = count[off + b];
        count[off + b] = sum;
        sum += c;
      }
      for (int r = 0; r < n; r++) {
        long x = k[r];
        int pos = count[off + (int) ((x >>> shift) & (RADIX - 1))]++;
        k2[pos] = x;
        a2[pos] = a[r];
      }
      long[] tk = k;
      k = k2;
      k2 = tk;
      int[] ta = a;
      a = a2;
      a2 = ta;
    }
    return a;
  }

  /**
   * The entries of {@code idx} reordered so that key[idx] is ascending (stable merge sort).
   *
   * @param key sort keys (read); {@code idx} indices into key (read)
   * @return a new array
   */
  static int[] mergeArgsort(double[] key, int[] idx) {
    int[] a = idx.clone();
    int[] tmp = new int[a.length];
    for (int width = 1; width < a.length; width *= 2) {
      for (int lo = 0; lo < a.length - width; lo += 2 * width) {
        int mid = lo + width;
        int hi = Math.min(lo + 2 * width, a.length);
        if (key[a[mid - 1]] <= key[a[mid]]) {
          continue;
        }
        int i = lo, j = mid, k = lo;
        while (i < mid && j < hi) {
          tmp[k++] = key[a[j]] < key[a[i]] ? a[j++] : a[i++];
        }
        while (i < mid) {
          tmp[k++] = a[i++];
        }
        while (j < hi) {
          tmp[k++] = a[j++];
        }
        System.arraycopy(tmp, lo, a, lo, hi - lo);
      }
    }
    return a;
  }
}
