package io.sumbin.histmodel.infer.toys;

import io.sumbin.histmodel.parallel.ResultSink;
import io.sumbin.histmodel.parallel.Work;
import io.sumbin.histmodel.parallel.WorkRunner;
import io.sumbin.histmodel.util.RecordText;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs the toys of several ensembles through a {@link WorkRunner} — by default on this JVM's threads,
 * each with its own {@link ToyWorker} (its own fitters and scratch), toys handed out four at a time.
 * A toy's result depends only on (seed, ensemble, index), so the results are the same for any runner,
 * any number of threads or machines, any shard layout and any interruption/resume history.
 */
public final class ToyRunner {
  /** Toys a thread takes at a time (a toy fit takes about a millisecond). */
  static final int CHUNK = 4;

  private ToyRunner() {}

  /** Receives results as they are produced (one call at a time). */
  @FunctionalInterface
  public interface Sink {
    void accept(ToyResult r);
  }

  /** All toys of the ensembles in the settings' shard on the settings' threads; results per ensemble in index order. */
  public static List<List<ToyResult>> run(List<ToyEnsemble> ensembles, ToySettings settings) {
    return run(ensembles, settings, Set.of(), r -> {});
  }

  /** {@link #run(List, ToySettings, WorkRunner, Set, Sink)} on the settings' threads. */
  public static List<List<ToyResult>> run(List<ToyEnsemble> ensembles, ToySettings settings, Set<ToyResult.Key> done,
      Sink sink) {
    return run(ensembles, settings, WorkRunner.threads(settings.threads()), done, sink);
  }

  /**
   * Runs the toys 0..ntoys−1 of every ensemble that belong to the shard and are not in
   * {@code done}, passing each result to {@code sink} as soon as the runner has it (e.g. a
   * {@link ToyJournal}).
   *
   * @param runner where the toys run ({@link ToySettings#threads()} is not used)
   * @param done toys to skip (already computed, e.g. read back from an interrupted run's file)
   * @return the newly computed results per ensemble, in index order
   */
  public static List<List<ToyResult>> run(List<ToyEnsemble> ensembles, ToySettings settings, WorkRunner runner,
      Set<ToyResult.Key> done, Sink sink) {
    int ne = ensembles.size();
    int n = settings.ntoys();
    long[] jobs = new long[Math.multiplyExact(ne, settings.shard().count(n))];
    int nj = 0;
    for (int e = 0; e < ne; e++) {
      ToyEnsemble en = ensembles.get(e);
      for (int i = 0; i < n; i++) {
        if (settings.shard().contains(i) && !done.contains(new ToyResult.Key(en.hypothesis(), en.poiValue(), i))) {
          jobs[nj++] = ((long) e << 32) | i;
        }
      }
    }
    long[] js = nj == jobs.length ? jobs : java.util.Arrays.copyOf(jobs, nj);
    ResultSink<ToyResult> s = (unit, r) -> sink.accept(r);
    List<ToyResult> results = runner.run(new Toys(List.copyOf(ensembles), settings.seed(), settings.robustFits(), js), nj, s);
    List<List<ToyResult>> out = new ArrayList<>(ne);
    for (int e = 0; e < ne; e++) {
      out.add(new ArrayList<>());
    }
    for (int j = 0; j < nj; j++) {
      out.get((int) (js[j] >>> 32)).add(results.get(j));
    }
    return out;
  }

  /**
   * Toys as units: unit j is toy {@code (int) jobs[j]} of ensemble {@code jobs[j] >>> 32}.
   *
   * @param jobs (ensemble &lt;&lt; 32 | index) per unit (read)
   */
  record Toys(List<ToyEnsemble> ensembles, long seed, boolean robust, long[] jobs) implements Work<ToyWorker, ToyResult> {
    @Override
    public String toString() {
      return RecordText.of(this);
    }

    @Override
    public ToyWorker newWorker() {
      return new ToyWorker();
    }

    @Override
    public ToyResult run(ToyWorker w, int unit) {
      return w.run(ensembles.get((int) (jobs[unit] >>> 32)), seed, (int) jobs[unit], robust);
    }

    @Override
    public int chunk() {
      return CHUNK;
    }

    @Override
    public String name() {
      return "toys";
    }
  }
}
