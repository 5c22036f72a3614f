package io.sumbin.histmodel.fit;

/**
 * Settings of {@link BoundedNewtonMinimizer}.
 *
 * @param maxIterations Newton iterations before giving up
 * @param edmTolerance convergence when the estimated distance to the minimum, ½ gᵀH⁻¹g over the
 *     free variables, falls below this (in units of the objective, i.e. of −ln L)
 * @param maxEvaluations objective evaluations before giving up
 * @param hessianForm dense Newton systems, the block form of bin-local parameters, or the block form
 *     when the objective has at least {@link BoundedNewtonMinimizer#BLOCK_MIN_LOCALS} local parameters
 */
public record MinimizerSettings(int maxIterations, double edmTolerance, int maxEvaluations, HessianForm hessianForm) {
  /** 500 iterations, EDM below 1e−10 (far tighter than pyhf's SLSQP tolerance of ~1e−6 on 2·NLL). */
  public static final MinimizerSettings DEFAULT = new MinimizerSettings(500, 1e-10, 5000, HessianForm.AUTO);

  /** How Newton systems are solved (see {@link io.sumbin.histmodel.likelihood.BlockStructure}). */
  public enum HessianForm {
    /** Blocks when there are many bin-local parameters, dense otherwise. */
    AUTO,
    /** Always dense (n × n). */
    DENSE,
    /** Always the block form when the objective has one. */
    BLOCK
  }

  public MinimizerSettings {
    if (hessianForm == null) {
      throw new IllegalArgumentException("hessianForm must not be null");
    }
  }

  /** Settings with the automatic Hessian form. */
  public MinimizerSettings(int maxIterations, double edmTolerance, int maxEvaluations) {
    this(maxIterations, edmTolerance, maxEvaluations, HessianForm.AUTO);
  }

  public MinimizerSettings withEdmTolerance(double t) {
    return new MinimizerSettings(maxIterations, t, maxEvaluations, hessianForm);
  }

  public MinimizerSettings withMaxIterations(int n) {
    return new MinimizerSettings(n, edmTolerance, maxEvaluations, hessianForm);
  }

  public MinimizerSettings withHessianForm(HessianForm form) {
    return new MinimizerSettings(maxIterations, edmTolerance, maxEvaluations, form);
  }
}
