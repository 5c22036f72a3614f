package io.sumbin.histmodel.infer.diagnostics;

import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.compile.ModelCompiler;
import io.sumbin.histmodel.fit.FitOptions;
import io.sumbin.histmodel.fit.FitResult;
import io.sumbin.histmodel.fit.Fitter;
import io.sumbin.histmodel.spec.ChannelSpec;
import io.sumbin.histmodel.spec.ModelSpec;
import io.sumbin.histmodel.spec.ModifierSpec;
import io.sumbin.histmodel.spec.ParameterSpec;
import io.sumbin.histmodel.spec.SampleSpec;
import io.sumbin.histmodel.spec.YieldTerm;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.hipparchus.special.Gamma;

/**
 * Channel compatibility (CMS Combine's {@code ChannelCompatibilityCheck}): the POI normfactor μ is
 * replaced in each channel c that carries it by its own μ_c (same bounds and start), and
 *
 * <pre>
 *   Δ = −2 ln L(μ̂, θ̂) + 2 ln L(μ̂_1, …, μ̂_k, θ̂')   ~   χ²_{k−1}
 * </pre>
 *
 * (Wilks) measures how well one common μ describes all k channels; p = P(χ²_{k−1} ≥ Δ).
 *
 * @param poi the common POI
 * @param channels the channels that carry it (k of them)
 * @param muHat μ̂_c per channel
 * @param muError its Hessian uncertainty
 * @param common the fit with a common μ
 * @param split the fit with one μ_c per channel
 * @param delta Δ above (clipped at 0)
 * @param dof k − 1
 * @param pValue P(χ²_dof ≥ Δ)
 */
public record ChannelCompatibility(String poi, List<String> channels, double[] muHat, double[] muError,
    double commonMuHat, double commonMuError, FitResult common, FitResult split, double delta, int dof,
    double pValue, boolean converged, String message) {

  public ChannelCompatibility {
    channels = List.copyOf(channels);
    muHat = muHat.clone();
    muError = muError.clone();
  }

  /** Name of channel c's own POI. */
  public static String channelPoi(String poi, String channel) {
    return poi + "_" + channel;
  }

  /**
   * The check for the model of {@code spec}.
   *
   * @param data main + auxiliary data of the model compiled from {@code spec} (read)
   * @param options fit options of that model (the POI must be free); per-channel POIs inherit the
   *     POI's
   * @throws io.sumbin.histmodel.BadInputException when the model has no POI, the POI is not a
   *     normfactor, appears in POI-dependent yield terms, or only one channel carries it
   */
  public static ChannelCompatibility compute(ModelSpec spec, double[] data, FitOptions options) {
    return compute(spec, data, options, "");
  }

  /**
   * As {@link #compute(ModelSpec, double[], FitOptions)}, the refusals naming the model's source.
   *
   * @param spec the specification the model was compiled from
   * @param data main + auxiliary data
   * @param options fit options
   * @param source the model's file (or ""), the first word of a refusal
   * @return the compatibility test
   */
  public static ChannelCompatibility compute(ModelSpec spec, double[] data, FitOptions options, String source) {
    String at = source == null || source.isEmpty() ? "" : source + ": ";
    String poi = spec.poi();
    if (poi == null) {
      throw new io.sumbin.histmodel.BadInputException(at + "channel compatibility needs a parameter of interest");
    }
    CompiledModel model = ModelCompiler.compile(spec);
    List<ChannelSpec> chans = new ArrayList<>();
    List<String> with = new ArrayList<>();
    for (ChannelSpec c : spec.channels()) {
      boolean has = false;
      List<SampleSpec> samples = new ArrayList<>();
      for (SampleSpec s : c.samples()) {
        for (YieldTerm t : s.terms()) {
          if (t.coefficient().parameters().contains(poi)) {
            throw new io.sumbin.histmodel.BadInputException(at + "channel compatibility: the POI '" + poi
                + "' enters a POI-dependent yield term of sample '" + s.name() + "' in channel '" + c.name()
                + "'; only a normfactor POI can be split per channel");
          }
        }
        List<ModifierSpec> mods = new ArrayList<>();
        for (ModifierSpec m : s.modifiers()) {
          if (m.name().equals(poi)) {
            if (!(m instanceof ModifierSpec.NormFactor)) {
              throw new io.sumbin.histmodel.BadInputException(at + "channel compatibility: the POI '" + poi + "' is a " + m.type()
                  + " in channel '" + c.name() + "'; only a normfactor POI can be split per channel");
            }
            mods.add(new ModifierSpec.NormFactor(channelPoi(poi, c.name())));
            has = true;
          } else {
            mods.add(m);
          }
        }
        samples.add(new SampleSpec(s.name(), s.data(), mods, s.terms()));
      }
      chans.add(new ChannelSpec(c.name(), samples));
      if (has) {
        with.add(c.name());
      }
    }
    if (with.size() < 2) {
      throw new io.sumbin.histmodel.BadInputException(at + "channel compatibility needs the POI '" + poi + "' in at least two channels, found "
          + with);
    }
    with.sort(String::compareTo);
    List<ParameterSpec> params = new ArrayList<>();
    for (ParameterSpec p : spec.parameters()) {
      if (p.name().equals(poi)) {
        for (String c : with) {
          params.add(new ParameterSpec(channelPoi(poi, c), p.inits(), p.bounds(), p.fixed(), p.auxdata(), p.sigmas(),
              p.factors()));
        }
      } else {
        params.add(p);
      }
    }
    CompiledModel split = ModelCompiler.compile(new ModelSpec(chans, params, channelPoi(poi, with.get(0)),
        spec.settings()));
    if (split.nAux() != model.nAux() || split.nMain() != model.nMain()) {
      throw new IllegalStateException("the split model's data layout differs from the model's");
    }
    // the same options by parameter name; μ_c take μ's
    int poiIdx = model.poiIndex();
    int n2 = split.nPars();
    double[] init = split.suggestedInit();
    double[] lo = split.lowerBounds();
    double[] hi = split.upperBounds();
    boolean[] fx = split.suggestedFixed();
    for (int j = 0; j < n2; j++) {
      String name = split.parName(j);
      int i = model.parIndex(name);
      if (name.startsWith(poi + "_") && with.contains(name.substring(poi.length() + 1)) && i < 0) {
        i = poiIdx;
      }
      if (i >= 0) {
        init[j] = options.init()[i];
        lo[j] = options.lower()[i];
        hi[j] = options.upper()[i];
        fx[j] = options.fixed()[i];
      }
    }
    FitOptions o2 = new FitOptions(init, lo, hi, fx, options.settings(), true);
    FitResult common = new Fitter(model, options.settings()).fit(data, options.withUncertainties(true));
    FitResult sep = new Fitter(split, options.settings()).fit(data, o2);
    double[] mu = new double[with.size()];
    double[] err = new double[with.size()];
    for (int k = 0; k < with.size(); k++) {
      int j = split.parIndex(channelPoi(poi, with.get(k)));
      mu[k] = sep.bestfit()[j];
      err[k] = sep.uncertainties()[j];
    }
    double delta = Math.max(common.twiceNll() - sep.twiceNll(), 0.0);
    int dof = with.size() - 1;
    double p = chi2Survival(delta, dof);
    boolean conv = common.converged() && sep.converged();
    String msg = conv ? "ok" : (common.converged() ? "" : "the common fit did not converge (" + common.message() + ") ")
        + (sep.converged() ? "" : "the per-channel fit did not converge (" + sep.message() + ")");
    return new ChannelCompatibility(poi, with, mu, err, common.bestfit()[poiIdx], common.uncertainties()[poiIdx], common,
        sep, delta, dof, p, conv, msg.trim());
  }

  /** P(χ²_dof ≥ x) as the regularized upper incomplete gamma Q(dof/2, x/2) (accurate in the far tail). */
  static double chi2Survival(double x, int dof) {
    return x <= 0 ? 1.0 : Gamma.regularizedGammaQ(0.5 * dof, 0.5 * x);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "ChannelCompatibility[%s: %s = %s, common %.4g, Δ2NLL = %.4g, χ²(%d) p = %.4g]", poi,
        channels, Arrays.toString(muHat), commonMuHat, delta, dof, pValue);
  }
}
