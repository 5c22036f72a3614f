package io.sumbin.histmodel.modifier;

import io.sumbin.histmodel.spec.ModifierSettings;
import io.sumbin.histmodel.spec.ModifierSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code staterror}: Barlow–Beeston-lite MC statistical uncertainty, yield × γ_b with
 * N(1 | γ_b, σ_b), init 1, bounds [1e−10, 10]. All samples carrying the same name share one γ per
 * bin with σ_b = √(Σ_s δ_sb²) / Σ_s ν_sb (sums over the samples that carry it); bins with σ_b = 0
 * are fixed at γ = 1 (pyhf's convention, their width set to 1). Parameter sets are registered in
 * name order, as pyhf does. Data: the uncertainties δ_b.
 */
final class StatErrorKind implements ModifierKind {
  @Override
  public String type() {
    return "staterror";
  }

  @Override
  public ModifierSpec read(String name, ModifierData data) {
    return new ModifierSpec.StatError(name, data.numbers());
  }

  @Override
  public Object write(ModifierSpec spec) {
    return ((ModifierSpec.StatError) spec).data();
  }

  @Override
  public Constraint constraint() {
    return Constraint.NORMAL;
  }

  @Override
  public boolean pyhf() {
    return true;
  }

  @Override
  public ModifierBuilder newBuilder(ModifierSettings s) {
    return new Builder();
  }

  private static final class Builder extends AbstractBuilder {
    /** name → per global bin: which bins it acts on (union of the samples' channels). */
    private final Map<String, boolean[]> masks = new TreeMap<>();
    private final Map<String, int[]> globalToComponent = new TreeMap<>();

    @Override
    protected void check(Site site, ModifierSpec mod, String path) {
      ModifierSpec.StatError m = (ModifierSpec.StatError) mod;
      checkLength(path + ".data", "data", m.data(), site, "staterror", m.name());
      checkFinite(path + ".data", "data", m.data());
    }

    @Override
    protected ParamsetRequirement requirement(Site site, ModifierSpec mod, String path) {
      return null; // registered after the walk, in name order
    }

    @Override
    public void finishWalk(int nMain, List<Site> allSites) {
      // samples (by index) that carry each name anywhere
      Map<String, Set<Integer>> carriers = new TreeMap<>();
      for (Occurrence o : occurrences) {
        carriers.computeIfAbsent(o.name(), k -> new TreeSet<>()).add(o.site().sample());
        boolean[] mask = masks.computeIfAbsent(o.name(), k -> new boolean[nMain]);
        for (int b = 0; b < o.site().nbins(); b++) {
          mask[o.site().binOffset() + b] = true;
        }
      }
      for (Map.Entry<String, Set<Integer>> e : carriers.entrySet()) {
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
        Arrays.fill(comp, -1);
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
}
