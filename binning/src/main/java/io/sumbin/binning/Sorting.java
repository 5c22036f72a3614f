package io.sumbin.binning;

/** Primitive argsort helpers (no boxing). */
final class Sorting {
  private Sorting() {}

  /**
   * The entries of {@code idx} reordered so that key[idx] is ascending (stable merge sort).
   *
   * @param key sort keys (read); {@code idx} indices into key (read)
   * @return a new array
   */
  static int[] argsort(double[] key, int[] idx) {
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
