package io.sumbin.pyhf;

import com.fasterxml.jackson.databind.JsonNode;
import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.compile.ModelCompiler;
import io.sumbin.histmodel.compile.Models;
import io.sumbin.histmodel.fit.FitOptions;
import io.sumbin.histmodel.fit.Fitter;
import io.sumbin.histmodel.infer.AsymptoticCalculator;
import io.sumbin.histmodel.infer.HypoTestResult;
import io.sumbin.histmodel.infer.Inference;
import io.sumbin.histmodel.infer.TestStatistic;
import io.sumbin.histmodel.spec.SpecException;
import io.sumbin.histmodel.spec.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The hypothesis test of every signal point of a published likelihood — pyhf's
 * {@code pyhf cls BKG.json -p patch.json} for each patch of a patch set (or each patch file), run
 * in parallel: asymptotic CLs with q̃_μ at μ = 1 (arXiv:1007.1727), observed and the expected band,
 * whether every fit converged, and the time per point.
 */
public final class PatchSetCls {
  private PatchSetCls() {}

  /** How the message of a tested POI value outside the POI's bounds begins (after file and path). */
  public static final String OUT_OF_BOUNDS = "tested POI value ";

  /** One signal point: a name, its metadata values (empty for plain patch files) and how to make its workspace. */
  public record Point(String name, double[] values, java.util.function.Supplier<JsonNode> workspace, String source) {}

  /**
   * The result of one point.
   *
   * @param clsObs observed CLs
   * @param clsExp expected CLs, [−2σ, −1σ, median, +1σ, +2σ]
   * @param seconds wall time of this point (patch, compile, four fits)
   */
  public record PointResult(String name, double[] values, double clsObs, double[] clsExp, double clsb, double clb,
      boolean converged, String message, double seconds) {
    /** Whether the point is excluded at 95% CL (observed CLs &lt; 0.05). */
    public boolean excludedObserved() {
      return clsObs < 0.05;
    }
  }

  /** The points of a patch set; the set's digests are verified once, then each patch is applied to the background-only workspace. */
  public static List<Point> points(JsonNode bkg, String bkgSource, Patches.PatchSet set) {
    set.verify(bkg, bkgSource);
    List<Point> pts = new ArrayList<>();
    for (Patches.Patch p : set.patches()) {
      pts.add(new Point(p.name(), p.values(), () -> set.applyVerified(bkg, p), bkgSource + " + " + p.name()));
    }
    return pts;
  }

  /** A plain RFC 6902 patch file as one point (pyhf's {@code cls -p} semantics). */
  public static Point point(JsonNode bkg, String bkgSource, String name, JsonNode patch, String patchSource) {
    return new Point(name, new double[0], () -> Patches.applyToModel(bkg, patch, null, patchSource), bkgSource + " + " + patchSource);
  }

  /**
   * Runs the points on {@code threads} threads (results in input order). Bad input in a point
   * (a patch that does not apply, a model that does not compile) throws {@link InputException};
   * numerical failures are reported per point ({@code converged = false}).
   *
   * @param poiValue tested POI value (1 for the usual exclusion)
   */
  public static List<PointResult> run(List<Point> points, double poiValue, int threads) {
    return run(points, poiValue, threads, WorkspaceIO.Strictness.STRICT);
  }

  /**
   * {@link #run(List, double, int)} reading each patched workspace with {@code strictness}: the
   * background-only workspace is validated together with its patch, so a measurement may configure
   * parameters that only the signal patches add.
   */
  public static List<PointResult> run(List<Point> points, double poiValue, int threads, WorkspaceIO.Strictness strictness) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be positive, got " + threads);
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, Math.max(1, points.size())), r -> {
      Thread t = new Thread(r, "sumbin-patchset");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<PointResult>> fs = new ArrayList<>();
      for (Point p : points) {
        fs.add(pool.submit(() -> one(p, poiValue, strictness)));
      }
      List<PointResult> out = new ArrayList<>();
      for (Future<PointResult> f : fs) {
        try {
          out.add(f.get());
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException re) {
            throw re;
          }
          throw new IllegalStateException(e.getCause());
        }
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /** One point: patch, read (strictly), compile, hypotest. */
  public static PointResult one(Point p, double poiValue) {
    return one(p, poiValue, WorkspaceIO.Strictness.STRICT);
  }

  /**
   * One point: patch, read with {@code strictness}, compile, hypotest. A POI value outside the POI's
   * bounds is bad input ({@link InputException}).
   */
  public static PointResult one(Point p, double poiValue, WorkspaceIO.Strictness strictness) {
    long t0 = System.nanoTime();
    Workspace ws = WorkspaceIO.fromJson(p.workspace().get(), p.source(), strictness);
    CompiledModel m;
    double[] data;
    try {
      m = ModelCompiler.compile(ws.model(null));
      data = Models.observedData(ws, m);
    } catch (SpecException e) {
      throw new InputException(p.source(), e.path(), e.getMessage());
    }
    if (m.poiIndex() < 0) {
      throw new InputException(p.source(), "measurements[0].config.poi", "the patched model has no parameter of interest");
    }
    FitOptions o = FitOptions.suggested(m).withUncertainties(false);
    int poi = m.poiIndex();
    if (!(poiValue >= o.lower()[poi] && poiValue <= o.upper()[poi])) {
      throw new InputException(p.source(), "", OUT_OF_BOUNDS + poiValue + " is outside the bounds [" + o.lower()[poi] + ", "
          + o.upper()[poi] + "] of '" + m.poiName() + "'");
    }
    AsymptoticCalculator calc = new AsymptoticCalculator(new Inference(new Fitter(m), o), data, TestStatistic.QTILDE);
    HypoTestResult r = calc.hypotest(poiValue);
    double secs = (System.nanoTime() - t0) * 1e-9;
    return new PointResult(p.name(), p.values(), r.cls(), r.clsExpected(), r.clsb(), r.clb(), r.converged(), r.message(), secs);
  }
}
