package io.sumbin.examples.cli;

import io.sumbin.histmodel.infer.ProfileLikelihood;

/** Parsing of {@code LO:HI:N} grid options. */
final class Ranges {
  private Ranges() {}

  static double[] parse(String option, String text) {
    String[] p = text.split(":");
    if (p.length != 3) {
      throw new UserError(option + " expects LO:HI:N (e.g. 0:5:51), got '" + text + "'");
    }
    double lo;
    double hi;
    int n;
    try {
      lo = Double.parseDouble(p[0]);
      hi = Double.parseDouble(p[1]);
      n = Integer.parseInt(p[2]);
    } catch (NumberFormatException e) {
      throw new UserError(option + " " + text + ": not numbers (expected LO:HI:N)");
    }
    if (!(hi > lo) || n < 2) {
      throw new UserError(option + " " + text + ": need LO < HI and N >= 2");
    }
    return ProfileLikelihood.linspace(lo, hi, n);
  }
}
