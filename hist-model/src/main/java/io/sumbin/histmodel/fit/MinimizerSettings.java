package io.sumbin.histmodel.fit;

/**
 * Settings of {@link BoundedNewtonMinimizer}.
 *
 * @param maxIterations Newton iterations before giving up
 * @param edmTolerance convergence when the estimated distance to the minimum, ½ gᵀH⁻¹g over the
 *     free variables, falls below this (in units of the objective, i.e. of −ln L)
 * @param maxEvaluations objective evaluations before giving up
 */
public record MinimizerSettings(int maxIterations, double edmTolerance, int maxEvaluations) {
  /** 500 iterations, EDM below 1e−10 (far tighter than pyhf's SLSQP tolerance of ~1e−6 on 2·NLL). */
  public static final MinimizerSettings DEFAULT = new MinimizerSettings(500, 1e-10, 5000);

  public MinimizerSettings withEdmTolerance(double t) {
    return new MinimizerSettings(maxIterations, t, maxEvaluations);
  }

  public MinimizerSettings withMaxIterations(int n) {
    return new MinimizerSettings(n, edmTolerance, maxEvaluations);
  }
}
