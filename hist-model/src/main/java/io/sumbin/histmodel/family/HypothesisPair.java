package io.sumbin.histmodel.family;

import io.sumbin.histmodel.modifier.ModifierKind;
import io.sumbin.histmodel.modifier.ModifierRegistry;
import io.sumbin.histmodel.spec.ChannelSpec;
import io.sumbin.histmodel.spec.Coefficient;
import io.sumbin.histmodel.spec.ModelSpec;
import io.sumbin.histmodel.spec.ModifierSpec;
import io.sumbin.histmodel.spec.ParameterSpec;
import io.sumbin.histmodel.spec.SampleSpec;
import io.sumbin.histmodel.spec.YieldTerm;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The simple-hypothesis model of one scan point, expressible in pyhf: every POI-dependent sample
 * s(θ) = Σ_k f_k(θ) T_k is replaced by its yield at the reference hypothesis, s(θ_ref), plus a
 * "delta" sample s(θ′) − s(θ_ref) scaled by a signal-strength normfactor μ. μ = 0 is the reference
 * hypothesis, μ = 1 the hypothesis θ′, so CLs at μ = 1 tests θ′ against θ_ref.
 *
 * <p>Conventions: the delta sample keeps the sample's overall factors (the modifiers whose
 * descriptor says {@code overallFactor()}: normsys, lumi, non-POI normfactors) but not its shape or
 * bin-wise modifiers (histosys, staterror, shapesys, shapefactor), which stay with the reference
 * sample. μ is bounded to [0, μ_max] with μ_max ≤ 10
 * the largest value keeping every bin's nominal total non-negative. POIs may appear only in terms.
 *
 * <p>Profiled coefficients: when monomial terms also contain parameters that are not family POIs
 * (e.g. a floated Wilson coefficient φ), each term is split into its POI part g(θ) and the rest
 * h(φ); both samples then keep terms in h(φ), s(θ_ref, φ) + μ[s(θ′, φ) − s(θ_ref, φ)], so φ stays
 * profiled in every fit. Such a pair model uses the sumbin extension and cannot be written as a
 * pure pyhf workspace.
 */
public final class HypothesisPair {
  /** Name of the signal-strength parameter (made unique if the model already uses it). */
  public static final String MU = "mu";

  private HypothesisPair() {}

  /** The pair model of {@code theta} against {@code reference}; its POI is {@link #muName(ModelSpec)}. */
  public static ModelSpec build(ModelSpec spec, List<String> pois, double[] reference, double[] theta) {
    String mu = muName(spec);
    Set<String> poiSet = new HashSet<>(pois);
    List<ChannelSpec> channels = new ArrayList<>();
    double muMax = 10.0;
    for (ChannelSpec ch : spec.channels()) {
      int nb = ch.nbins();
      double[] base = new double[nb];
      double[] delta = new double[nb];
      List<SampleSpec> samples = new ArrayList<>();
      for (SampleSpec s : ch.samples()) {
        for (ModifierSpec m : s.modifiers()) {
          if (poiSet.contains(m.name())) {
            throw new IllegalArgumentException("channel '" + ch.name() + "', sample '" + s.name() + "': the POI '" + m.name()
                + "' is used as a " + m.type() + " modifier; in a family POIs may appear only in POI-dependent terms");
          }
        }
        if (!s.hasTerms()) {
          samples.add(s);
          for (int b = 0; b < nb; b++) {
            base[b] += s.data()[b];
          }
          continue;
        }
        // group the terms by their non-POI factors h(φ): s(θ, φ) = Σ_h [Σ_k g_k(θ) T_k] h(φ)
        java.util.Map<List<String>, double[][]> groups = new java.util.LinkedHashMap<>();
        for (YieldTerm t : s.terms()) {
          List<String> rest = restFactors(t.coefficient(), poiSet, ch.name(), s.name());
          double gRef = poiPart(t.coefficient(), poiSet, pois, reference);
          double gTheta = poiPart(t.coefficient(), poiSet, pois, theta);
          double[][] acc = groups.computeIfAbsent(rest, k -> new double[2][nb]);
          for (int b = 0; b < nb; b++) {
            acc[0][b] += gRef * t.data()[b];
            acc[1][b] += (gTheta - gRef) * t.data()[b];
          }
        }
        double[] yRef = new double[nb];
        double[] d = new double[nb];
        List<YieldTerm> refTerms = new ArrayList<>();
        List<YieldTerm> deltaTerms = new ArrayList<>();
        boolean profiled = groups.size() > 1 || !groups.containsKey(List.of());
        for (var e : groups.entrySet()) {
          double h = 1;
          for (String f : e.getKey()) {
            h *= init(spec, f);
          }
          for (int b = 0; b < nb; b++) {
            yRef[b] += h * e.getValue()[0][b];
            d[b] += h * e.getValue()[1][b];
          }
          refTerms.add(new YieldTerm(new Coefficient.Monomial(e.getKey()), e.getValue()[0]));
          deltaTerms.add(new YieldTerm(new Coefficient.Monomial(e.getKey()), e.getValue()[1]));
        }
        for (int b = 0; b < nb; b++) {
          base[b] += yRef[b];
          delta[b] += d[b];
        }
        samples.add(new SampleSpec(s.name(), yRef, s.modifiers(), profiled ? refTerms : List.of()));
        List<ModifierSpec> dm = new ArrayList<>();
        for (ModifierSpec m : s.modifiers()) {
          ModifierKind kind = ModifierRegistry.get(m.type());
          if (kind != null && kind.overallFactor()) {
            dm.add(m);
          }
        }
        dm.add(new ModifierSpec.NormFactor(mu));
        samples.add(new SampleSpec(s.name() + "_delta", d, dm, profiled ? deltaTerms : List.of()));
      }
      for (int b = 0; b < nb; b++) {
        if (delta[b] < 0 && base[b] > 0) {
          muMax = Math.min(muMax, -base[b] / delta[b]);
        }
      }
      channels.add(new ChannelSpec(ch.name(), samples));
    }
    List<ParameterSpec> params = new ArrayList<>();
    for (ParameterSpec p : spec.parameters()) {
      if (!poiSet.contains(p.name()) && !p.name().equals(mu)) {
        params.add(p);
      }
    }
    params.add(ParameterSpec.named(mu).withInits(1.0).withBounds(new double[] {0.0, Math.max(muMax, 1.0)}));
    return new ModelSpec(channels, params, mu, spec.settings());
  }

  /** "mu", or "mu_hyp" (then "mu_hyp2", ...) if the model already has a modifier called mu. */
  public static String muName(ModelSpec spec) {
    Set<String> used = new HashSet<>();
    for (ChannelSpec ch : spec.channels()) {
      for (SampleSpec s : ch.samples()) {
        for (ModifierSpec m : s.modifiers()) {
          used.add(m.name());
        }
        for (YieldTerm t : s.terms()) {
          used.addAll(t.coefficient().parameters());
        }
      }
    }
    if (!used.contains(MU)) {
      return MU;
    }
    String n = MU + "_hyp";
    for (int k = 2; used.contains(n); k++) {
      n = MU + "_hyp" + k;
    }
    return n;
  }

  /** The factors of a term that are not family POIs (profiled parameters); interference terms must be POI-only. */
  static List<String> restFactors(Coefficient c, Set<String> poiSet, String channel, String sample) {
    if (c instanceof Coefficient.Monomial m) {
      List<String> rest = new ArrayList<>();
      for (String f : m.factors()) {
        if (!poiSet.contains(f)) {
          rest.add(f);
        }
      }
      return List.copyOf(rest);
    }
    Coefficient.Interference in = (Coefficient.Interference) c;
    if (!poiSet.contains(in.poi())) {
      throw new IllegalArgumentException("channel '" + channel + "', sample '" + sample + "': the interference term of '" + in.poi()
          + "' is not a family POI; only monomial terms may depend on profiled parameters");
    }
    return List.of();
  }

  /** The POI part g(θ) of a term's coefficient. */
  static double poiPart(Coefficient c, Set<String> poiSet, List<String> pois, double[] theta) {
    if (c instanceof Coefficient.Monomial m) {
      double v = 1;
      for (String f : m.factors()) {
        if (poiSet.contains(f)) {
          v *= value(f, pois, theta);
        }
      }
      return v;
    }
    return coefficient(c, pois, theta);
  }

  private static double init(ModelSpec spec, String name) {
    for (ParameterSpec p : spec.parameters()) {
      if (p.name().equals(name) && p.inits() != null && p.inits().length > 0) {
        return p.inits()[0];
      }
    }
    return 0.0;
  }

  /** Σ_k f_k(θ) T_k of a POI-dependent sample at θ (values in the order of {@code pois}). */
  public static double[] yields(SampleSpec s, List<String> pois, double[] theta) {
    double[] y = new double[s.data().length];
    for (YieldTerm t : s.terms()) {
      double c = coefficient(t.coefficient(), pois, theta);
      for (int b = 0; b < y.length; b++) {
        y[b] += c * t.data()[b];
      }
    }
    return y;
  }

  /** Value of a coefficient function at θ. */
  public static double coefficient(Coefficient c, List<String> pois, double[] theta) {
    if (c instanceof Coefficient.Monomial m) {
      double v = 1;
      for (String p : m.factors()) {
        v *= value(p, pois, theta);
      }
      return v;
    }
    Coefficient.Interference in = (Coefficient.Interference) c;
    double mu = value(in.poi(), pois, theta);
    double r = Math.sqrt(Math.max(mu, 0));
    return switch (in.kind()) {
      case SQRT -> r;
      case MU_MINUS_SQRT -> mu - r;
      case ONE_MINUS_SQRT -> 1 - r;
    };
  }

  private static double value(String p, List<String> pois, double[] theta) {
    int i = pois.indexOf(p);
    if (i < 0) {
      throw new IllegalArgumentException("term parameter '" + p + "' is not a POI of the family " + pois);
    }
    return theta[i];
  }
}
