package io.sumbin.testsupport;

import io.sumbin.histmodel.parallel.Portable;
import io.sumbin.histmodel.parallel.ResultSink;
import io.sumbin.histmodel.parallel.Work;
import io.sumbin.histmodel.parallel.WorkRunner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A stand-in for a distributed runner, for tests: the work is serialized once ({@link Portable}),
 * every block of units runs on a fresh copy of it (as on a new executor), last block first, and each
 * block's results travel back through {@link Portable} too. Whatever it returns equals the threads
 * runner's results exactly when the work is portable and its units depend on nothing but the index.
 */
public final class CopyingRunner implements WorkRunner {
  private final int block;
  private int copies;

  /** @param block units per block (per fresh copy of the work) */
  public CopyingRunner(int block) {
    this.block = block;
  }

  /** How many copies of work were deserialized so far. */
  public int copies() {
    return copies;
  }

  @Override
  public <W, R> List<R> run(Work<W, R> work, int n, ResultSink<? super R> sink) {
    byte[] sent = Portable.toBytes(work);
    Object[] out = new Object[n];
    int blocks = (n + block - 1) / block;
    for (int b = blocks - 1; b >= 0; b--) {
      @SuppressWarnings("unchecked")
      Work<W, R> copy = (Work<W, R>) Portable.fromBytes(sent);
      copies++;
      W w = copy.newWorker();
      List<R> rs = new ArrayList<>();
      int start = b * block;
      int end = Math.min(n, start + block);
      for (int i = start; i < end; i++) {
        rs.add(copy.run(w, i));
      }
      @SuppressWarnings("unchecked")
      List<R> back = (List<R>) Portable.copy(rs);
      for (int i = start; i < end; i++) {
        out[i] = back.get(i - start);
        sink.accept(i, back.get(i - start));
      }
    }
    @SuppressWarnings("unchecked")
    List<R> l = (List<R>) new ArrayList<>(Arrays.asList(out));
    return l;
  }

  @Override
  public int parallelism() {
    return 1;
  }

  @Override
  public boolean local() {
    return false;
  }
}
