package io.sumbin.histmodel.compile;

import io.sumbin.histmodel.interp.InterpCode;
import io.sumbin.histmodel.modifier.Constraint;
import io.sumbin.histmodel.modifier.ModifierBuilder;
import io.sumbin.histmodel.modifier.ModifierKind;
import io.sumbin.histmodel.modifier.ModifierRegistry;
import io.sumbin.histmodel.modifier.ParamsetRequirement;
import io.sumbin.histmodel.modifier.Site;
import io.sumbin.histmodel.modifier.YieldSink;
import io.sumbin.histmodel.spec.ChannelSpec;
import io.sumbin.histmodel.spec.Coefficient;
import io.sumbin.histmodel.spec.ModelSpec;
import io.sumbin.histmodel.spec.ModifierSpec;
import io.sumbin.histmodel.spec.ParameterSpec;
import io.sumbin.histmodel.spec.SampleSpec;
import io.sumbin.histmodel.spec.SpecException;
import io.sumbin.histmodel.spec.YieldTerm;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compiles a {@link ModelSpec} into a {@link CompiledModel}, reproducing pyhf's model building:
 * channels and samples sorted by name, modifiers walked as sorted (name, type) pairs, parameter
 * sets registered kind by kind (histosys, lumi, normfactor, normsys, shapefactor, shapesys,
 * staterror) in order of first occurrence (staterror in name order), then measurement settings
 * applied. Parameters of interest that appear only in POI-dependent samples come last.
 */
public final class ModelCompiler {
  private ModelCompiler() {}

  /** The spec of every model compiled here and still in use (weak keys: identity of the model). */
  private static final Map<CompiledModel, ModelSpec> SOURCES = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  /** Compiles a model. @throws SpecException for an unusable specification. */
  public static CompiledModel compile(ModelSpec spec) {
    CompiledModel m = new Build(spec).run();
    SOURCES.put(m, spec);
    return m;
  }

  /**
   * The specification {@code model} was compiled from by {@link #compile} in this JVM, or null. Compiling
   * it again gives a model that computes exactly the same numbers (how a distributed runner sends a
   * model, {@code io.sumbin.histmodel.parallel.Portable}).
   */
  public static ModelSpec source(CompiledModel model) {
    return SOURCES.get(model);
  }

  /** Per-unit contributions collected from the builders. */
  private static final class UnitParts {
    final List<Integer> hsParam = new ArrayList<>();
    final List<InterpCode> hsCode = new ArrayList<>();
    final List<double[]> hsUp = new ArrayList<>();
    final List<double[]> hsDn = new ArrayList<>();
    // factors grouped by parameter, insertion order of first factor
    final LinkedHashMap<Integer, List<double[]>> groups = new LinkedHashMap<>(); // {kind, hi, lo}
    final List<int[]> binwise = new ArrayList<>();
  }

  private static final class Build implements YieldSink {
    final ModelSpec spec;
    final List<ChannelSpec> channels;
    final String[] sampleNames;
    final int[] chOffset;
    final int[] chNbins;
    final int[] chOrigIndex;
    int nMain;
    final List<Site> sites = new ArrayList<>();
    final List<Site> unitSites = new ArrayList<>();
    final List<SampleSpec> unitSamples = new ArrayList<>();
    final List<UnitParts> parts = new ArrayList<>();

    Build(ModelSpec spec) {
      this.spec = spec;
      if (spec.channels().isEmpty()) {
        throw new SpecException("channels", "the model has no channels");
      }
      // validate channels and samples
      Map<String, Integer> seen = new HashMap<>();
      for (int c = 0; c < spec.channels().size(); c++) {
        ChannelSpec ch = spec.channels().get(c);
        String p = "channels[" + c + "]";
        Integer prev = seen.put(ch.name(), c);
        if (prev != null) {
          throw new SpecException(p, "channel name '" + ch.name() + "' is also used by channels[" + prev + "]");
        }
        if (ch.samples().isEmpty()) {
          throw new SpecException(p, "channel '" + ch.name() + "' has no samples");
        }
        int nb = ch.nbins();
        Set<String> snames = new HashSet<>();
        for (int s = 0; s < ch.samples().size(); s++) {
          SampleSpec sa = ch.samples().get(s);
          String sp = p + ".samples[" + s + "]";
          if (!snames.add(sa.name())) {
            throw new SpecException(sp, "sample name '" + sa.name() + "' appears twice in channel '" + ch.name() + "'");
          }
          if (sa.data().length != nb) {
            throw new SpecException(sp + ".data", "sample '" + sa.name() + "' has " + sa.data().length
                + " bins, channel '" + ch.name() + "' has " + nb + " (from its first sample)");
          }
          for (int b = 0; b < nb; b++) {
            if (!Double.isFinite(sa.data()[b])) {
              throw new SpecException(sp + ".data[" + b + "]", "yield is not finite (" + sa.data()[b] + ")");
            }
          }
          Set<String> mods = new HashSet<>();
          for (int m = 0; m < sa.modifiers().size(); m++) {
            ModifierSpec mod = sa.modifiers().get(m);
            if (!mods.add(mod.type() + "/" + mod.name())) {
              throw new SpecException(sp + ".modifiers[" + m + "]", "sample '" + sa.name() + "' has two " + mod.type()
                  + " modifiers named '" + mod.name() + "'");
            }
          }
          for (int t = 0; t < sa.terms().size(); t++) {
            YieldTerm term = sa.terms().get(t);
            if (term.data().length != nb) {
              throw new SpecException(sp + ".terms[" + t + "].data", "term has " + term.data().length
                  + " bins, channel '" + ch.name() + "' has " + nb);
            }
            for (int b = 0; b < nb; b++) {
              if (!Double.isFinite(term.data()[b])) {
                throw new SpecException(sp + ".terms[" + t + "].data[" + b + "]", "template value is not finite");
              }
            }
          }
        }
      }
      // sort channels, samples
      Integer[] order = new Integer[spec.channels().size()];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> spec.channels().get(a).name().compareTo(spec.channels().get(b).name()));
      channels = new ArrayList<>();
      chOrigIndex = new int[order.length];
      chOffset = new int[order.length];
      chNbins = new int[order.length];
      int off = 0;
      for (int i = 0; i < order.length; i++) {
        ChannelSpec ch = spec.channels().get(order[i]);
        channels.add(ch);
        chOrigIndex[i] = order[i];
        chOffset[i] = off;
        chNbins[i] = ch.nbins();
        off += ch.nbins();
      }
      nMain = off;
      TreeSet<String> sn = new TreeSet<>();
      for (ChannelSpec ch : channels) {
        for (SampleSpec s : ch.samples()) {
          sn.add(s.name());
        }
      }
      sampleNames = sn.toArray(new String[0]);
    }

    CompiledModel run() {
      // sorted (name, type) modifier keys
      TreeSet<String[]> keys = new TreeSet<>((a, b) -> {
        int c = a[0].compareTo(b[0]);
        return c != 0 ? c : a[1].compareTo(b[1]);
      });
      for (ChannelSpec ch : channels) {
        for (SampleSpec s : ch.samples()) {
          for (ModifierSpec m : s.modifiers()) {
            if (ModifierRegistry.get(m.type()) == null) {
              throw new SpecException("", "unknown modifier type '" + m.type() + "'");
            }
            keys.add(new String[] {m.name(), m.type()});
          }
        }
      }
      Map<String, ModifierBuilder> builders = new LinkedHashMap<>();
      for (ModifierKind k : ModifierRegistry.kinds().values()) {
        builders.put(k.type(), k.newBuilder(spec.settings()));
      }
      // the walk
      for (int c = 0; c < channels.size(); c++) {
        ChannelSpec ch = channels.get(c);
        for (int s = 0; s < sampleNames.length; s++) {
          SampleSpec sample = null;
          int sIdx = -1;
          for (int j = 0; j < ch.samples().size(); j++) {
            if (ch.samples().get(j).name().equals(sampleNames[s])) {
              sample = ch.samples().get(j);
              sIdx = j;
            }
          }
          String path = "channels[" + chOrigIndex[c] + "]" + (sample != null ? ".samples[" + sIdx + "]" : "");
          int unit = -1;
          double[] nom = sample != null ? sample.data() : new double[chNbins[c]];
          Site site;
          if (sample != null) {
            unit = parts.size();
            parts.add(new UnitParts());
            site = new Site(c, ch.name(), s, sampleNames[s], unit, nom, chNbins[c], chOffset[c], path);
            unitSites.add(site);
            unitSamples.add(sample);
          } else {
            site = new Site(c, ch.name(), s, sampleNames[s], -1, nom, chNbins[c], chOffset[c], path);
          }
          sites.add(site);
          for (String[] key : keys) {
            ModifierSpec mod = null;
            String modPath = null;
            if (sample != null) {
              for (int m = 0; m < sample.modifiers().size(); m++) {
                ModifierSpec cand = sample.modifiers().get(m);
                if (cand.name().equals(key[0]) && cand.type().equals(key[1])) {
                  mod = cand;
                  modPath = path + ".modifiers[" + m + "]";
                }
              }
            }
            builders.get(key[1]).visit(site, key[0], mod, modPath);
          }
        }
      }
      for (ModifierBuilder b : builders.values()) {
        b.finishWalk(nMain, sites);
      }
      // collect requirements in kind order
      LinkedHashMap<String, ParamsetRequirement> reqs = new LinkedHashMap<>();
      Map<String, String> kindOf = new HashMap<>();
      for (Map.Entry<String, ModifierBuilder> e : builders.entrySet()) {
        for (Map.Entry<String, ParamsetRequirement> r : e.getValue().requirements().entrySet()) {
          ParamsetRequirement old = reqs.get(r.getKey());
          if (old == null) {
            reqs.put(r.getKey(), r.getValue());
            kindOf.put(r.getKey(), e.getKey());
          } else {
            String diff = old.firstDifference(r.getValue());
            if (diff != null) {
              throw new SpecException(r.getValue().source(), e.getKey() + " '" + r.getKey()
                  + "' reuses the name of the " + kindOf.get(r.getKey()) + " at " + old.source()
                  + " but its parameter set differs in " + diff + "; use distinct modifier names");
            }
          }
        }
      }
      // POIs of POI-dependent samples
      for (int u = 0; u < unitSamples.size(); u++) {
        SampleSpec sa = unitSamples.get(u);
        for (int t = 0; t < sa.terms().size(); t++) {
          Coefficient cf = sa.terms().get(t).coefficient();
          String tp = unitSites.get(u).path() + ".terms[" + t + "]";
          for (String pn : cf.parameters()) {
            boolean interference = cf instanceof Coefficient.Interference;
            ParamsetRequirement want = new ParamsetRequirement("term", Constraint.NONE, 1, true,
                new double[] {interference ? 1.0 : 0.0},
                new double[][] {interference ? new double[] {0.0, 10.0} : new double[] {-10.0, 10.0}},
                new boolean[] {false}, null, null, null, tp);
            ParamsetRequirement old = reqs.get(pn);
            if (old == null) {
              reqs.put(pn, want);
              kindOf.put(pn, "term");
            } else if (old.constraint() != Constraint.NONE || !old.scalar()) {
              throw new SpecException(tp, "parameter '" + pn + "' of a POI-dependent term is also the constrained or "
                  + "bin-wise parameter of the " + kindOf.get(pn) + " at " + old.source());
            }
          }
        }
      }
      if (reqs.isEmpty()) {
        throw new SpecException("channels", "the model has no parameters (no modifiers and no POI-dependent samples)");
      }
      // measurement settings
      Map<String, ParameterSpec> user = new LinkedHashMap<>();
      for (int i = 0; i < spec.parameters().size(); i++) {
        ParameterSpec p = spec.parameters().get(i);
        if (user.put(p.name(), p) != null) {
          throw new SpecException("parameters[" + i + "]", "parameter '" + p.name() + "' is configured twice");
        }
      }
      List<Paramset> paramsets = new ArrayList<>();
      List<String> names = new ArrayList<>();
      List<Double> init = new ArrayList<>();
      List<Double> lo = new ArrayList<>();
      List<Double> hi = new ArrayList<>();
      List<Boolean> fx = new ArrayList<>();
      List<Double> aux = new ArrayList<>();
      List<Integer> gPar = new ArrayList<>();
      List<Integer> gAux = new ArrayList<>();
      List<Double> gSig = new ArrayList<>();
      List<Integer> pPar = new ArrayList<>();
      List<Integer> pAux = new ArrayList<>();
      List<Double> pTau = new ArrayList<>();
      Map<String, Integer> offsets = new HashMap<>();
      int offset = 0;
      for (Map.Entry<String, ParamsetRequirement> e : reqs.entrySet()) {
        String name = e.getKey();
        ParamsetRequirement r = applyUser(name, e.getValue(), user.get(name), kindOf.get(name), userIndex(name));
        paramsets.add(new Paramset(name, kindOf.get(name), offset, r.n(), r.scalar(), r.constraint()));
        offsets.put(name, offset);
        for (int i = 0; i < r.n(); i++) {
          names.add(r.scalar() ? name : name + "[" + i + "]");
          init.add(r.inits()[i]);
          lo.add(r.bounds()[i][0]);
          hi.add(r.bounds()[i][1]);
          fx.add(r.fixed()[i]);
        }
        if (r.constraint() == Constraint.NORMAL) {
          for (int i = 0; i < r.n(); i++) {
            gPar.add(offset + i);
            gAux.add(aux.size());
            gSig.add(r.sigmas() == null ? 1.0 : r.sigmas()[i]);
            aux.add(r.auxdata()[i]);
          }
        } else if (r.constraint() == Constraint.POISSON) {
          for (int i = 0; i < r.n(); i++) {
            pPar.add(offset + i);
            pAux.add(aux.size());
            pTau.add(r.factors()[i]);
            aux.add(r.auxdata()[i]);
          }
        }
        offset += r.n();
      }
      String[] parNames = names.toArray(new String[0]);
      boolean[] fixed = new boolean[fx.size()];
      for (int i = 0; i < fixed.length; i++) {
        fixed[i] = fx.get(i);
      }
      ConstraintTerms constraints = new ConstraintTerms(toIntArray(gPar), toIntArray(gAux), toArray(gSig),
          toIntArray(pPar), toIntArray(pAux), toArray(pTau), toArray(aux));
      for (int i = 0; i < constraints.nGauss; i++) {
        if (!(constraints.gaussSigma[i] > 0)) {
          throw new SpecException("parameters", "parameter '" + parNames[constraints.gaussPar[i]]
              + "' has a Gaussian width " + constraints.gaussSigma[i] + "; widths must be positive");
        }
      }
      for (int i = 0; i < constraints.nPois; i++) {
        if (!(constraints.poisTau[i] > 0)) {
          throw new SpecException("parameters", "parameter '" + parNames[constraints.poisPar[i]]
              + "' has a Poisson factor " + constraints.poisTau[i] + "; factors must be positive");
        }
      }
      // POI
      int poiIndex = -1;
      if (spec.poi() != null) {
        Integer o = offsets.get(spec.poi());
        if (o == null) {
          throw new SpecException("poi", "the parameter of interest '" + spec.poi()
              + "' is not a parameter of the model (have " + reqs.keySet() + ")");
        }
        if (reqs.get(spec.poi()).n() != 1) {
          throw new SpecException("poi", "the parameter of interest '" + spec.poi() + "' has "
              + reqs.get(spec.poi()).n() + " components; a POI must be a single parameter");
        }
        poiIndex = o;
      }
      ParameterTable params = new ParameterTable(paramsets, parNames, toArray(init), toArray(lo), toArray(hi),
          fixed, poiIndex, spec.poi());
      ChannelLayout layout = new ChannelLayout(channels.stream().map(ChannelSpec::name).toArray(String[]::new),
          chOffset, chNbins, sampleNames, nMain);
      // emit yields
      for (ModifierBuilder b : builders.values()) {
        b.emit(offsets::get, this);
      }
      return freezeUnits(params, layout, constraints, offsets);
    }

    private int userIndex(String name) {
      for (int i = 0; i < spec.parameters().size(); i++) {
        if (spec.parameters().get(i).name().equals(name)) {
          return i;
        }
      }
      return -1;
    }

    private static ParamsetRequirement applyUser(String name, ParamsetRequirement r, ParameterSpec u, String kind, int ui) {
      double[] inits = r.inits();
      double[][] bounds = r.bounds();
      boolean[] fixed = r.fixed();
      double[] auxdata = r.auxdata();
      double[] sigmas = r.sigmas();
      double[] factors = r.factors();
      String up = "parameters[" + ui + "]";
      if (u != null) {
        if (u.inits() != null) {
          inits = checkLen(up + ".inits", name, "inits", u.inits(), r.n());
        }
        if (u.bounds() != null) {
          if (u.bounds().length != r.n()) {
            throw new SpecException(up + ".bounds", "parameter '" + name + "' needs " + r.n() + " bounds, got " + u.bounds().length);
          }
          for (int i = 0; i < u.bounds().length; i++) {
            if (u.bounds()[i].length != 2 || !(u.bounds()[i][0] <= u.bounds()[i][1])) {
              throw new SpecException(up + ".bounds[" + i + "]", "parameter '" + name + "' bounds must be [lo, hi] with lo <= hi, got "
                  + Arrays.toString(u.bounds()[i]));
            }
          }
          bounds = u.bounds();
        }
        if (u.fixed() != null) {
          fixed = new boolean[r.n()];
          Arrays.fill(fixed, u.fixed());
        }
        if (u.auxdata() != null) {
          if (r.auxdata() == null) {
            throw new SpecException(up + ".auxdata", "parameter '" + name + "' (" + kind + ") has no auxiliary data");
          }
          auxdata = checkLen(up + ".auxdata", name, "auxdata", u.auxdata(), r.n());
        }
        if (u.sigmas() != null) {
          if (r.sigmas() == null) {
            throw new SpecException(up + ".sigmas", "parameter '" + name + "' (" + kind + ") does not use sigmas");
          }
          sigmas = checkLen(up + ".sigmas", name, "sigmas", u.sigmas(), r.n());
        }
        if (u.factors() != null) {
          if (r.factors() == null) {
            throw new SpecException(up + ".factors", "parameter '" + name + "' (" + kind + ") does not use factors");
          }
          factors = checkLen(up + ".factors", name, "factors", u.factors(), r.n());
        }
      }
      if (inits == ParamsetRequirement.UNSET || auxdata == ParamsetRequirement.UNSET
          || (bounds.length > 0 && bounds[0] == ParamsetRequirement.UNSET)) {
        throw new SpecException(u == null ? "parameters" : up, kind + " parameter '" + name
            + "' needs inits, bounds, auxdata and sigmas in the measurement's parameters");
      }
      if (sigmas == ParamsetRequirement.UNSET) {
        sigmas = null; // pyhf: width 1 when a lumi has no sigmas
      }
      return new ParamsetRequirement(r.kind(), r.constraint(), r.n(), r.scalar(), inits, bounds, fixed, auxdata,
          sigmas, factors, r.source());
    }

    private static double[] checkLen(String path, String name, String what, double[] v, int n) {
      if (v.length != n) {
        throw new SpecException(path, "parameter '" + name + "' needs " + n + " " + what + ", got " + v.length);
      }
      for (double x : v) {
        if (!Double.isFinite(x)) {
          throw new SpecException(path, "parameter '" + name + "' " + what + " contain a non-finite value");
        }
      }
      return v.clone();
    }

    // ---- YieldSink

    @Override
    public void additive(int unit, int param, InterpCode code, double[] up, double[] dn) {
      UnitParts p = parts.get(unit);
      p.hsParam.add(param);
      p.hsCode.add(code);
      p.hsUp.add(up.clone());
      p.hsDn.add(dn.clone());
    }

    @Override
    public void linearFactor(int unit, int param) {
      parts.get(unit).groups.computeIfAbsent(param, k -> new ArrayList<>()).add(new double[] {ScalarFactors.LINEAR, 0, 0});
    }

    @Override
    public void interpolatedFactor(int unit, int param, InterpCode code, double hi, double lo) {
      int kind = code == InterpCode.CODE1 ? ScalarFactors.CODE1 : ScalarFactors.CODE4;
      parts.get(unit).groups.computeIfAbsent(param, k -> new ArrayList<>()).add(new double[] {kind, hi, lo});
    }

    @Override
    public void binwiseFactor(int unit, int[] paramPerBin) {
      parts.get(unit).binwise.add(paramPerBin.clone());
    }

    /** Freezes the collected units into the model's per-kind blocks (flat primitive arrays). */
    private CompiledModel freezeUnits(ParameterTable params, ChannelLayout layout, ConstraintTerms constraints,
        Map<String, Integer> offsets) {
      SampleUnits.Builder units = new SampleUnits.Builder();
      YieldTerms.Builder terms = new YieldTerms.Builder();
      HistosysShifts.Builder histosys = new HistosysShifts.Builder();
      ScalarFactors.Builder factors = new ScalarFactors.Builder();
      BinwiseFactors.Builder binwise = new BinwiseFactors.Builder();
      for (int u = 0; u < parts.size(); u++) {
        Site st = unitSites.get(u);
        SampleSpec sa = unitSamples.get(u);
        UnitParts p = parts.get(u);
        units.add(st.channel(), st.sample(), st.binOffset(), st.nbins(), sa.hasTerms() ? null : sa.data());
        terms.beginUnit();
        if (sa.hasTerms()) {
          for (YieldTerm t : sa.terms()) {
            terms.add(CompiledCoefficient.of(t.coefficient(), pn -> offsets.getOrDefault(pn, -1)), t.data());
          }
        }
        histosys.beginUnit();
        for (int h = 0; h < p.hsParam.size(); h++) {
          histosys.add(p.hsParam.get(h), p.hsCode.get(h), p.hsUp.get(h), p.hsDn.get(h));
        }
        factors.addUnit(p.groups);
        binwise.beginUnit();
        for (int[] idx : p.binwise) {
          binwise.add(idx);
        }
      }
      return new CompiledModel(params, layout, units.build(), terms.build(), histosys.build(), factors.build(),
          binwise.build(), constraints);
    }
  }

  static double[] toArray(List<Double> l) {
    double[] a = new double[l.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = l.get(i);
    }
    return a;
  }

  static int[] toIntArray(List<Integer> l) {
    int[] a = new int[l.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = l.get(i);
    }
    return a;
  }
}
