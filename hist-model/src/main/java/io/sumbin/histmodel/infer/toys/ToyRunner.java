package io.sumbin.histmodel.infer.toys;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs the toys of several ensembles on all cores. Each worker thread owns a {@link ToyWorker}
 * (its own fitters and scratch); toys are handed out in small chunks from a shared counter. A toy's
 * result depends only on (seed, ensemble, index), so the results are the same for any number of
 * threads, any shard layout and any interruption/resume history.
 */
public final class ToyRunner {
  private static final int CHUNK = 4;

  private ToyRunner() {}

  /** Receives results as they are produced (called from worker threads, one call at a time). */
  @FunctionalInterface
  public interface Sink {
    void accept(ToyResult r);
  }

  /** All toys of the ensembles in the settings' shard; results per ensemble in index order. */
  public static List<List<ToyResult>> run(List<ToyEnsemble> ensembles, ToySettings settings) {
    return run(ensembles, settings, Set.of(), r -> {});
  }

  /**
   * Runs the toys 0..ntoys−1 of every ensemble that belong to the shard and are not in
   * {@code done}, passing each result to {@code sink} as soon as it exists (e.g. a
   * {@link ToyJournal}).
   *
   * @param done toys to skip (already computed, e.g. read back from an interrupted run's file)
   * @return the newly computed results per ensemble, in index order
   */
  public static List<List<ToyResult>> run(List<ToyEnsemble> ensembles, ToySettings settings, Set<ToyResult.Key> done,
      Sink sink) {
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
    ToyResult[] results = new ToyResult[nj];
    forEach(nj, settings.threads(), CHUNK, ToyWorker::new, (worker, j) -> {
      int e = (int) (jobs[j] >>> 32);
      int i = (int) jobs[j];
      ToyResult r = worker.run(ensembles.get(e), settings.seed(), i, settings.robustFits());
      results[j] = r;
      synchronized (sink) {
        sink.accept(r);
      }
    });
    List<List<ToyResult>> out = new ArrayList<>(ne);
    for (int e = 0; e < ne; e++) {
      out.add(new ArrayList<>());
    }
    for (int j = 0; j < nj; j++) {
      out.get((int) (jobs[j] >>> 32)).add(results[j]);
    }
    return out;
  }

  /** A task run on a worker-local state. */
  @FunctionalInterface
  public interface Task<W> {
    void run(W worker, int job);
  }

  /**
   * Runs jobs 0..n−1 on {@code threads} threads, each with its own worker state from
   * {@code newWorker}; jobs are handed out in chunks of {@code chunk}. The first exception thrown
   * by a job stops the other threads and is rethrown (unchecked exceptions as they are).
   */
  public static <W> void forEach(int n, int threads, int chunk, java.util.function.Supplier<W> newWorker, Task<W> task) {
    int nt = Math.max(1, Math.min(threads, (n + chunk - 1) / Math.max(chunk, 1)));
    AtomicInteger next = new AtomicInteger();
    AtomicReference<Throwable> error = new AtomicReference<>();
    Runnable body = () -> {
      W w = newWorker.get();
      while (error.get() == null) {
        int start = next.getAndAdd(chunk);
        if (start >= n) {
          break;
        }
        int end = Math.min(n, start + chunk);
        for (int j = start; j < end && error.get() == null; j++) {
          try {
            task.run(w, j);
          } catch (Throwable t) {
            error.compareAndSet(null, t);
          }
        }
      }
    };
    if (nt == 1) {
      body.run();
    } else {
      Thread[] ts = new Thread[nt - 1];
      for (int t = 0; t < ts.length; t++) {
        ts[t] = new Thread(body, "sumbin-toys-" + (t + 1));
        ts[t].setDaemon(true);
        ts[t].start();
      }
      body.run();
      boolean interrupted = false;
      for (Thread t : ts) {
        while (true) {
          try {
            t.join();
            break;
          } catch (InterruptedException ie) {
            interrupted = true;
            error.compareAndSet(null, ie);
          }
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    Throwable t = error.get();
    if (t instanceof RuntimeException re) {
      throw re;
    }
    if (t instanceof Error er) {
      throw er;
    }
    if (t != null) {
      throw new IllegalStateException("toy run interrupted: " + t, t);
    }
  }
}
