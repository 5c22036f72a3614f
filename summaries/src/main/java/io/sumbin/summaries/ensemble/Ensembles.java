package io.sumbin.summaries.ensemble;

import io.sumbin.summaries.SavedModel;
import io.sumbin.summaries.TrainingHistory;
import io.sumbin.summaries.TrainingSettings;
import io.sumbin.summaries.nn.Djl;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Deep ensembles (Lakshminarayanan, Pritzel, Blundell, arXiv:1612.01474): M networks of the same method
 * trained from different seeds (initial weights, split, shuffling and parameter draws); the ensemble mean
 * is the estimate and the spread across members a measure of the training uncertainty. Members train in
 * parallel on separate threads, each with its own native memory and one intra-op thread, so that the
 * result does not depend on the number of threads.
 *
 * <pre>{@code
 * try (EnsembleModel e = Ensembles.train(5, 2, TrainingSettings.DEFAULT,
 *         s -> RatioClassifier.train(x, weights, prior, theta0, RatioLoss.ALICE, s))) {
 *   EnsembleModel.Prediction p = e.logRatioWithSpread(x, theta);   // mean and standard deviation
 * }
 * }</pre>
 */
public final class Ensembles {
  private Ensembles() {}

  /** The seed of member k for an ensemble seeded with {@code seed}. */
  public static long memberSeed(long seed, int k) {
    return new SplittableRandom(seed + 0x9E3779B97F4A7C15L * (k + 1)).nextLong();
  }

  /**
   * An ensemble of members trained elsewhere (e.g. the folds of a cross-validation), of one method and one
   * input list; the ensemble owns them (closing it closes them).
   */
  public static EnsembleModel of(List<? extends SavedModel> members, TrainingSettings settings) {
    if (members.size() < 2) {
      throw new IllegalArgumentException("an ensemble needs at least 2 members, got " + members.size());
    }
    return new EnsembleModel(new java.util.ArrayList<>(members), settings);
  }

  /**
   * Trains M members.
   *
   * @param members M ≥ 2
   * @param threads parallel trainings (≥ 1)
   * @param settings settings of every member; member k uses {@link #memberSeed}(settings.seed(), k) and no
   *     progress of their own; with progress on, the ensemble is one task of M "members" on the settings'
   *     {@link TrainingSettings#progressListener()}, noted with each finished member's epochs and loss
   * @param trainer trains one member from its settings (called on worker threads)
   */
  public static EnsembleModel train(int members, int threads, TrainingSettings settings,
      Function<TrainingSettings, ? extends SavedModel> trainer) {
    if (members < 2) {
      throw new IllegalArgumentException("an ensemble needs at least 2 members, got " + members);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    Djl.configure();
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, members), r -> {
      Thread t = new Thread(r, "sumbin-ensemble");
      t.setDaemon(true);
      return t;
    });
    List<Future<SavedModel>> futures = new ArrayList<>();
    io.sumbin.histmodel.progress.ProgressListener progress = settings.progressListener();
    progress.start("ensemble", members, "members");
    try {
      for (int k = 0; k < members; k++) {
        int member = k;
        TrainingSettings s = settings.withSeed(memberSeed(settings.seed(), k)).withProgress(false);
        futures.add(pool.submit(() -> {
          SavedModel m = trainer.apply(s);
          TrainingHistory h = m.info().history();
          progress.advance(1, String.format(Locale.ROOT, "member %d (%s) done%s", member + 1, m.method(),
              h == null ? "" : String.format(Locale.ROOT, ": %d epochs, loss %.5g, %.1f s", h.epochs(), h.bestLoss(), h.seconds())));
          return m;
        }));
      }
      List<SavedModel> out = new ArrayList<>();
      RuntimeException failure = null;
      for (Future<SavedModel> f : futures) {
        try {
          out.add(f.get());
        } catch (ExecutionException e) {
          Throwable c = e.getCause();
          if (failure == null) {
            failure = c instanceof RuntimeException r ? r : new IllegalStateException("ensemble member failed: " + c, c);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          failure = new IllegalStateException("interrupted while training the ensemble", e);
          break;
        }
      }
      if (failure != null) {
        out.forEach(SavedModel::close);
        throw failure;
      }
      return new EnsembleModel(out, settings);
    } finally {
      progress.done();
      pool.shutdownNow();
    }
  }
}
