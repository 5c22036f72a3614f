package io.sumbin.eft.analysis;

import io.sumbin.binning.EventTable;
import io.sumbin.binning.expr.Expression;
import io.sumbin.binning.lhe.EventObservables;
import io.sumbin.binning.lhe.EventVariation;
import io.sumbin.binning.lhe.LheObservables;
import io.sumbin.binning.lhe.LheReadOptions;
import io.sumbin.binning.lhe.LheReader;
import io.sumbin.binning.lhe.LheSample;
import io.sumbin.binning.lhe.VariedObservables;
import io.sumbin.eft.EftEvents;
import io.sumbin.eft.analysis.AnalysisSpec.EftMode;
import io.sumbin.eft.analysis.AnalysisSpec.Systematic;
import io.sumbin.eft.analysis.AnalysisSpec.SystematicType;
import io.sumbin.eft.morphing.EventQuadratics;
import io.sumbin.eft.morphing.QuadraticMorphing;
import io.sumbin.eft.morphing.UnderdeterminedMorphingException;
import io.sumbin.pyhf.InputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One process' events in every systematic variant: the nominal {@link EftEvents} over the analysis' coefficients
 * (weights w_i(c) = scale · Σ_k m_k(c) T_ik restricted to monomials of analysed coefficients — the others are 0)
 * and, per variation, the same events with varied columns (event variations: the observables recomputed from the
 * varied four-momenta while reading, {@link VariedObservables}; feature variations: a column replaced by an
 * expression) or varied weights (weight variations: w_i · rwgt_up,i / w_nominal,i). Rows are the same events in
 * every variant, so per-event factors (jackknife groups) apply to all of them alike.
 */
final class ProcessSample {
  /** Variant key of the nominal events. */
  static final String NOMINAL = "";

  final String name;
  final List<String> observables;
  final Map<String, EftEvents> variants;

  private ProcessSample(String name, List<String> observables, Map<String, EftEvents> variants) {
    this.name = name;
    this.observables = List.copyOf(observables);
    this.variants = variants;
  }

  EftEvents nominal() {
    return variants.get(NOMINAL);
  }

  int size() {
    return nominal().size();
  }

  /** Key of a systematic's up (+1) or down (−1) variant. */
  static String key(String systematic, int sign) {
    return systematic + (sign > 0 ? "_up" : "_down");
  }

  /**
   * Reads a process.
   *
   * @param systematics the systematics acting on it (event, feature and weight variations make variants)
   * @param at JSON path of the process (messages)
   */
  static ProcessSample load(String src, String at, String name, List<Path> files, EftMode mode, double scale, List<String> params,
      List<Systematic> systematics, long seed) {
    EventObservables base = detect(files.get(0));
    Map<String, EventVariation> vars = new LinkedHashMap<>();
    for (Systematic s : systematics) {
      switch (s.type()) {
        case JET_ENERGY_SCALE -> {
          vars.put(key(s.name(), 1), EventVariation.jetEnergyScale(s.size()));
          vars.put(key(s.name(), -1), EventVariation.jetEnergyScale(-s.size()));
        }
        case LEPTON_MOMENTUM_SCALE -> {
          vars.put(key(s.name(), 1), EventVariation.leptonMomentumScale(s.size()));
          vars.put(key(s.name(), -1), EventVariation.leptonMomentumScale(-s.size()));
        }
        case JET_ENERGY_RESOLUTION -> vars.put(key(s.name(), 1), EventVariation.jetEnergyResolution(s.size(), seed ^ s.name().hashCode()));
        default -> {
        }
      }
    }
    LheSample sample = LheSample.read(files, LheReadOptions.DEFAULT.withObservables(vars.isEmpty() ? base : new VariedObservables(base, vars))
        .withProcess(name));
    EventTable table = sample.events();
    for (String v : vars.keySet()) {
      for (String b : base.names()) {
        table = table.withoutColumn(VariedObservables.column(b, v));
      }
    }
    EftEvents nominal = project(src, at, sample, table, mode, scale, params);
    Map<String, EftEvents> variants = new LinkedHashMap<>();
    variants.put(NOMINAL, nominal);
    for (String v : vars.keySet()) {
      EventTable t = table;
      for (String b : base.names()) {
        t = t.withDoubleColumn(b, sample.events().doubles(VariedObservables.column(b, v)));
      }
      variants.put(v, EftEvents.of(t, nominal.quadratics()));
    }
    for (Systematic s : systematics) {
      if (s.type() == SystematicType.FEATURE) {
        for (int sign : new int[] {1, -1}) {
          String expr = sign > 0 ? s.up() : s.down();
          double[] v = Expression.parse(expr).evaluate(table);
          variants.put(key(s.name(), sign), EftEvents.of(table.withDoubleColumn(s.column(), v), nominal.quadratics()));
        }
      } else if (s.type() == SystematicType.WEIGHTS) {
        double[] w = table.weights();
        for (int sign : new int[] {1, -1}) {
          String id = sign > 0 ? s.up() : s.down();
          if (!sample.weightIds().contains(id)) {
            throw new InputException(src, "systematics." + s.name() + (sign > 0 ? ".up" : ".down"), "process '" + name
                + "' has no weight id '" + id + "' (have " + sample.weightIds() + ")");
          }
          double[] r = sample.events().doubles(LheSample.reweightColumn(id));
          double[] f = new double[w.length];
          for (int i = 0; i < w.length; i++) {
            f[i] = w[i] != 0 ? r[i] / w[i] : 1.0;
          }
          variants.put(key(s.name(), sign), EftEvents.of(table, nominal.quadratics().reweighted(f)));
        }
      }
    }
    return new ProcessSample(name, base.names(), variants);
  }

  /** A pseudo-data or observed sample read like a process (no variations). */
  static ProcessSample loadPlain(String src, String at, String name, List<Path> files, EftMode mode, double scale, List<String> params) {
    return load(src, at, name, files, mode, scale, params, List.of(), 0);
  }

  private static EventObservables detect(Path file) {
    try (LheReader r = LheReader.open(file)) {
      return r.hasNext() ? LheObservables.detect(r.next()) : LheObservables.none();
    }
  }

  /** The morphing of the sample restricted to monomials of the analysed coefficients, times {@code scale}. */
  private static EftEvents project(String src, String at, LheSample sample, EventTable table, EftMode mode, double scale,
      List<String> params) {
    int n = table.size();
    if (mode == EftMode.NONE) {
      double[] w = table.weights();
      double[] t = new double[n];
      for (int i = 0; i < n; i++) {
        t[i] = scale * w[i];
      }
      return new EftEvents(params, List.of(List.of()), t, table.withScaledWeights(scale));
    }
    EventQuadratics q;
    try {
      q = QuadraticMorphing.fit(sample.events(), sample.weightIds(), mode == EftMode.LINEAR ? QuadraticMorphing.Mode.LINEAR : QuadraticMorphing.Mode.QUADRATIC);
    } catch (UnderdeterminedMorphingException e) {
      throw new InputException(src, at + ".eft", "the reweighting points of " + sample.files().get(0).getFileName()
          + " do not determine a " + mode.name().toLowerCase(java.util.Locale.ROOT) + " dependence (" + e.getMessage()
          + "); use \"eft\": \"linear\" for one point per coefficient");
    } catch (IllegalArgumentException | io.sumbin.histmodel.BadInputException e) {
      throw new InputException(src, at + ".events", e.getMessage());
    }
    EftEvents full = EftEvents.of(table, q);
    List<List<String>> monos = new ArrayList<>();
    List<Integer> keep = new ArrayList<>();
    List<List<String>> all = full.monomials();
    for (int k = 0; k < all.size(); k++) {
      if (params.containsAll(all.get(k))) {
        keep.add(k);
        monos.add(all.get(k));
      }
    }
    int kk = keep.size();
    double[] t = new double[n * kk];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < kk; j++) {
        t[i * kk + j] = scale * full.component(i, keep.get(j));
      }
    }
    return new EftEvents(params, monos, t, table.withScaledWeights(scale));
  }
}
