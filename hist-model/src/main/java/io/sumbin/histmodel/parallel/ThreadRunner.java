package io.sumbin.histmodel.parallel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs units on threads of this JVM: the calling thread and {@code threads − 1} daemon threads, each
 * with its own worker state, take {@link Work#chunk()} consecutive units at a time from a shared
 * counter. The first exception stops the other threads and is rethrown. Nothing is copied: the work
 * and its models are shared by the threads (they are immutable and thread-safe).
 */
public final class ThreadRunner implements WorkRunner {
  private final int threads;

  /** @param threads threads to use (≥ 1) */
  public ThreadRunner(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be positive, got " + threads);
    }
    this.threads = threads;
  }

  @Override
  public int parallelism() {
    return threads;
  }

  @Override
  public <W, R> List<R> run(Work<W, R> work, int n, ResultSink<? super R> sink) {
    if (n < 0) {
      throw new IllegalArgumentException("number of units must be >= 0, got " + n);
    }
    Object[] out = new Object[n];
    Object lock = new Object();
    forEach(n, work.chunk(), work.name(), work::newWorker, (w, i) -> {
      R r = work.run(w, i);
      out[i] = r;
      synchronized (lock) {
        sink.accept(i, r);
      }
    });
    @SuppressWarnings("unchecked")
    List<R> l = (List<R>) new ArrayList<>(Arrays.asList(out));
    return l;
  }

  /** A unit run on worker state. */
  interface Task<W> {
    void run(W worker, int unit);
  }

  private <W> void forEach(int n, int chunk, String name, java.util.function.Supplier<W> newWorker, Task<W> task) {
    int c = Math.max(chunk, 1);
    int nt = Math.max(1, Math.min(threads, (n + c - 1) / c));
    AtomicInteger next = new AtomicInteger();
    AtomicReference<Throwable> error = new AtomicReference<>();
    Runnable body = () -> {
      W w;
      try {
        w = newWorker.get();
      } catch (Throwable t) {
        error.compareAndSet(null, t);
        return;
      }
      while (error.get() == null) {
        int start = next.getAndAdd(c);
        if (start >= n) {
          break;
        }
        int end = Math.min(n, start + c);
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
        ts[t] = new Thread(body, "sumbin-" + name + "-" + (t + 1));
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
      throw new IllegalStateException(name + " interrupted: " + t, t);
    }
  }

  @Override
  public String toString() {
    return "threads(" + threads + ")";
  }
}
