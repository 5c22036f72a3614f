package io.sumbin.eft.study;

import io.sumbin.binning.BinningStrategy;
import io.sumbin.eft.FisherInformation;
import io.sumbin.histmodel.family.FamilyPoint;
import io.sumbin.histmodel.family.FamilyScan;
import io.sumbin.histmodel.family.ModelFamily;
import io.sumbin.histmodel.infer.ProfileLikelihood;
import io.sumbin.histmodel.infer.toys.Shard;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleFunction;
import java.util.function.Function;

/**
 * Batch Asimov sensitivity study: for every cell of a {@link StudyDefinition}'s grid (observable ×
 * binning strategy × staterror × luminosity × bins), the expected 68%/95% intervals of one
 * coefficient θ from Asimov data at the truth θ_A, and the Fisher information of the binned model and of
 * the events (unbinned) with their jackknife errors ({@link AsimovScans#information}).
 *
 * <p>Per cell: a {@link ModelFamily} over the scan points θ′ — for the optimal observable each point
 * bins its own O_θ′(x) with the cell's strategy, for a plain column one binning serves all points
 * ({@link AsimovScans#family}) — gets Asimov data at θ_A ({@link ModelFamily#asimov}) and is
 * scanned: t(θ′) = −2 ln[L_θ′(θ′)/L_θ′(θ̂)] inside point θ′'s model. Interval edges are solved on
 * local parabolas through the grid ({@link io.sumbin.histmodel.family.ModelFamily#acceptance}). The scan range is fixed or
 * adaptive (θ_A ± sigmas/√I_bin, widened while the 95% region is open, then refined,
 * {@link AsimovScans#adaptive}). Since an Asimov scan of a binned model has t(θ′) ≈ I_bin (θ′ − θ_A)²,
 * the 68% width is ≈ 2/√I_bin ≥ 2/√I_unbinned (Cramér–Rao; the binned information never exceeds
 * the per-event one), with equality approached as the bins of the optimal observable get finer.
 * Asimov data and the asymptotic (Wilks) thresholds t = 1 and 3.84 follow Cowan, Cranmer, Gross,
 * Vitells, arXiv:1007.1727; the per-point optimal observable is the likelihood ratio r(x|θ′) of
 * the parton-level weights (Neyman–Pearson; cf. MadMiner, arXiv:1805.00020).
 *
 * <p>Cells run in parallel (each scan on one thread) when there are at least as many cells as
 * threads; otherwise cells run one after another with the points of each scan in parallel. Results
 * do not depend on the number of threads or on sharding. Failures inside a cell (a binning that
 * cannot meet its min-mcstat threshold, fits that do not converge) are reported in the cell's row
 * ({@code converged = false}, {@code message}), never as silent numbers.
 */
public final class BinningStudy {
  private BinningStudy() {}

  /** Told after every finished cell (from worker threads, serialised). */
  @FunctionalInterface
  public interface Listener {
    void cellDone(int done, int total, StudyRow row);
  }

  /**
   * Runs the cells of one shard ({@link #cellIndices}).
   *
   * @param threads worker threads (≥ 1)
   * @param listener progress, or null
   * @return the rows in cell order
   */
  public static List<StudyRow> run(StudyEvents events, Shard shard, int threads, Listener listener) {
    return run(events, cellIndices(events.study(), shard), threads, listener);
  }

  /** The indices of the cells of a shard: i with i mod N = K − 1, ascending. */
  public static List<Integer> cellIndices(StudyDefinition study, Shard shard) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < study.grid().size(); i++) {
      if (shard.contains(i)) {
        out.add(i);
      }
    }
    return out;
  }

  /**
   * Runs a list of independent cells: the entry point of any runner. A cell's row is a pure function
   * of the study definition and the cell index (the events are built once from the definition and its
   * seed, see {@link StudyEvents#load}; a cell draws no random numbers), so cells may run anywhere, in
   * any order, and their rows be joined by index ({@link StudyFiles#result}); only
   * {@link StudyRow#wallSeconds} differs between runs.
   *
   * @param indices cell indices ({@code 0 ≤ i < grid size}; read)
   * @param threads worker threads (≥ 1)
   * @param listener progress, or null
   * @return the rows in the order of {@code indices}
   */
  public static List<StudyRow> run(StudyEvents events, List<Integer> indices, int threads, Listener listener) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    List<StudyDefinition.Cell> all = events.study().cells();
    List<StudyDefinition.Cell> cells = new ArrayList<>(indices.size());
    for (int i : indices) {
      if (i < 0 || i >= all.size()) {
        throw new IllegalArgumentException("cell " + i + " outside 0.." + (all.size() - 1));
      }
      cells.add(all.get(i));
    }
    int n = cells.size();
    StudyRow[] rows = new StudyRow[n];
    AtomicInteger done = new AtomicInteger();
    Object lock = new Object();
    int parallelCells = Math.min(threads, n);
    int inner = parallelCells <= 1 ? threads : Math.max(1, threads / parallelCells);
    if (parallelCells <= 1) {
      for (int i = 0; i < n; i++) {
        rows[i] = runCell(events, cells.get(i), inner);
        if (listener != null) {
          listener.cellDone(done.incrementAndGet(), n, rows[i]);
        }
      }
      return List.of(rows);
    }
    ExecutorService ex = Executors.newFixedThreadPool(parallelCells, r -> {
      Thread t = new Thread(r, "sumbin-study");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> fs = new ArrayList<>();
      AtomicInteger next = new AtomicInteger();
      for (int w = 0; w < parallelCells; w++) {
        fs.add(ex.submit(() -> {
          for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
            rows[i] = runCell(events, cells.get(i), inner);
            if (listener != null) {
              synchronized (lock) {
                listener.cellDone(done.incrementAndGet(), n, rows[i]);
              }
            }
          }
          return null;
        }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("study interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      ex.shutdownNow();
    }
    return List.of(rows);
  }

  /** The row of cell {@code index} (see {@link #run(StudyEvents, List, int, Listener)}). */
  public static StudyRow runCell(StudyEvents ev, int index, int threads) {
    return runCell(ev, ev.study().cells().get(index), threads);
  }

  /** How the models of a cell are built (default POI bounds). */
  static AsimovScans.Recipe recipe(StudyEvents ev, StudyDefinition.Cell cell) {
    StudyDefinition.ObservableSpec o = cell.observable();
    Function<double[], double[]> obs;
    if (o.perPoint()) {
      obs = ev.optimal();
    } else {
      double[] col = ev.column(o.name());
      obs = c -> col;
    }
    BinningStrategy strategy = cell.strategy().strategy(cell.bins(), o.lo(), o.hi());
    AsimovScans.Recipe.Builder b = AsimovScans.Recipe.builder(ev.quadratics(), ev.coefficient()).observable(obs, o.perPoint())
        .referenceWeights(ev.referenceWeights(ev.study().reference(), ev.study().truth())).strategy(strategy)
        .luminosity(ev.luminosity(cell.luminosity()));
    return cell.mcstat() ? b.staterror("mcstat").build() : b.build();
  }

  /** Builds the family of the cell, scans it and records the row. */
  public static StudyRow runCell(StudyEvents ev, StudyDefinition.Cell cell, int threads) {
    long t0 = System.nanoTime();
    StudyDefinition def = ev.study();
    double truth = def.truth();
    double lumi = ev.luminosity(cell.luminosity());
    double expected = lumi * ev.crossSection(truth);
    FisherInformation.Estimate fu = ev.unbinnedFisher(truth, cell.luminosity());
    double fa = ev.analyticFisher(truth, cell.luminosity());
    int n = def.scan().points();
    AsimovScans.Recipe recipe;
    FisherInformation.Estimate fb;
    try {
      recipe = recipe(ev, cell);
      fb = AsimovScans.information(recipe, truth, ev.independentEvents());
    } catch (IllegalArgumentException e) {
      return StudyRow.builder(cell).expectedEvents(expected).fisherUnbinned(fu.value(), fu.error()).fisherAnalytic(fa)
          .message("error: " + e.getMessage()).wallSeconds(seconds(t0)).build();
    }
    ModelFamily[] last = new ModelFamily[1];
    AsimovScans.Recipe r = recipe;
    DoubleFunction<FamilyScan> scanOn = half -> {
      double reach = Math.max(10 * half, 1e3);
      double[] grid = AsimovScans.grid(truth, half, n);
      ModelFamily f = AsimovScans.family(r.withBounds(truth - reach, truth + reach), grid, truth).asimov(new double[] {truth});
      last[0] = f;
      return f.scan(threads);
    };
    FamilyScan scan;
    int passes;
    double[] range;
    try {
      if (def.scan().adaptive()) {
        double info = fb.value() > 0 ? fb.value() : fu.value();
        double start = info > 0 && Double.isFinite(info) ? def.scan().sigmas() / Math.sqrt(info) : 1.0;
        AsimovScans.Adaptive a = AsimovScans.adaptive(truth, start, scanOn);
        scan = a.scan();
        passes = a.passes();
        range = new double[] {truth - a.half(), truth + a.half()};
      } else {
        range = def.scan().range();
        double[] grid = new double[n];
        for (int p = 0; p < n; p++) {
          grid[p] = (range[0] * (n - 1 - p) + range[1] * p) / (n - 1);
        }
        double reach = Math.max(10 * (range[1] - range[0]), 1e3);
        ModelFamily f = AsimovScans.family(recipe.withBounds(range[0] - reach, range[1] + reach), grid, truth)
            .asimov(new double[] {truth});
        last[0] = f;
        scan = f.scan(threads);
        passes = 1;
      }
    } catch (IllegalArgumentException e) {
      return StudyRow.builder(cell).expectedEvents(expected).fisherBinned(fb.value(), fb.error())
          .fisherUnbinned(fu.value(), fu.error()).fisherAnalytic(fa).message("error: " + e.getMessage()).wallSeconds(seconds(t0))
          .build();
    }
    double[] x = new double[scan.t().length];
    for (int p = 0; p < x.length; p++) {
      x[p] = scan.theta()[p][0];
    }
    double[] t = scan.t();
    double l68 = ProfileLikelihood.DELTA_68_1D;
    double l95 = ProfileLikelihood.DELTA_95_1D;
    double[] i68 = ModelFamily.acceptance(x, t, l68);
    double[] i95 = ModelFamily.acceptance(x, t, l95);
    int bmin = Integer.MAX_VALUE;
    int bmax = 0;
    for (FamilyPoint p : last[0].points()) {
      bmin = Math.min(bmin, p.model().nMain());
      bmax = Math.max(bmax, p.model().nMain());
    }
    boolean d68 = AsimovScans.disjoint(x, t, i68, l68);
    boolean d95 = AsimovScans.disjoint(x, t, i95, l95);
    List<String> notes = new ArrayList<>();
    if (!scan.converged()) {
      notes.add("fits did not converge: " + scan.message());
    }
    open(notes, "68%", i68);
    open(notes, "95%", i95);
    if (d68 || d95) {
      notes.add("the " + (d68 ? "68%" : "95%") + " region has further points outside the interval around the best point");
    }
    String message = notes.isEmpty() ? "ok" : String.join("; ", notes);
    return StudyRow.builder(cell).bins(bmin, bmax).expectedEvents(expected).intervals(i68, i95)
        .fisherBinned(fb.value(), fb.error()).fisherUnbinned(fu.value(), fu.error()).fisherAnalytic(fa).scan(range, n, passes)
        .converged(scan.converged()).disjoint(d68, d95).message(message).wallSeconds(seconds(t0)).build();
  }

  private static void open(List<String> notes, String what, double[] iv) {
    if (Double.isNaN(iv[0]) && Double.isNaN(iv[1])) {
      notes.add(what + " interval not found on the scan grid");
    } else if (Double.isNaN(iv[0]) || Double.isNaN(iv[1])) {
      notes.add(what + " interval open at the " + (Double.isNaN(iv[0]) ? "lower" : "upper") + " end of the scan range");
    }
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) * 1e-9;
  }

  /** Whether every row converged. */
  public static boolean allConverged(List<StudyRow> rows) {
    return rows.stream().allMatch(StudyRow::converged);
  }
}
