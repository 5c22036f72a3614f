package io.sumbin.eft.study;

import java.math.BigDecimal;
import java.util.Locale;

/** Compact number formatting for labels and file names. */
final class Numbers {
  private Numbers() {}

  /** 300 → "300", 0.05 → "0.05", 1.0E-7 → "1.00000e-07"; NaN and infinities as Java prints them. */
  static String compact(double v) {
    if (!Double.isFinite(v)) {
      return String.valueOf(v);
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    String s = BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    return s.length() <= 12 ? s : String.format(Locale.ROOT, "%.6g", v);
  }
}
