package io.sumbin.histmodel.infer.diagnostics;

import io.sumbin.histmodel.fit.FitResult;
import io.sumbin.histmodel.likelihood.LikelihoodModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pulls and constraints of the constrained nuisance parameters of a fit (see {@link Pull}), in
 * parameter order, also grouped by modifier type. Parameters held fixed in the fit are left out.
 *
 * @param fit the fit they describe
 */
public record Pulls(List<Pull> pulls, FitResult fit) {
  public Pulls {
    pulls = List.copyOf(pulls);
  }

  /**
   * The pulls of {@code fit}.
   *
   * @param data the fitted main + auxiliary data (read; the auxiliary data give θ₀)
   * @param fixed parameters held fixed in the fit (read)
   */
  public static Pulls of(LikelihoodModel model, double[] data, FitResult fit, boolean[] fixed) {
    Priors pr = Priors.of(model, data);
    List<Pull> out = new ArrayList<>();
    for (int i = 0; i < model.nPars(); i++) {
      if (!pr.constrained(i) || fixed[i]) {
        continue;
      }
      double s = pr.sigma()[i];
      double post = fit.uncertainties()[i];
      out.add(new Pull(model.parName(i), i, pr.kind()[i], fit.bestfit()[i], post, pr.nominal()[i], s,
          (fit.bestfit()[i] - pr.nominal()[i]) / s, post / s));
    }
    return new Pulls(out, fit);
  }

  /** The pulls grouped by modifier type, types in order of first appearance. */
  public Map<String, List<Pull>> byKind() {
    Map<String, List<Pull>> m = new LinkedHashMap<>();
    for (Pull p : pulls) {
      m.computeIfAbsent(p.kind(), k -> new ArrayList<>()).add(p);
    }
    return m;
  }

  @Override
  public String toString() {
    return "Pulls" + pulls;
  }
}
