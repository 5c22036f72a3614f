package io.sumbin.eft.analysis;

import io.sumbin.eft.EftEvents;
import io.sumbin.eft.analysis.AnalysisSpec.DataKind;
import io.sumbin.eft.analysis.AnalysisSpec.Systematic;
import io.sumbin.eft.analysis.AnalysisSpec.SystematicType;
import io.sumbin.eft.unbinned.LearnedShapes;
import io.sumbin.histmodel.infer.ProfileLikelihood;
import io.sumbin.histmodel.infer.ProfileScan;
import io.sumbin.histmodel.spec.Coefficient;
import io.sumbin.histmodel.unbinned.UnbinnedModel;
import io.sumbin.histmodel.util.RecordText;
import io.sumbin.summaries.FeatureMatrix;
import io.sumbin.summaries.TrainingSettings;
import io.sumbin.summaries.shape.ShapeRatio;
import io.sumbin.summaries.shape.ShapeRatios;
import io.sumbin.summaries.shape.ShapeTraining;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The unbinned side of an analysis: the extended likelihood over the template events with their exact per-event
 * weight ratios (the parton-level truth the binned per-point observables approximate), for one coefficient at a
 * time. Every (region, process, monomial k of the coefficient) is a component with coefficient m_k(c), σ = 1 and
 * ratio column r(x_i) = B_ik / B_i0 on the process' events of the region (0 elsewhere); the reference weights are
 * ω_i = L w_i(SM), so the component's rate is I = L Σ_i B_ik and ω_i s_i(c) = L w_i(c) exactly. Normalisation
 * systematics act as normalisation effects; event variations, with {@link Mode#LEARNED_SHAPES}, as learned shape
 * ratios ĝ(x, ±1) of each process ({@link LearnedShapes}, arXiv:2412.01600; one-sided variations use ĝ(−1) = 1/ĝ(+1)),
 * otherwise they are left out (and said so). MC statistics have no unbinned counterpart.
 *
 * <p>Data: Asimov data are the template events reweighted to the reference point; pseudo-data append the
 * independent sample's events (with their own exact ratios and ω = 0) and give the pseudo-data process' template
 * events weight 0. Observed events or counts carry no truth ratios: no unbinned result.
 */
final class UnbinnedSide {
  /** What the unbinned side does. */
  enum Mode {
    /** Nothing. */
    NONE,
    /** Exact ratios, normalisation systematics only. */
    EXACT,
    /** Exact ratios, normalisations and learned shape ratios of the event variations. */
    LEARNED_SHAPES
  }

  private UnbinnedSide() {}

  /** Whether the data allow an unbinned fit. */
  static boolean possible(Analysis a) {
    DataKind k = a.spec().data().kind();
    return k == DataKind.ASIMOV || k == DataKind.PSEUDO;
  }

  /** The 1-D profile scan of {@code p} over {@code range} with {@code points} points, all regions. */
  static ProfileScan scan(Analysis a, String p, double[] range, int points, Mode mode, List<String> notes) {
    double L = a.lumiPb;
    List<double[]> omegaParts = new ArrayList<>();
    List<double[]> dataParts = new ArrayList<>();
    record Comp(String name, List<String> mono, int offset, double[] ratio, Analysis.Entry entry, int region) {
      @Override
      public String toString() {
        return RecordText.of(this);
      }
    }
    List<Comp> comps = new ArrayList<>();
    int n = 0;
    boolean pseudo = a.spec().data().kind() == DataKind.PSEUDO;
    List<Analysis.RegionData> regs = a.regions;
    List<int[]> blocks = new ArrayList<>(); // {region, entry or -1 for data, offset, size}
    for (int r = 0; r < regs.size(); r++) {
      Analysis.RegionData rd = regs.get(r);
      for (int e = 0; e < rd.entries().size(); e++) {
        Analysis.Entry en = rd.entries().get(e);
        EftEvents ev = en.events().get(ProcessSample.NOMINAL);
        double[] om = new double[ev.size()];
        double[] d = new double[ev.size()];
        double[] wRef = ev.weights(a.reference);
        double[] sm = ev.smWeights();
        boolean dataProcess = pseudo && e == rd.dataProcess();
        for (int i = 0; i < om.length; i++) {
          om[i] = sm[i] > 0 ? L * sm[i] : 0;
          d[i] = dataProcess || sm[i] <= 0 ? 0 : L * wRef[i];
        }
        omegaParts.add(om);
        dataParts.add(d);
        blocks.add(new int[] {r, e, n, ev.size()});
        n += ev.size();
      }
      if (pseudo && rd.dataEvents() != null && rd.dataProcess() >= 0) {
        EftEvents ev = rd.dataEvents();
        double[] wt = ev.weights(a.reference);
        double[] d = new double[ev.size()];
        for (int i = 0; i < d.length; i++) {
          d[i] = ev.smWeights()[i] > 0 ? L * wt[i] : 0;
        }
        omegaParts.add(new double[ev.size()]);
        dataParts.add(d);
        blocks.add(new int[] {r, -1, n, ev.size()});
        n += ev.size();
      }
    }
    double[] omega = Analysis.concat(omegaParts);
    double[] data = Analysis.concat(dataParts);
    float[] om = new float[n];
    for (int i = 0; i < n; i++) {
      om[i] = (float) omega[i];
    }
    UnbinnedModel.Builder b = UnbinnedModel.builder(n).poi(p, 0, range[0] - 10 * (range[1] - range[0]),
        range[1] + 10 * (range[1] - range[0])).threads(1).referenceWeights(om);
    Map<String, List<Integer>> byProcess = new LinkedHashMap<>();
    for (int[] blk : blocks) {
      if (blk[1] < 0) {
        continue;
      }
      Analysis.RegionData rd = regs.get(blk[0]);
      Analysis.Entry en = rd.entries().get(blk[1]);
      EftEvents ev = en.events().get(ProcessSample.NOMINAL);
      List<List<String>> monos = ev.monomials();
      for (int k = 0; k < monos.size(); k++) {
        List<String> m = monos.get(k);
        if (!m.stream().allMatch(p::equals)) {
          continue;
        }
        float[] ratio = new float[n];
        boolean any = false;
        fill(ratio, ev, k, blk[2]);
        // the pseudo-data events of this process carry the same monomial with their own exact ratio
        for (int[] db : blocks) {
          if (db[1] < 0 && db[0] == blk[0] && regs.get(db[0]).dataProcess() == blk[1]) {
            fill(ratio, regs.get(db[0]).dataEvents(), k, db[2]);
          }
        }
        for (float x : ratio) {
          any |= x != 0;
        }
        if (!any) {
          continue;
        }
        int j = b.component(rd.region().name() + "/" + en.process() + "/" + (m.isEmpty() ? "1" : String.join("*", m)), 1.0,
            new Coefficient.Monomial(m), ratio);
        byProcess.computeIfAbsent(rd.region().name() + "/" + en.process(), x -> new ArrayList<>()).add(j);
        for (Systematic s : en.systematics()) {
          if (s.type() == SystematicType.NORMSYS) {
            if (!b.hasParameter(s.name())) {
              b.nuisance(s.name());
            }
            b.norm(j, s.name(), s.hi(), s.lo());
          }
        }
      }
    }
    // event variations: learned shape ratios per (region, process, systematic)
    boolean anyVariation = false;
    for (int[] blk : blocks) {
      if (blk[1] < 0) {
        continue;
      }
      Analysis.RegionData rd = regs.get(blk[0]);
      Analysis.Entry en = rd.entries().get(blk[1]);
      List<Integer> js = byProcess.get(rd.region().name() + "/" + en.process());
      if (js == null) {
        continue;
      }
      for (Systematic s : en.systematics()) {
        if (!s.type().isEventVariation() && s.type() != SystematicType.WEIGHTS) {
          continue;
        }
        anyVariation = true;
        if (mode != Mode.LEARNED_SHAPES) {
          continue;
        }
        EftEvents nom = en.events().get(ProcessSample.NOMINAL);
        EftEvents up = en.events().get(ProcessSample.key(s.name(), 1));
        EftEvents dn = en.events().get(ProcessSample.key(s.name(), -1));
        List<String> features = a.samples.get(en.process()).observables;
        ShapeTraining how = ShapeTraining.of(features, TrainingSettings.DEFAULT.withMaxEpochs(a.spec().training().epochs())
            .withSeed(a.spec().seed()));
        try (ShapeRatio g = ShapeRatios.train(en.process(), s.name(), nom.table(), up.table(), dn == null ? nom.table() : dn.table(), how)) {
          FeatureMatrix x = allFeatures(a, blocks, features, n);
          ShapeRatio.Columns c = g.columns(x);
          for (int j : js) {
            float[] u = c.up().clone();
            float[] d = c.down().clone();
            if (dn == null) {
              for (int i = 0; i < d.length; i++) {
                d[i] = u[i] > 0 ? 1 / u[i] : 1;
              }
            }
            LearnedShapes.addColumns(b, j, s.name(), u, d, g.rateUp().value(), dn == null ? 1 / g.rateUp().value() : g.rateDown().value(),
                om, null);
          }
        }
      }
    }
    if (anyVariation && mode != Mode.LEARNED_SHAPES) {
      notes.add("unbinned " + p + ": without the event variations' shape systematics (run with learned shapes to include them)");
    }
    try (UnbinnedModel m = b.build()) {
      double[] grid = ProfileLikelihood.linspace(range[0], range[1], points);
      return new ProfileLikelihood(m).scan(m.parIndex(p), grid, m.withAuxdata(data));
    }
  }

  private static void fill(float[] ratio, EftEvents ev, int k, int offset) {
    double[] sm = ev.smWeights();
    for (int i = 0; i < ev.size(); i++) {
      ratio[offset + i] = sm[i] > 0 ? (float) (ev.component(i, k) / sm[i]) : 0f;
    }
  }

  /** The features of every model event (template and data events, in block order). */
  private static FeatureMatrix allFeatures(Analysis a, List<int[]> blocks, List<String> features, int n) {
    double[][] cols = new double[features.size()][n];
    for (int[] blk : blocks) {
      Analysis.RegionData rd = a.regions.get(blk[0]);
      EftEvents ev = blk[1] < 0 ? rd.dataEvents() : rd.entries().get(blk[1]).events().get(ProcessSample.NOMINAL);
      for (int f = 0; f < features.size(); f++) {
        double[] v = ev.table().hasColumn(features.get(f)) ? ev.table().doubles(features.get(f)) : new double[ev.size()];
        System.arraycopy(v, 0, cols[f], blk[2], ev.size());
      }
    }
    return FeatureMatrix.ofColumns(features, cols);
  }
}
