package io.sumbin.pyhf;

import com.fasterxml.jackson.databind.JsonNode;
import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.compile.ModelCompiler;
import io.sumbin.histmodel.compile.Models;
import io.sumbin.histmodel.fit.FitOptions;
import io.sumbin.histmodel.infer.HypoTestResult;
import io.sumbin.histmodel.infer.TestStatistic;
import io.sumbin.histmodel.inference.InferenceFacade;
import io.sumbin.histmodel.inference.InferenceOptions;
import io.sumbin.histmodel.inference.InferenceProblem;
import io.sumbin.histmodel.parallel.Work;
import io.sumbin.histmodel.parallel.WorkRunner;
import io.sumbin.histmodel.spec.SpecException;
import io.sumbin.histmodel.spec.Workspace;
import io.sumbin.histmodel.util.RecordText;
import java.util.ArrayList;
import java.util.List;

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

  /** How a point's patched workspace is made (serializable, so that a distributed runner can send the point). */
  @FunctionalInterface
  public interface WorkspaceSource extends java.util.function.Supplier<JsonNode>, java.io.Serializable {}

  /** One signal point: a name, its metadata values (empty for plain patch files) and how to make its workspace. */
  public record Point(String name, double[] values, WorkspaceSource workspace, String source) {
    @Override
    public String toString() {
      return RecordText.of(this);
    }
  }

  /**
   * The result of one point.
   *
   * @param clsObs observed CLs
   * @param clsExp expected CLs, [−2σ, −1σ, median, +1σ, +2σ]
   * @param seconds wall time of this point (patch, compile, four fits)
   */
  public record PointResult(String name, double[] values, double clsObs, double[] clsExp, double clsb, double clb,
      boolean converged, String message, double seconds) {
    @Override
    public String toString() {
      return RecordText.of(this);
    }

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
    return run(points, poiValue, WorkRunner.threads(threads), strictness);
  }

  /**
   * {@link #run(List, double, int, WorkspaceIO.Strictness)} with the points run by {@code runner}
   * (results do not depend on it; each point's warnings reach {@code strictness} when the point is done).
   */
  public static List<PointResult> run(List<Point> points, double poiValue, WorkRunner runner, WorkspaceIO.Strictness strictness) {
    List<Outcome> out = runner.run(new Points(List.copyOf(points), poiValue, strictness.lenient()), points.size(),
        (i, o) -> o.warnings().forEach(strictness.warnings()));
    List<PointResult> rs = new ArrayList<>(out.size());
    for (Outcome o : out) {
      rs.add(o.result());
    }
    return rs;
  }

  /** A point's result and the warnings its lenient reading gave. */
  record Outcome(PointResult result, List<String> warnings) {}

  /** Unit i: point i patched, read, compiled and tested. */
  record Points(List<Point> points, double poiValue, boolean lenient) implements Work<Void, Outcome> {
    @Override
    public Void newWorker() {
      return null;
    }

    @Override
    public Outcome run(Void w, int i) {
      List<String> warnings = new ArrayList<>();
      WorkspaceIO.Strictness s = lenient ? WorkspaceIO.Strictness.pyhf(warnings::add) : WorkspaceIO.Strictness.STRICT;
      return new Outcome(one(points.get(i), poiValue, s), List.copyOf(warnings));
    }

    @Override
    public String name() {
      return "patchset";
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
    HypoTestResult r = InferenceFacade.hypotest(new InferenceProblem(m, data, o, p.source()), poiValue,
        InferenceOptions.asymptotic(TestStatistic.QTILDE)).result();
    double secs = (System.nanoTime() - t0) * 1e-9;
    return new PointResult(p.name(), p.values(), r.cls(), r.clsExpected(), r.clsb(), r.clb(), r.converged(), r.message(), secs);
  }
}
