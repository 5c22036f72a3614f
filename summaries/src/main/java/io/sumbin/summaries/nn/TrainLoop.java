package io.sumbin.summaries.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import io.sumbin.summaries.TrainingHistory;
import io.sumbin.summaries.TrainingSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The shared mini-batch training loop: Adam, per-epoch reshuffling, validation after every epoch,
 * early stopping with the best weights restored, a progress bar. Each batch runs in its own
 * sub-manager so that no intermediate array outlives its step.
 */
public final class TrainLoop {
  /** Patience criterion: a validation loss counts as better only below best·(1 − this). */
  static final double MIN_RELATIVE_IMPROVEMENT = 1e-6;

  /** What a method supplies to the loop. */
  public interface Task {
    /** Training examples per epoch. */
    int trainSize();

    /** Validation examples (0: none). */
    int validationSize();

    /** Draws the epoch's random ingredients (parameter points, pairings) of the training examples. */
    void newEpoch(SplittableRandom rng);

    /**
     * Mean loss of examples {@code order[from..to)} of the training or validation set, as a scalar
     * array attached to {@code bm} (recorded for autograd when grad mode is on).
     */
    NDArray loss(NDManager bm, boolean validation, int[] order, int from, int to);

    /** The networks being trained. */
    List<Mlp> networks();

    /** Releases what the task kept on the engine for the training (called once, when the loop ends). */
    default void finish() {}
  }

  private TrainLoop() {}

  /**
   * Trains until the epoch budget, the patience criterion or a non-finite loss stops it.
   *
   * @param manager parent manager of the batch sub-managers
   * @param rng the run's generator (consumed)
   */
  public static TrainingHistory run(NDManager manager, Task task, TrainingSettings s, SplittableRandom rng, String label) {
    return run(manager, task, s, rng, label, null);
  }

  /**
   * Trains like {@link #run(NDManager, Task, TrainingSettings, SplittableRandom, String)}, but when
   * {@code metric} is not null the kept epoch and the patience criterion follow the metric (higher is better,
   * computed after every epoch on the current weights) instead of the validation loss: select and stop on
   * the quantity the user cares about, not on a proxy loss.
   */
  public static TrainingHistory run(NDManager manager, Task task, TrainingSettings s, SplittableRandom rng, String label,
      java.util.function.DoubleSupplier metric) {
    try {
      return train(manager, task, s, rng, label, metric);
    } finally {
      task.finish();
    }
  }

  private static TrainingHistory train(NDManager manager, Task task, TrainingSettings s, SplittableRandom rng, String label,
      java.util.function.DoubleSupplier metric) {
    // one flat parameter array per network: one fused Adam call per network and step
    List<NDArray> params = new ArrayList<>();
    for (Mlp m : task.networks()) {
      params.add(m.parameters());
    }
    String[] ids = new String[params.size()];
    for (int k = 0; k < ids.length; k++) {
      ids[k] = "network" + k;
    }
    float[] lr = {(float) s.learningRate()};
    Optimizer adam = Optimizer.adam().optLearningRateTracker((id, n) -> lr[0]).build();
    int nTrain = task.trainSize();
    int nVal = task.validationSize();
    if (nTrain < 1) {
      throw new IllegalArgumentException(label + ": no training examples");
    }
    int[] valOrder = new int[nVal];
    for (int i = 0; i < nVal; i++) {
      valOrder[i] = i;
    }
    List<Double> trainLoss = new ArrayList<>();
    List<Double> valLoss = new ArrayList<>();
    List<Double> epochTimes = new ArrayList<>();
    List<Double> metrics = new ArrayList<>();
    double best = Double.POSITIVE_INFINITY;
    int bestEpoch = -1;
    float[][][] bestWeights = null;
    boolean stoppedEarly = false;
    boolean diverged = false;
    Progress progress = new Progress(s.progressListener(), label, s.maxEpochs());
    long t0 = System.nanoTime();
    int[] order = new int[nTrain];
    for (int i = 0; i < nTrain; i++) {
      order[i] = i;
    }
    int batch = Math.min(s.batchSize(), nTrain);
    for (int epoch = 0; epoch < s.maxEpochs(); epoch++) {
      long te = System.nanoTime();
      task.newEpoch(rng.split());
      shuffle(order, rng);
      double sum = 0;
      int seen = 0;
      for (int from = 0; from < nTrain; from += batch) {
        int to = Math.min(nTrain, from + batch);
        double l;
        try (NDManager bm = manager.newSubManager()) {
          Djl.gradMode(true);
          NDArray loss;
          try {
            loss = task.loss(bm, false, order, from, to);
            Djl.backward(loss);
          } finally {
            Djl.gradMode(false);
          }
          for (int k = 0; k < ids.length; k++) {
            NDArray w = params.get(k);
            try (NDArray g = w.getGradient()) {
              adam.update(ids[k], w, g);
            }
          }
          l = loss.getFloat();
        }
        if (!Double.isFinite(l)) {
          diverged = true;
          break;
        }
        sum += l * (to - from);
        seen += to - from;
        progress.batch(epoch, (double) to / nTrain, sum / seen, valLoss.isEmpty() ? Double.NaN : valLoss.get(valLoss.size() - 1),
            best, bestEpoch);
      }
      if (diverged) {
        break;
      }
      double tl = sum / seen;
      double vl = nVal > 0 ? evaluate(manager, task, valOrder, batch) : Double.NaN;
      trainLoss.add(tl);
      valLoss.add(vl);
      epochTimes.add((System.nanoTime() - te) / 1e9);
      double monitored = nVal > 0 ? vl : tl;
      if (!Double.isFinite(monitored)) {
        diverged = true;
        metrics.add(Double.NaN);
        break;
      }
      if (metric != null) {
        // the metric is maximized; −metric is monitored so that the rule below stays one rule
        double mv = metric.getAsDouble();
        metrics.add(mv);
        monitored = Double.isNaN(mv) ? Double.POSITIVE_INFINITY : -mv;
      }
      if (monitored < best - Math.abs(best) * MIN_RELATIVE_IMPROVEMENT || bestEpoch < 0) {
        best = monitored;
        bestEpoch = epoch;
        bestWeights = snapshot(task.networks());
      }
      progress.epoch(epoch, tl, vl, best, bestEpoch);
      if (epoch - bestEpoch >= s.patience()) {
        stoppedEarly = true;
        break;
      }
      lr[0] *= (float) s.learningRateDecay();
    }
    if (bestWeights != null) {
      List<Mlp> nets = task.networks();
      for (int k = 0; k < nets.size(); k++) {
        nets.get(k).restore(bestWeights[k]);
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    TrainingHistory h = new TrainingHistory(toArray(trainLoss), toArray(valLoss), Math.max(0, bestEpoch), stoppedEarly,
        seconds, nTrain, nVal, diverged, toArray(epochTimes), metric == null ? new double[0] : toArray(metrics));
    progress.done(h);
    return h;
  }

  /** Mean validation loss (grad mode off). */
  public static double evaluate(NDManager manager, Task task, int[] order, int batch) {
    double sum = 0;
    for (int from = 0; from < order.length; from += batch) {
      int to = Math.min(order.length, from + batch);
      try (NDManager bm = manager.newSubManager()) {
        Djl.gradMode(false);
        sum += task.loss(bm, true, order, from, to).getFloat() * (double) (to - from);
      }
    }
    return sum / order.length;
  }

  private static float[][][] snapshot(List<Mlp> nets) {
    float[][][] s = new float[nets.size()][][];
    for (int k = 0; k < s.length; k++) {
      s[k] = nets.get(k).snapshot();
    }
    return s;
  }

  private static double[] toArray(List<Double> l) {
    double[] a = new double[l.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = l.get(i);
    }
    return a;
  }

  /** Fisher–Yates shuffle (in place). */
  public static void shuffle(int[] a, SplittableRandom rng) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /**
   * The split with the given validation indices (sorted, checked) and the rest for training.
   *
   * @return {train, validation}
   */
  public static int[][] complement(int n, int[] validation) {
    boolean[] v = new boolean[n];
    for (int i : validation) {
      if (i < 0 || i >= n || v[i]) {
        throw new IllegalArgumentException("validation index " + i + " is out of range or repeated (" + n + " events)");
      }
      v[i] = true;
    }
    int[] val = validation.clone();
    java.util.Arrays.sort(val);
    int[] train = new int[n - val.length];
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (!v[i]) {
        train[k++] = i;
      }
    }
    if (train.length == 0) {
      throw new IllegalArgumentException("no training events left beside " + val.length + " validation events");
    }
    return new int[][] {train, val};
  }

  /**
   * Seeded split of n events into training and validation indices.
   *
   * @return {train, validation}
   */
  public static int[][] split(int n, double validationFraction, SplittableRandom rng) {
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    shuffle(all, rng);
    int nVal = (int) Math.round(n * validationFraction);
    if (validationFraction > 0 && nVal == 0 && n > 1) {
      nVal = 1;
    }
    int[] val = java.util.Arrays.copyOfRange(all, 0, nVal);
    int[] train = java.util.Arrays.copyOfRange(all, nVal, n);
    java.util.Arrays.sort(val);
    java.util.Arrays.sort(train);
    return new int[][] {train, val};
  }
}
