package io.sumbin.histmodel.inference;

import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.compile.Models;
import io.sumbin.histmodel.fit.FitResult;
import io.sumbin.histmodel.infer.HypoTestResult;
import io.sumbin.histmodel.infer.TestStatistic;
import io.sumbin.histmodel.infer.UpperLimit;
import io.sumbin.histmodel.likelihood.LikelihoodModel;
import io.sumbin.histmodel.spec.Workspace;

/**
 * One-call inference with every setting taken from the model, as pyhf's {@code infer} functions
 * default them: the workspace's first measurement, its observed data, the model's suggested initial
 * values, bounds and fixed parameters, the q̃ statistic, the asymptotic calculator, a CLs level of
 * 0.05 (a 95% CL limit) and, for a limit, the POI's bounds as the root-finding bracket (pyhf's
 * {@code upper_limit(data, model)} without a scan).
 *
 * <pre>{@code
 * Workspace ws = WorkspaceIO.read(Path.of("ws.json"));
 * System.out.print(Sumbin.fit(ws).summary());            // best fit ± error per parameter
 * System.out.print(Sumbin.hypotest(ws, 1.0).summary());  // CLs of μ = 1 with its expected band
 * System.out.print(Sumbin.upperLimit(ws).summary());     // observed and expected 95% CL limits
 * }</pre>
 *
 * Everything else (other statistics, toys, grids, curves, fixed parameters) is on
 * {@link InferenceFacade}, which these methods call with an {@link InferenceProblem}.
 */
public final class Sumbin {
  /** The CLs level of a default upper limit: CLs &lt; 0.05 is excluded (95% CL), as pyhf's {@code level}. */
  public static final double DEFAULT_LEVEL = 0.05;

  private Sumbin() {}

  /**
   * The workspace's first measurement compiled with pyhf's default interpolation, its observed data
   * and the model's suggested fit options.
   *
   * @param ws the workspace
   * @return the problem
   */
  public static InferenceProblem problem(Workspace ws) {
    CompiledModel m = Models.compile(ws, null);
    return InferenceProblem.of(m, Models.observedData(ws, m));
  }

  /**
   * The maximum-likelihood fit, with Hessian uncertainties, of the workspace's observed data.
   *
   * @param ws the workspace
   * @return the fit ({@link FitResult#summary()} prints it)
   */
  public static FitResult fit(Workspace ws) {
    return InferenceFacade.fit(problem(ws));
  }

  /**
   * The maximum-likelihood fit of {@code data} in {@code model} with the model's suggested options.
   *
   * @param model the model
   * @param data main data followed by the auxiliary data
   * @return the fit
   */
  public static FitResult fit(LikelihoodModel model, double[] data) {
    return InferenceFacade.fit(InferenceProblem.of(model, data));
  }

  /**
   * Asymptotic CLs (q̃) of POI value {@code mu} with the workspace's observed data (pyhf's
   * {@code hypotest(mu, data, model)}).
   *
   * @param ws the workspace
   * @param mu the tested POI value (within the POI's bounds)
   * @return the test ({@link HypoTestResult#summary()} prints it)
   */
  public static HypoTestResult hypotest(Workspace ws, double mu) {
    return InferenceFacade.hypotest(problem(ws), mu, InferenceOptions.asymptotic(TestStatistic.QTILDE)).result();
  }

  /**
   * Asymptotic CLs (q̃) of POI value {@code mu} for {@code data} in {@code model}.
   *
   * @param model the model (with a POI)
   * @param data main data followed by the auxiliary data
   * @param mu the tested POI value (within the POI's bounds)
   * @return the test
   */
  public static HypoTestResult hypotest(LikelihoodModel model, double[] data, double mu) {
    return InferenceFacade.hypotest(InferenceProblem.of(model, data), mu, InferenceOptions.asymptotic(TestStatistic.QTILDE)).result();
  }

  /**
   * The observed and expected 95% CL (CLs = 0.05) upper limits on the POI of the workspace's
   * observed data: asymptotic q̃, root finding between the POI's bounds (pyhf's
   * {@code upper_limit(data, model)}).
   *
   * @param ws the workspace
   * @return the limit ({@link UpperLimit#summary()} prints it)
   */
  public static UpperLimit upperLimit(Workspace ws) {
    return upperLimit(problem(ws), DEFAULT_LEVEL);
  }

  /**
   * The observed and expected upper limits at CLs level 0.05 for {@code data} in {@code model}.
   *
   * @param model the model (with a POI)
   * @param data main data followed by the auxiliary data
   * @return the limit
   */
  public static UpperLimit upperLimit(LikelihoodModel model, double[] data) {
    return upperLimit(InferenceProblem.of(model, data), DEFAULT_LEVEL);
  }

  /**
   * The observed and expected upper limits at CLs level {@code level} (pyhf's {@code level}: 0.05
   * for 95% CL), asymptotic q̃, root finding between the POI's bounds.
   *
   * @param model the model (with a POI)
   * @param data main data followed by the auxiliary data
   * @param level the CLs value below which a POI value is excluded, in (0, 1)
   * @return the limit
   */
  public static UpperLimit upperLimit(LikelihoodModel model, double[] data, double level) {
    return upperLimit(InferenceProblem.of(model, data), level);
  }

  private static UpperLimit upperLimit(InferenceProblem p, double level) {
    return InferenceFacade.upperLimit(p, LimitSettings.rootFinding(1 - level), InferenceOptions.asymptotic(TestStatistic.QTILDE)).limit();
  }
}
