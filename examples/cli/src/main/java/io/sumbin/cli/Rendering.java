package io.sumbin.cli;

import io.sumbin.histmodel.infer.HypoTestResult;
import io.sumbin.histmodel.infer.TestStatistic;
import io.sumbin.histmodel.infer.neyman.ConfidenceBelt;
import java.util.Locale;

/**
 * The human-readable text of the inference results, shared by the commands that print them
 * ({@code hypotest}, {@code toys}, {@code merge}, {@code limit}, {@code belt}, {@code family}); the
 * JSON of the same results is the library's report records. Numbers through {@link CliSupport#fmt}.
 */
final class Rendering {
  private Rendering() {}

  /** [a, b, c] with each number formatted for tables. */
  static String array(double[] a) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < a.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(CliSupport.fmt(a[i]));
    }
    return sb.append(']').toString();
  }

  /** A hypothesis test: CLs, CLs+b, CLb and the expected band; for q₀ the discovery p₀ and Z. */
  static String hypotest(HypoTestResult r, String poi) {
    if (r.testStatistic().discovery()) {
      return String.format(Locale.ROOT, "discovery test (%s): p0 = %s, Z = %.3f; expected p0 [-2σ..+2σ] = %s",
          r.testStatistic().name(), CliSupport.fmt(r.clsb()), r.significance(), array(r.clsExpected()));
    }
    if (r.testStatistic().pValueResult()) {
      return String.format(Locale.ROOT, "%s = %s (%s): p = %s, Z = %.3f", poi, CliSupport.fmt(r.mu()), r.testStatistic().name(),
          CliSupport.fmt(r.clsb()), r.significance());
    }
    return String.format(Locale.ROOT, "%s = %s (%s): CLs = %s  CLs+b = %s  CLb = %s%nexpected CLs [-2σ, -1σ, median, +1σ, +2σ] = %s",
        poi, CliSupport.fmt(r.mu()), r.testStatistic().pyhfName(), CliSupport.fmt(r.cls()), CliSupport.fmt(r.clsb()),
        CliSupport.fmt(r.clb()), array(r.clsExpected()));
  }

  /** A belt as a table (POI, critical value, t_obs, accepted) and the confidence set. */
  static String belt(ConfidenceBelt belt, String poi) {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%14s  %14s  %14s  %s%n", poi, "critical", "t_obs", "accepted"));
    for (int k = 0; k < belt.size(); k++) {
      sb.append(String.format(Locale.ROOT, "%14s  %14s  %14s  %s%n", CliSupport.fmt(belt.values()[k]),
          CliSupport.fmt(belt.criticalValues()[k]), CliSupport.fmt(belt.tObs()[k]), belt.accepted()[k] ? "yes" : "no"));
    }
    sb.append(String.format(Locale.ROOT, "%.4g%% CL confidence set (%s ordering, %s): %s", 100 * belt.cl(), belt.statistic().pyhfName(),
        belt.source(), pieces(belt)));
    return sb.toString();
  }

  /** The belt's confidence set as a union of intervals. */
  static String pieces(ConfidenceBelt b) {
    if (b.intervals().isEmpty()) {
      return "empty on this grid";
    }
    StringBuilder sb = new StringBuilder();
    for (double[] p : b.intervals()) {
      sb.append(sb.length() == 0 ? "" : " ∪ ").append('[').append(CliSupport.fmt(p[0])).append(", ").append(CliSupport.fmt(p[1])).append(']');
    }
    return sb.toString();
  }
}
