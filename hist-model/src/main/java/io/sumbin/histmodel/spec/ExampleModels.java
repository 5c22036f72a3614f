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
}
