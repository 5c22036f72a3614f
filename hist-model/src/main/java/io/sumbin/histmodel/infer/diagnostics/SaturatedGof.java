package io.sumbin.histmodel.infer.diagnostics;

import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.compile.Evaluator;
import io.sumbin.histmodel.fit.FitOptions;
import io.sumbin.histmodel.fit.FitResult;
import io.sumbin.histmodel.fit.Fitter;
import io.sumbin.histmodel.parallel.Work;
import io.sumbin.histmodel.parallel.WorkRunner;
import io.sumbin.histmodel.infer.toys.ToyGenerator;
import io.sumbin.histmodel.infer.toys.ToyRandom;
import io.sumbin.histmodel.util.RecordText;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.hipparchus.special.Gamma;

/**
 * The saturated-model goodness of fit (Baker and Cousins, Nucl. Instrum. Meth. 221 (1984) 437; CMS
 * Combine's {@code GoodnessOfFit --algo saturated}):
 *
 * <pre>
 *   q = −2 ln [L(θ̂) / L_sat] = 2 Σ_b [ν_b − n_b + n_b ln(n_b/ν_b)] + Σ_gauss (a − θ̂)²/σ²
 *       + 2 Σ_pois [γ̂τ − a + a ln(a/(γ̂τ))]
 * </pre>
 *
 * where L_sat sets every main bin's rate to its observation and every constraint term at its maximum
 * (θ = a). Its p-value is the fraction of pseudo-experiments generated at the best fit θ̂ (main and
 * auxiliary data fluctuated, {@link ToyGenerator}) with q ≥ q_obs, each toy refitted from θ̂; the
 * error is binomial, √(p(1 − p)/N). The per-channel statistic is the channel's part of the main sum
 * (constraints excluded), with p-values from the same toys.
 *
 * <p>Asymptotic references: χ² with the number of main bins (the reference) and with
 * dof = main bins + constraint terms − free parameters (Wilks' count: the saturated model frees
 * one rate per bin and per auxiliary measurement; for a model whose constrained parameters are all
 * free this is bins minus the free unconstrained parameters).
 *
 * @param q the observed statistic
 * @param channels channel names, in model order
 * @param qChannels the channel parts of q
 * @param pValue toy p-value (NaN without toys)
 * @param pValueError its binomial error
 * @param channelPValues per-channel toy p-values
 * @param channelPValueErrors their binomial errors
 * @param ntoys toys thrown
 * @param failedToys toys whose fit did not converge (excluded)
 * @param bins main bins
 * @param dof the Wilks count above
 * @param pChi2Bins P(χ²_bins ≥ q)
 * @param pChi2Dof P(χ²_dof ≥ q) (NaN when dof ≤ 0)
 * @param toyQ q of each usable toy (in toy order)
 * @param best the fit to the data
 */
public record SaturatedGof(double q, List<String> channels, double[] qChannels, double pValue, double pValueError,
    double[] channelPValues, double[] channelPValueErrors, int ntoys, int failedToys, int bins, int dof,
    double pChi2Bins, double pChi2Dof, double[] toyQ, FitResult best, boolean converged, String message) {

  public SaturatedGof {
    channels = List.copyOf(channels);
    qChannels = qChannels.clone();
    channelPValues = channelPValues.clone();
    channelPValueErrors = channelPValueErrors.clone();
    toyQ = toyQ.clone();
  }

  /** Random stream of the goodness-of-fit toys. */
  static final long STREAM = ToyRandom.stream("gof-saturated", 0);

  /**
   * The statistic of a fit: element 0 the total q, then the part of each channel (written).
   *
   * @param data main + auxiliary data (read)
   */
  static double[] statistic(CompiledModel model, Evaluator ev, double[] pars, double[] data, double[] nuScratch) {
    int nc = model.channelNames().size();
    double[] out = new double[1 + nc];
    // the deviance form: −ln L − (−ln L_sat) is the NLL without its data constant
    out[0] = 2 * ev.nll(pars, data, 0.0);
    ev.expectedMain(pars, nuScratch);
    for (int c = 0; c < nc; c++) {
      int off = model.channelOffset(c);
      double s = 0;
      for (int b = 0; b < model.channelNbins(c); b++) {
        s += Evaluator.poissonDeviance(data[off + b], nuScratch[off + b]);
      }
      out[1 + c] = 2 * s;
    }
    return out;
  }

  /**
   * The goodness of fit of {@code data} with {@code ntoys} toys (0: asymptotic references only).
   *
   * @param data main + auxiliary data (read)
   */
  public static SaturatedGof compute(CompiledModel model, double[] data, FitOptions options, int ntoys, long seed,
      WorkRunner runner) {
    if (ntoys < 0) {
      throw new IllegalArgumentException("ntoys must be ≥ 0, got " + ntoys);
    }
    FitOptions o = options.withUncertainties(false);
    FitResult best = new Fitter(model, o.settings()).fit(data, o);
    double[] obs = statistic(model, model.evaluator(), best.bestfit(), data, new double[model.nMain()]);
    int nc = obs.length - 1;
    List<double[]> toys = ntoys == 0 ? List.of()
        : runner.run(new Toys(model, o, best.bestfit(), seed), ntoys);
    int failed = 0;
    int usable = 0;
    int geq = 0;
    int[] geqC = new int[nc];
    double[] tq = new double[ntoys];
    for (double[] t : toys) {
      if (t[nc + 1] != 1.0 || !Double.isFinite(t[0])) {
        failed++;
        continue;
      }
      tq[usable++] = t[0];
      if (t[0] >= obs[0]) {
        geq++;
      }
      for (int c = 0; c < nc; c++) {
        if (t[1 + c] >= obs[1 + c]) {
          geqC[c]++;
        }
      }
    }
    double p = usable == 0 ? Double.NaN : (double) geq / usable;
    double pe = usable == 0 ? Double.NaN : Math.sqrt(p * (1 - p) / usable);
    double[] pc = new double[nc];
    double[] pce = new double[nc];
    for (int c = 0; c < nc; c++) {
      pc[c] = usable == 0 ? Double.NaN : (double) geqC[c] / usable;
      pce[c] = usable == 0 ? Double.NaN : Math.sqrt(pc[c] * (1 - pc[c]) / usable);
    }
    int nFree = 0;
    for (boolean f : o.fixed()) {
      nFree += f ? 0 : 1;
    }
    int bins = model.nMain();
    int terms = model.gaussianConstraints().size() + model.poissonConstraints().size();
    int dof = bins + terms - nFree;
    double pBins = chi2Survival(obs[0], bins);
    double pDof = dof > 0 ? chi2Survival(obs[0], dof) : Double.NaN;
    boolean conv = best.converged() && failed <= 0.01 * Math.max(ntoys, 1);
    String msg = !best.converged() ? "the fit to the data did not converge: " + best.message()
        : failed > 0.01 * Math.max(ntoys, 1) ? failed + " of " + ntoys + " toy fits did not converge (more than 1%)"
        : failed > 0 ? String.format(Locale.ROOT, "ok; warning: %d of %d toy fits did not converge and were excluded",
            failed, ntoys)
        : "ok";
    return new SaturatedGof(obs[0], model.channelNames(), Arrays.copyOfRange(obs, 1, obs.length), p, pe, pc, pce,
        ntoys, failed, bins, dof, pBins, pDof, Arrays.copyOf(tq, usable), best, conv, msg);
  }

  /** Per-thread state of the toys. */
  static final class Worker {
    final Fitter fitter;
    final ToyGenerator generator;
    final ToyRandom rng = new ToyRandom(0, 0, 0);
    final Evaluator evaluator;
    final double[] data;
    final double[] nu;

    Worker(CompiledModel m, FitOptions o, double[] gen) {
      fitter = new Fitter(m, o.settings());
      generator = new ToyGenerator(m);
      generator.setParameters(gen);
      evaluator = m.evaluator();
      data = new double[m.nMain() + m.nAux()];
      nu = new double[m.nMain()];
    }
  }

  /** Toy i: data drawn at the best fit, refitted from it; {q, q_channels..., 1 if converged else 0}. */
  record Toys(CompiledModel model, FitOptions options, double[] generating, long seed) implements Work<Worker, double[]> {
    @Override
    public String toString() {
      return RecordText.of(this);
    }

    @Override
    public Worker newWorker() {
      return new Worker(model, options, generating);
    }

    @Override
    public double[] run(Worker w, int unit) {
      w.rng.reset(seed, STREAM, unit);
      w.generator.generate(w.rng, w.data);
      FitResult f = w.fitter.fit(w.data, options.withInit(generating));
      double[] s = statistic(model, w.evaluator, f.bestfit(), w.data, w.nu);
      double[] out = Arrays.copyOf(s, s.length + 1);
      out[s.length] = f.converged() ? 1.0 : 0.0;
      return out;
    }

    @Override
    public int chunk() {
      return 4;
    }

    @Override
    public String name() {
      return "gof toys";
    }
  }

  /** P(χ²_dof ≥ x) as the regularized upper incomplete gamma Q(dof/2, x/2) (accurate in the far tail). */
  static double chi2Survival(double x, int dof) {
    return x <= 0 ? 1.0 : Gamma.regularizedGammaQ(0.5 * dof, 0.5 * x);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "SaturatedGof[q = %.6g, p = %.4g ± %.2g (%d toys), χ²(%d) p = %.4g, %s]", q, pValue,
        pValueError, ntoys, bins, pChi2Bins, message);
  }
}
