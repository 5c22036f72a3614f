package io.sumbin.histmodel.spec;

import java.util.List;

/**
 * The house example used across Javadoc, README and tests: one channel, two bins, a signal scaled
 * by μ and a background with an uncorrelated per-bin uncertainty ({@code shapesys}), as pyhf's
 * {@code simplemodels.uncorrelated_background}.
 *
 * <pre>{@code
 * Workspace ws = ExampleModels.uncorrelatedBackground();
 * CompiledModel m = ModelCompiler.compile(ws.model(null));
 * FitResult r = new Fitter(m).fit(Models.observedData(ws, m));
 * }</pre>
 */
public final class ExampleModels {
  private ExampleModels() {}

  /** Signal [12, 11], background [50, 52] ± [3, 7], observed [62, 60]. */
  public static Workspace uncorrelatedBackground() {
    return uncorrelatedBackground(new double[] {12, 11}, new double[] {50, 52}, new double[] {3, 7}, new double[] {62, 60});
  }

  /**
   * A one-channel workspace "singlechannel" with samples "signal" (normfactor "mu") and
   * "background" (shapesys "uncorr_bkguncrt"), measurement "Measurement" with POI "mu".
   */
  public static Workspace uncorrelatedBackground(double[] signal, double[] bkg, double[] bkgUncertainty, double[] observed) {
    SampleSpec sig = new SampleSpec("signal", signal, List.of(new ModifierSpec.NormFactor("mu")));
    SampleSpec bg = new SampleSpec("background", bkg, List.of(new ModifierSpec.ShapeSys("uncorr_bkguncrt", bkgUncertainty)));
    ChannelSpec ch = new ChannelSpec("singlechannel", List.of(sig, bg));
    Measurement meas = new Measurement("Measurement", "mu", List.of());
    return new Workspace(List.of(ch), List.of(new Observation("singlechannel", observed)), List.of(meas), "1.0.0");
  }

  /**
   * The scale benchmark of issue 12: {@code bins} bins of one channel "SR" with a signal
   * 5 + 10·(b mod 7)/7 scaled by "mu" and a background 50 + 30·frac(b·φ) (φ the golden ratio) with a
   * 5% normsys "bkg_norm" and a 10% per-bin shapesys "bkg_stat"; observed round(background + signal/2).
   * Deterministic; bins + 2 parameters, bins of them bin-local.
   */
  public static Workspace perBinShapesys(int bins) {
    if (bins < 1) {
      throw new IllegalArgumentException("need at least one bin, got " + bins);
    }
    double phi = 0.5 * (Math.sqrt(5) - 1);
    double[] sig = new double[bins];
    double[] bkg = new double[bins];
    double[] unc = new double[bins];
    double[] obs = new double[bins];
    for (int b = 0; b < bins; b++) {
      sig[b] = 5 + 10.0 * (b % 7) / 7;
      double f = b * phi - Math.floor(b * phi);
      bkg[b] = 50 + 30 * f;
      unc[b] = 0.1 * bkg[b];
      obs[b] = Math.rint(bkg[b] + 0.5 * sig[b]);
    }
    SampleSpec s = new SampleSpec("signal", sig, List.of(new ModifierSpec.NormFactor("mu")));
    SampleSpec bg = new SampleSpec("background", bkg, List.of(new ModifierSpec.NormSys("bkg_norm", 1.05, 0.95),
        new ModifierSpec.ShapeSys("bkg_stat", unc)));
    ChannelSpec ch = new ChannelSpec("SR", List.of(s, bg));
    return new Workspace(List.of(ch), List.of(new Observation("SR", obs)), List.of(new Measurement("meas", "mu", List.of())), "1.0.0");
  }
}
