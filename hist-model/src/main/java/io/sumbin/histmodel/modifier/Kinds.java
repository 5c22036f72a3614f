package io.sumbin.histmodel.modifier;

import io.sumbin.histmodel.interp.InterpCode;
import io.sumbin.histmodel.spec.ModifierSettings;
import io.sumbin.histmodel.spec.ModifierSpec;
import io.sumbin.histmodel.spec.SpecException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The seven HistFactory modifier kinds with pyhf's semantics (pyhf 0.7 {@code pyhf.modifiers}).
 *
 * <table>
 *   <caption>defaults</caption>
 *   <tr><th>kind</th><th>effect</th><th>constraint</th><th>init</th><th>bounds</th></tr>
 *   <tr><td>normfactor</td><td>× μ</td><td>none</td><td>1</td><td>[0, 10]</td></tr>
 *   <tr><td>lumi</td><td>× λ</td><td>N(aux | λ, σ) from the measurement</td><td>measurement</td><td>measurement</td></tr>
 *   <tr><td>normsys</td><td>× f(α), code 4</td><td>N(0 | α, 1)</td><td>0</td><td>[−5, 5]</td></tr>
 *   <tr><td>histosys</td><td>+ δ_b(α), code 4p</td><td>N(0 | α, 1)</td><td>0</td><td>[−5, 5]</td></tr>
 *   <tr><td>shapesys</td><td>× γ_b</td><td>Pois(τ_b | γ_b τ_b), τ_b = (ν_b/δ_b)²</td><td>1</td><td>[1e−10, 10]</td></tr>
 *   <tr><td>staterror</td><td>× γ_b</td><td>N(1 | γ_b, σ_b), σ_b = √Σ_s δ_sb² / Σ_s ν_sb</td><td>1</td><td>[1e−10, 10]</td></tr>
 *   <tr><td>shapefactor</td><td>× γ_b</td><td>none</td><td>1</td><td>[0, 10]</td></tr>
 * </table>
 */
public final class Kinds {
  private Kinds() {}

  static ParamsetRequirement normalScalar(String kind, String src) {
    return new ParamsetRequirement(kind, Constraint.NORMAL, 1, true, new double[] {0.0},
        new double[][] {{-5.0, 5.0}}, new boolean[] {false}, new double[] {0.0}, null, null, src);
  }

  /** normfactor: free overall factor. */
  public static final ModifierKind NORMFACTOR = new SimpleKind("normfactor") {
    @Override
    public ModifierBuilder newBuilder(ModifierSettings s) {
      return new AbstractBuilder() {
        @Override
        ParamsetRequirement requirement(Site site, ModifierSpec mod, String path) {
          return new ParamsetRequirement("normfactor", Constraint.NONE, 1, true, new double[] {1.0},
              new double[][] {{0.0, 10.0}}, new boolean[] {false}, null, null, null, path);
        }

        @Override
        public void emit(ParameterLayout layout, YieldSink sink) {
          for (Occurrence o : occurrences) {
            sink.linearFactor(o.site().unit(), layout.offset(o.name()));
          }
        }
      };
    }
  };

  /** lumi: luminosity factor; inits, bounds, auxdata and sigmas come from the measurement. */
  public static final ModifierKind LUMI = new SimpleKind("lumi") {
    @Override
    public ModifierBuilder newBuilder(ModifierSettings s) {
      return new AbstractBuilder() {
        @Override
        ParamsetRequirement requirement(Site site, ModifierSpec mod, String path) {
          double[] u = ParamsetRequirement.UNSET;
          return new ParamsetRequirement("lumi", Constraint.NORMAL, 1, true, u, new double[][] {u},
              new boolean[] {false}, u, u, null, path);
        }

        @Override
        public void emit(ParameterLayout layout, YieldSink sink) {
          for (Occurrence o : occurrences) {
            sink.linearFactor(o.site().unit(), layout.offset(o.name()));
          }
        }
      };
    }
  };

  /** normsys: overall normalisation systematic, interpolated (default code 4). */
  public static final ModifierKind NORMSYS = new SimpleKind("normsys") {
    @Override
    public ModifierBuilder newBuilder(ModifierSettings s) {
      InterpCode code = s.normsys();
      return new AbstractBuilder() {
        @Override
        void check(Site site, ModifierSpec mod, String path) {
          ModifierSpec.NormSys n = (ModifierSpec.NormSys) mod;
          if (!(n.hi() > 0) || !(n.lo() > 0) || !Double.isFinite(n.hi()) || !Double.isFinite(n.lo())) {
            throw new SpecException(path + ".data", "normsys '" + n.name() + "' needs finite hi > 0 and lo > 0 for "
                + code.pyhfName() + " interpolation, got hi=" + n.hi() + ", lo=" + n.lo());
          }
        }

        @Override
        ParamsetRequirement requirement(Site site, ModifierSpec mod, String path) {
          return normalScalar("normsys", path);
        }

        @Override
        public void emit(ParameterLayout layout, YieldSink sink) {
          for (Occurrence o : occurrences) {
            ModifierSpec.NormSys n = (ModifierSpec.NormSys) o.mod();
            sink.interpolatedFactor(o.site().unit(), layout.offset(o.name()), code, n.hi(), n.lo());
          }
        }
      };
    }
  };

  /** histosys: correlated shape systematic, interpolated (default code 4p). */
  public static final ModifierKind HISTOSYS = new SimpleKind("histosys") {
    @Override
    public ModifierBuilder newBuilder(ModifierSettings s) {
      InterpCode code = s.histosys();
      return new AbstractBuilder() {
        @Override
        void check(Site site, ModifierSpec mod, String path) {
          ModifierSpec.HistoSys h = (ModifierSpec.HistoSys) mod;
          checkLength(path + ".data.hi_data", "hi_data", h.hiData(), site, "histosys", h.name());
          checkLength(path + ".data.lo_data", "lo_data", h.loData(), site, "histosys", h.name());
          checkFinite(path + ".data.hi_data", "hi_data", h.hiData());
          checkFinite(path + ".data.lo_data", "lo_data", h.loData());
        }

        @Override
        ParamsetRequirement requirement(Site site, ModifierSpec mod, String path) {
          return normalScalar("histosys", path);
        }

        @Override
        public void emit(ParameterLayout layout, YieldSink sink) {
          for (Occurrence o : occurrences) {
            ModifierSpec.HistoSys h = (ModifierSpec.HistoSys) o.mod();
            double[] nom = o.site().nominal();
            double[] up = new double[nom.length];
            double[] dn = new double[nom.length];
            for (int b = 0; b < nom.length; b++) {
              up[b] = h.hiData()[b] - nom[b];
              dn[b] = nom[b] - h.loData()[b];
            }
            sink.additive(o.site().unit(), layout.offset(o.name()), code, up, dn);
          }
        }
      };
    }
  };

  /** shapesys: uncorrelated bin-wise uncertainty with Poisson constraint; one sample per name. */
  public static final ModifierKind SHAPESYS = new SimpleKind("shapesys") {
    @Override
    public ModifierBuilder newBuilder(ModifierSettings s) {
      return new AbstractBuilder() {
        @Override
        void check(Site site, ModifierSpec mod, String path) {
          ModifierSpec.ShapeSys m = (ModifierSpec.ShapeSys) mod;
          checkLength(path + ".data", "data", m.data(), site, "shapesys", m.name());
          checkFinite(path + ".data", "data", m.data());
          for (Occurrence o : occurrences) {
            if (o.name().equals(m.name())) {
              throw new SpecException(path, "shapesys '" + m.name() + "' is already used at " + o.path()
                  + "; a shapesys parameter set cannot be shared between samples or channels");
            }
          }
        }

        @Override
        ParamsetRequirement requirement(Site site, ModifierSpec mod, String path) {
          double[] nom = site.nominal();
          double[] unc = ((ModifierSpec.ShapeSys) mod).data();
          int n = nom.length;
          double[] factors = new double[n];
          boolean[] fixed = new boolean[n];
          for (int b = 0; b < n; b++) {
            boolean valid = nom[b] > 0 && unc[b] > 0;
            factors[b] = valid ? nom[b] * nom[b] / (unc[b] * unc[b]) : 1.0;
            fixed[b] = !valid;
          }
          return new ParamsetRequirement("shapesys", Constraint.POISSON, n, false,
              ParamsetRequirement.fill(n, 1.0), ParamsetRequirement.fillBounds(n, 1e-10, 10.0), fixed,
              factors.clone(), null, factors, path);
        }

        @Override
        public void emit(ParameterLayout layout, YieldSink sink) {
          for (Occurrence o : occurrences) {
            int off = layout.offset(o.name());
            int[] idx = new int[o.site().nbins()];
            for (int b = 0; b < idx.length; b++) {
              idx[b] = off + b;
            }
            sink.binwiseFactor(o.site().unit(), idx);
          }
        }
      };
    }
  };

  /** shapefactor: free bin-wise factors; bin j of any channel uses component j. */
  public static final ModifierKind SHAPEFACTOR = new SimpleKind("shapefactor") {
    @Override
    public ModifierBuilder newBuilder(ModifierSettings s) {
      return new AbstractBuilder() {
        @Override
        ParamsetRequirement requirement(Site site, ModifierSpec mod, String path) {
          int n = site.nbins();
          return new ParamsetRequirement("shapefactor", Constraint.NONE, n, false, ParamsetRequirement.fill(n, 1.0),
              ParamsetRequirement.fillBounds(n, 0.0, 10.0), new boolean[n], null, null, null, path);
        }

        @Override
        public void emit(ParameterLayout layout, YieldSink sink) {
          for (Occurrence o : occurrences) {
            int off = layout.offset(o.name());
            int[] idx = new int[o.site().nbins()];
            for (int b = 0; b < idx.length; b++) {
              idx[b] = off + b;
            }
            sink.binwiseFactor(o.site().unit(), idx);
          }
        }
      };
    }
  };

  /**
   * staterror: Barlow–Beeston-lite MC statistical uncertainty. All samples carrying the same name
   * share one γ per bin with σ_b = √(Σ_s δ_sb²) / Σ_s ν_sb (sums over the samples that carry it);
   * bins with σ_b = 0 are fixed at γ = 1 (pyhf's convention, their width set to 1). Parameter sets
   * are registered in name order, as pyhf does.
   */
  public static final ModifierKind STATERROR = new SimpleKind("staterror") {
    @Override
    public ModifierBuilder newBuilder(ModifierSettings s) {
      return new StatErrorBuilder();
    }
  };

  private static final class StatErrorBuilder extends AbstractBuilder {
    /** name → (sample → per global bin: nominal and uncertainty of samples carrying it). */
    private final Map<String, Map<Integer, double[][]>> perName = new TreeMap<>();
    /** name → per global bin: which bins it acts on (union of the samples' channels). */
    private final Map<String, boolean[]> masks = new TreeMap<>();
    private final Map<String, int[]> globalToComponent = new TreeMap<>();

    @Override
    void check(Site site, ModifierSpec mod, String path) {
      ModifierSpec.StatError m = (ModifierSpec.StatError) mod;
      checkLength(path + ".data", "data", m.data(), site, "staterror", m.name());
      checkFinite(path + ".data", "data", m.data());
    }

    @Override
    ParamsetRequirement requirement(Site site, ModifierSpec mod, String path) {
      return null; // registered after the walk, in name order
    }

    /** Called by the compiler after the walk with all sites' nominal data available. */
    void finish(int nMain, java.util.List<Site> allSites) {
      // samples (by index) that carry each name anywhere
      Map<String, java.util.Set<Integer>> carriers = new TreeMap<>();
      for (Occurrence o : occurrences) {
        carriers.computeIfAbsent(o.name(), k -> new java.util.TreeSet<>()).add(o.site().sample());
        boolean[] mask = masks.computeIfAbsent(o.name(), k -> new boolean[nMain]);
        for (int b = 0; b < o.site().nbins(); b++) {
          mask[o.site().binOffset() + b] = true;
        }
      }
      for (Map.Entry<String, java.util.Set<Integer>> e : carriers.entrySet()) {
        String name = e.getKey();
        double[] nomsall = new double[nMain];
        for (Site st : allSites) {
          if (e.getValue().contains(st.sample())) {
            for (int b = 0; b < st.nbins(); b++) {
              nomsall[st.binOffset() + b] += st.nominal()[b];
            }
          }
        }
        double[] relerr2 = new double[nMain];
        String firstPath = null;
        for (Occurrence o : occurrences) {
          if (!o.name().equals(name)) {
            continue;
          }
          if (firstPath == null) {
            firstPath = o.path();
          }
          double[] unc = ((ModifierSpec.StatError) o.mod()).data();
          for (int b = 0; b < o.site().nbins(); b++) {
            int g = o.site().binOffset() + b;
            if (nomsall[g] > 0) {
              double r = unc[b] / nomsall[g];
              relerr2[g] += r * r;
            }
          }
        }
        boolean[] mask = masks.get(name);
        int n = 0;
        int[] comp = new int[nMain];
        java.util.Arrays.fill(comp, -1);
        for (int g = 0; g < nMain; g++) {
          if (mask[g]) {
            comp[g] = n++;
          }
        }
        double[] sigmas = new double[n];
        boolean[] fixed = new boolean[n];
        for (int g = 0; g < nMain; g++) {
          if (mask[g]) {
            double sg = Math.sqrt(relerr2[g]);
            fixed[comp[g]] = sg == 0.0;
            sigmas[comp[g]] = sg == 0.0 ? 1.0 : sg;
          }
        }
        globalToComponent.put(name, comp);
        reqs.put(name, new ParamsetRequirement("staterror", Constraint.NORMAL, n, false,
            ParamsetRequirement.fill(n, 1.0), ParamsetRequirement.fillBounds(n, 1e-10, 10.0), fixed,
            ParamsetRequirement.fill(n, 1.0), sigmas, null, firstPath));
      }
    }

    @Override
    public void emit(ParameterLayout layout, YieldSink sink) {
      for (Occurrence o : occurrences) {
        int off = layout.offset(o.name());
        int[] comp = globalToComponent.get(o.name());
        int[] idx = new int[o.site().nbins()];
        for (int b = 0; b < idx.length; b++) {
          idx[b] = off + comp[o.site().binOffset() + b];
        }
        sink.binwiseFactor(o.site().unit(), idx);
      }
    }
  }

  /** Hook for kinds that register parameters only after the whole walk. */
  public static void finishWalk(ModifierBuilder b, int nMain, java.util.List<Site> allSites) {
    if (b instanceof StatErrorBuilder se) {
      se.finish(nMain, allSites);
    }
  }

  private abstract static class SimpleKind implements ModifierKind {
    private final String type;

    SimpleKind(String type) {
      this.type = type;
    }

    @Override
    public String type() {
      return type;
    }
  }

  /** The seven kinds in pyhf's order (which fixes parameter order). */
  public static LinkedHashMap<String, ModifierKind> histfactory() {
    LinkedHashMap<String, ModifierKind> m = new LinkedHashMap<>();
    for (ModifierKind k : new ModifierKind[] {HISTOSYS, LUMI, NORMFACTOR, NORMSYS, SHAPEFACTOR, SHAPESYS, STATERROR}) {
      m.put(k.type(), k);
    }
    return m;
  }
}
