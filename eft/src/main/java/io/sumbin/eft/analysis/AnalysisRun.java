package io.sumbin.eft.analysis;

import io.sumbin.eft.FisherInformation;
import io.sumbin.eft.analysis.AnalysisResult.ParameterResult;
import io.sumbin.eft.analysis.AnalysisResult.ScanResult;
import io.sumbin.eft.analysis.AnalysisSpec.Scan;
import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.compile.ModelCompiler;
import io.sumbin.histmodel.family.FamilyScan;
import io.sumbin.histmodel.family.ModelFamily;
import io.sumbin.histmodel.fit.FitOptions;
import io.sumbin.histmodel.fit.FitResult;
import io.sumbin.histmodel.fit.Fitter;
import io.sumbin.histmodel.parallel.WorkRunner;
import io.sumbin.pyhf.FamilyIO;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs an analysis end to end ({@link #run}): prepare the events ({@link Analysis#prepare}), then for every scan the
 * per-point family of all regions combined and of each region alone, scanned on the runner; every parameter
 * without a 1-D scan in the description gets one of {@link AnalysisSpec#DEFAULT_POINTS} points over its range;
 * the Fisher information of every parameter (combination and regions); the nuisance-parameter fit of the combined
 * reference-point model; and, with an output folder, the pyhf export of the first scan's combined family.
 */
public final class AnalysisRun {
  private AnalysisRun() {}

  /**
   * Options of a run.
   *
   * @param threads threads for building the points
   * @param runner the runner of the family scans (threads or Spark)
   * @param out output folder for the pyhf export (null: nothing written)
   * @param progress one line per step
   * @param unbinned the unbinned side
   * @param listener where trainings report their epochs ({@link io.sumbin.histmodel.progress.ProgressListener#NONE}: nowhere)
   */
  public record Options(int threads, WorkRunner runner, Path out, Consumer<String> progress, Unbinned unbinned,
      io.sumbin.histmodel.progress.ProgressListener listener) {
    public Options {
      listener = io.sumbin.histmodel.progress.ProgressListener.orNone(listener);
    }

    /** The options of version 1 (no progress listener). */
    public Options(int threads, WorkRunner runner, Path out, Consumer<String> progress, Unbinned unbinned) {
      this(threads, runner, out, progress, unbinned, io.sumbin.histmodel.progress.ProgressListener.NONE);
    }

    public static Options threads(int t) {
      return new Options(t, WorkRunner.threads(t), null, s -> {}, Unbinned.EXACT);
    }

    public Options withOut(Path dir) {
      return new Options(threads, runner, dir, progress, unbinned, listener);
    }

    public Options withRunner(WorkRunner r) {
      return new Options(threads, r, out, progress, unbinned, listener);
    }

    public Options withProgress(Consumer<String> p) {
      return new Options(threads, runner, out, p, unbinned, listener);
    }

    public Options withUnbinned(Unbinned u) {
      return new Options(threads, runner, out, progress, u, listener);
    }

    /**
     * Options whose trainings (learned observables) report their epochs to {@code l}; the scans report
     * through the runner ({@link WorkRunner#withProgress}).
     *
     * @param l the listener
     * @return the copy
     */
    public Options withListener(io.sumbin.histmodel.progress.ProgressListener l) {
      return new Options(threads, runner, out, progress, unbinned, l);
    }
  }

  /** The unbinned side of a run ({@link UnbinnedSide}). */
  public enum Unbinned {
    /** Not run. */
    NONE,
    /** Exact per-event ratios with the normalisation systematics (event variations left out, with a warning). */
    EXACT,
    /** As EXACT, with learned shape ratios ĝ(x, ±1) for every event variation (one training per process and systematic). */
    LEARNED_SHAPES
  }

  /** The scans run: the description's, then a default 1-D scan for every parameter without one. */
  public static List<Scan> scans(AnalysisSpec spec) {
    List<Scan> out = new ArrayList<>(spec.scans());
    for (String p : spec.parameterNames()) {
      boolean has = out.stream().anyMatch(s -> s.parameters().size() == 1 && s.parameters().get(0).equals(p));
      if (!has) {
        out.add(Scan.of(p, AnalysisSpec.DEFAULT_POINTS));
      }
    }
    return out;
  }

  /** Prepares and runs (the prepared events are released at the end). */
  public static AnalysisResult run(AnalysisSpec spec, Options o) {
    long t0 = System.nanoTime();
    Analysis a = Analysis.prepare(spec, o.progress(), o.listener());
    try {
      return run(a, o, t0);
    } finally {
      a.close();
    }
  }

  /** Runs a prepared analysis. */
  public static AnalysisResult run(Analysis a, Options o) {
    return run(a, o, System.nanoTime());
  }

  private static AnalysisResult run(Analysis a, Options o, long t0) {
    AnalysisSpec spec = a.spec();
    List<String> warnings = new ArrayList<>(a.warnings());
    List<ScanResult> scans = new ArrayList<>();
    Map<String, ParameterResult> combined = new LinkedHashMap<>();
    Map<String, Map<String, ParameterResult>> perRegion = new LinkedHashMap<>();
    for (AnalysisSpec.Region r : spec.regions()) {
      perRegion.put(r.name(), new LinkedHashMap<>());
    }
    Map<String, String> outputs = new LinkedHashMap<>();
    List<Integer> all = a.allRegions();
    double familySeconds = 0;
    ModelFamily exported = null;
    for (Scan s : scans(spec)) {
      List<List<Integer>> sets = new ArrayList<>();
      List<String> names = new ArrayList<>();
      sets.add(all);
      names.add(null);
      for (int r = 0; r < spec.regions().size(); r++) {
        int rr = r;
        if (s.parameters().stream().allMatch(p -> a.sensitive(List.of(rr), p))) {
          sets.add(List.of(r));
          names.add(spec.regions().get(r).name());
        }
      }
      for (int k = 0; k < sets.size(); k++) {
        List<Integer> rs = sets.get(k);
        if (!s.parameters().stream().allMatch(p -> a.sensitive(rs, p))) {
          warnings.add("no process depends on " + s.parameters() + "; scan skipped");
          continue;
        }
        long f0 = System.nanoTime();
        ModelFamily fam = a.family(rs, s, o.threads());
        FamilyScan fs = fam.scan(o.runner());
        double sec = (System.nanoTime() - f0) * 1e-9;
        familySeconds += sec;
        String label = names.get(k) == null ? "combined" : names.get(k);
        o.progress().accept(String.format("scan %s (%s): %d points in %.2f s%s", s.key(), label, fam.size(), sec,
            fs.converged() ? "" : " — " + fs.message()));
        if (!fs.converged()) {
          warnings.add("scan " + s.key() + " (" + label + "): " + fs.message());
        }
        scans.add(new ScanResult(names.get(k), s.parameters(), fs.theta(), fs.t(), fs.interval68(), fs.interval95(), fs.contour68(),
            fs.contour95(), fs.converged(), fs.message(), sec));
        if (k == 0 && exported == null) {
          exported = fam;
        }
        if (s.parameters().size() == 1) {
          String p = s.parameters().get(0);
          Map<String, ParameterResult> target = names.get(k) == null ? combined : perRegion.get(names.get(k));
          if (!target.containsKey(p)) {
            int best = fs.best();
            double bestValue = fs.free()[best].bestfit()[fam.poiIndices(best)[0]];
            FisherInformation.Estimate[] fi = a.fishers(rs, p);
            target.put(p, new ParameterResult(bestValue, fs.interval68(), fs.interval95(), fi[0].value(), fi[0].error(), fi[1].value(),
                fi[1].error()));
          }
        }
      }
    }
    Map<String, ParameterResult> unbinned = new LinkedHashMap<>();
    if (o.unbinned() != Unbinned.NONE && UnbinnedSide.possible(a)) {
      if (spec.data().kind() == AnalysisSpec.DataKind.PSEUDO) {
        warnings.add("unbinned fit of pseudo-data: the pseudo-data sample's own Monte-Carlo fluctuations are not in the unbinned "
            + "likelihood (no staterror there); with far fewer simulated than expected events they bias it — compare with the binned result");
      }
      for (String p : spec.parameterNames()) {
        if (!a.sensitive(all, p)) {
          continue;
        }
        long u0 = System.nanoTime();
        int points = scans(spec).stream().filter(x -> x.parameters().equals(List.of(p))).findFirst().orElseThrow().points()[0];
        FisherInformation.Estimate fi = unbinnedFisher(a, p);
        // the parameter's range, or ±4/√I around the reference when the unbinned interval is much narrower
        double[] range = spec.parameters().get(p).clone();
        double ref = a.reference[spec.parameterNames().indexOf(p)];
        double half = 4 / Math.sqrt(fi.value());
        if (fi.value() > 0 && 2 * half < (range[1] - range[0]) / 4) {
          range = new double[] {ref - half, ref + half};
        }
        UnbinnedSide.Mode mode = o.unbinned() == Unbinned.LEARNED_SHAPES ? UnbinnedSide.Mode.LEARNED_SHAPES : UnbinnedSide.Mode.EXACT;
        io.sumbin.histmodel.infer.ProfileScan us = UnbinnedSide.scan(a, p, range, points, mode, warnings);
        double[] full = spec.parameters().get(p);
        // nuisance parameters make the interval wider than 1/√I: widen (4× at a time, at most to the parameter's range)
        while ((Double.isNaN(us.interval95()[0]) || Double.isNaN(us.interval95()[1])) && (range[0] > full[0] || range[1] < full[1])) {
          double h = 2 * (range[1] - range[0]);
          range = new double[] {Math.max(full[0], ref - h), Math.min(full[1], ref + h)};
          us = UnbinnedSide.scan(a, p, range, points, mode, new ArrayList<>());
        }
        unbinned.put(p, new ParameterResult(us.best().bestfit()[us.index()], us.interval68(), us.interval95(), fi.value(), fi.error()));
        o.progress().accept(String.format("unbinned scan %s: %d points in %.2f s", p, points, (System.nanoTime() - u0) * 1e-9));
      }
    } else if (o.unbinned() != Unbinned.NONE) {
      warnings.add("no unbinned result: observed events or counts carry no per-event truth ratios");
    }
    Map<String, double[]> nps = nuisanceFit(a, warnings);
    List<AnalysisResult.RegionTemplates> templates = templates(a);
    if (o.out() != null && exported != null) {
      FamilyIO.Export e = FamilyIO.exportPyhf(exported, o.out().resolve("pyhf"), "ins0000000");
      outputs.put("pyhf_bkgonly", e.bkgonly().toString());
      outputs.put("pyhf_patchset", e.patchset().toString());
      outputs.put("pyhf_points", o.out().resolve("pyhf").toString());
    }
    return new AnalysisResult(combined, perRegion, unbinned, nps, scans, templates, outputs, (System.nanoTime() - t0) * 1e-9, familySeconds, warnings);
  }

  /** Σ_i L (∂w_i/∂c)²/w_i at the reference point over every region's template events, with its jackknife error. */
  static FisherInformation.Estimate unbinnedFisher(Analysis a, String p) {
    List<double[]> w = new ArrayList<>();
    List<double[]> dw = new ArrayList<>();
    for (Analysis.RegionData rd : a.regions) {
      for (Analysis.Entry e : rd.entries()) {
        io.sumbin.eft.EftEvents ev = e.events().get(ProcessSample.NOMINAL);
        w.add(ev.weights(a.reference));
        dw.add(ev.derivativeWeights(a.reference, p));
      }
    }
    return FisherInformation.unbinned(Analysis.concat(w), Analysis.concat(dw), a.lumiPb, FisherInformation.DEFAULT_GROUPS, a.spec().seed());
  }

  /** The pre-fit templates of every region at the reference point. */
  static List<AnalysisResult.RegionTemplates> templates(Analysis a) {
    Analysis.PointModel pm = a.referenceModel();
    List<AnalysisResult.RegionTemplates> out = new ArrayList<>();
    int off = 0;
    List<io.sumbin.histmodel.spec.ChannelSpec> chs = pm.spec().channels();
    for (int r = 0; r < chs.size(); r++) {
      io.sumbin.histmodel.spec.ChannelSpec ch = chs.get(r);
      int nb = ch.nbins();
      Map<String, double[]> procs = new LinkedHashMap<>();
      Map<String, double[][]> sys = new LinkedHashMap<>();
      double[] stat2 = new double[nb];
      for (io.sumbin.histmodel.spec.SampleSpec s : ch.samples()) {
        double[] y = s.data();
        procs.put(s.name(), y.clone());
        for (io.sumbin.histmodel.spec.ModifierSpec m : s.modifiers()) {
          double[][] band = sys.computeIfAbsent(m.name(), k -> new double[2][nb]);
          if (m instanceof io.sumbin.histmodel.spec.ModifierSpec.NormSys n) {
            for (int b = 0; b < nb; b++) {
              band[0][b] += (n.hi() - 1) * y[b];
              band[1][b] += (n.lo() - 1) * y[b];
            }
          } else if (m instanceof io.sumbin.histmodel.spec.ModifierSpec.HistoSys h) {
            for (int b = 0; b < nb; b++) {
              band[0][b] += h.hiData()[b] - y[b];
              band[1][b] += h.loData()[b] - y[b];
            }
          } else if (m instanceof io.sumbin.histmodel.spec.ModifierSpec.StatError st) {
            sys.remove(m.name());
            for (int b = 0; b < nb; b++) {
              stat2[b] += st.data()[b] * st.data()[b];
            }
          }
        }
      }
      double[] stat = new double[nb];
      for (int b = 0; b < nb; b++) {
        stat[b] = Math.sqrt(stat2[b]);
      }
      int rr = a.regionIndex(ch.name());
      out.add(new AnalysisResult.RegionTemplates(ch.name(), a.regions.get(rr).observable().name(), pm.edges()[r], procs, sys, stat,
          java.util.Arrays.copyOfRange(pm.main(), off, off + nb)));
      off += nb;
    }
    return out;
  }

  /** The combined reference-point model fitted to its data with every sensitive coefficient floating. */
  static Map<String, double[]> nuisanceFit(Analysis a, List<String> warnings) {
    Analysis.PointModel pm = a.referenceModel();
    CompiledModel m = ModelCompiler.compile(pm.spec());
    FitResult f = new Fitter(m).fit(m.withAuxdata(pm.main()), FitOptions.suggested(m).withUncertainties(true));
    if (!f.converged()) {
      warnings.add("nuisance-parameter fit: " + f.message());
    }
    Map<String, double[]> out = new LinkedHashMap<>();
    List<String> coefs = a.spec().parameterNames();
    for (int i = 0; i < f.parNames().size(); i++) {
      String n = f.parNames().get(i);
      if (!coefs.contains(n)) {
        out.put(n, new double[] {f.bestfit()[i], f.uncertainties() == null ? Double.NaN : f.uncertainties()[i]});
      }
    }
    return out;
  }
}
