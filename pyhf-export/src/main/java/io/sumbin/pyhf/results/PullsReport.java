package io.sumbin.pyhf.results;

import io.sumbin.histmodel.infer.diagnostics.Pull;
import io.sumbin.histmodel.infer.diagnostics.Pulls;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code pulls --json} object (issue 21): per constrained nuisance parameter its fitted value and
 * uncertainty, the pre-fit centre and width from its constraint, the pull (θ̂ − θ₀)/Δθ_pre and the
 * constraint Δθ_post/Δθ_pre; {@code groups} lists the parameters by modifier type.
 */
public record PullsReport(List<Entry> pulls, Map<String, List<String>> groups, boolean converged, String message) {

  /** One parameter. */
  public record Entry(String parameter, String type, double bestfit, double uncertainty, double nominal,
      @com.fasterxml.jackson.annotation.JsonProperty("prefit_uncertainty") double prefitUncertainty, double pull,
      double constraint) {}

  public static PullsReport of(Pulls p) {
    List<Entry> e = p.pulls().stream().map((Pull x) -> new Entry(x.parameter(), x.kind(), x.bestfit(), x.postfitSigma(),
        x.nominal(), x.prefitSigma(), x.pull(), x.constraint())).toList();
    Map<String, List<String>> g = new LinkedHashMap<>();
    p.byKind().forEach((k, v) -> g.put(k, v.stream().map(Pull::parameter).toList()));
    return new PullsReport(e, g, p.fit().ok(), p.fit().message());
  }
}
