package io.sumbin.pyhf.results;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sumbin.histmodel.infer.diagnostics.ParameterInterval;
import io.sumbin.histmodel.infer.diagnostics.ProfileIntervals;
import io.sumbin.histmodel.util.RecordText;
import java.util.List;

/**
 * The {@code intervals --json} object (issue 21): profile-likelihood 68 % and 95 % intervals per
 * parameter (null ends: the parameter's bound is reached first), with the Hessian error beside them.
 */
public record IntervalsReport(List<Entry> intervals, boolean converged) {

  /** One parameter. */
  public record Entry(String parameter, double best, @JsonProperty("interval_68") double[] interval68,
      @JsonProperty("interval_95") double[] interval95, @JsonProperty("hesse_error") double hesseError,
      boolean converged) {
    @Override
    public String toString() {
      return RecordText.of(this);
    }
  }

  public static IntervalsReport of(ProfileIntervals p) {
    return new IntervalsReport(p.intervals().stream().map((ParameterInterval i) -> new Entry(i.parameter(), i.best(),
        i.interval68(), i.interval95(), i.hesseError(), i.converged())).toList(), p.converged());
  }
}
