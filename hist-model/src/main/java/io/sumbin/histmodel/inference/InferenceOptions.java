package io.sumbin.histmodel.inference;

import io.sumbin.histmodel.BadInputException;
import io.sumbin.histmodel.infer.TestStatistic;
import io.sumbin.histmodel.infer.toys.Shard;
import io.sumbin.histmodel.infer.toys.ToySettings;
import io.sumbin.histmodel.parallel.WorkRunner;
import java.util.ArrayList;
import java.util.List;

/**
 * How a hypothesis is tested: the profile-likelihood-ratio statistic (q̃_μ, q_μ, t̃_μ, t_μ or q₀ of
 * Cowan, Cranmer, Gross and Vitells, arXiv:1007.1727), the calculator that gives its distribution
 * (the asymptotic formulae of the same paper, or pseudo-experiments), the toy settings (toys per
 * hypothesis, seed, threads, shard, robust fits) and the runner that executes the toys (threads or
 * a distributed engine; results do not depend on it). Immutable; change with the {@code withX}
 * copies.
 *
 * @param runner null: the toys run on {@code toys.threads()} threads of this JVM
 */
public record InferenceOptions(TestStatistic statistic, Calculator calculator, ToySettings toys, WorkRunner runner) {
  /** The calculators. */
  public enum Calculator {
    /** Asymptotic formulae (Asimov dataset of the alternative, arXiv:1007.1727 §3–4). */
    ASYMPTOTIC,
    /** Pseudo-experiments thrown from the conditional fits to the observed data. */
    TOYS
  }

  /** The toy settings of {@link #asymptotic}: 1000 toys, seed 1, one thread, all toys, single-start fits. */
  public static final ToySettings DEFAULT_TOYS = new ToySettings(1000, 1, 1, Shard.ALL, false);

  public InferenceOptions {
    if (statistic == null || calculator == null || toys == null) {
      throw new IllegalArgumentException("statistic, calculator and toys are required");
    }
  }

  /** The asymptotic calculator with statistic {@code ts}. */
  public static InferenceOptions asymptotic(TestStatistic ts) {
    return new InferenceOptions(ts, Calculator.ASYMPTOTIC, DEFAULT_TOYS, null);
  }

  /** The toy calculator with statistic {@code ts} and these toys. */
  public static InferenceOptions toys(TestStatistic ts, ToySettings toys) {
    return new InferenceOptions(ts, Calculator.TOYS, toys, null);
  }

  public InferenceOptions withStatistic(TestStatistic s) {
    return new InferenceOptions(s, calculator, toys, runner);
  }

  public InferenceOptions withCalculator(Calculator c) {
    return new InferenceOptions(statistic, c, toys, runner);
  }

  public InferenceOptions withToys(ToySettings t) {
    return new InferenceOptions(statistic, calculator, t, runner);
  }

  public InferenceOptions withRunner(WorkRunner r) {
    return new InferenceOptions(statistic, calculator, toys, r);
  }

  /** The runner of the toys: the given one, else {@code toys.threads()} threads. */
  public WorkRunner runnerOrThreads() {
    return runner != null ? runner : WorkRunner.threads(toys.threads());
  }

  /**
   * Refuses a statistic the task cannot use, with one line naming the option, the task, the ones it
   * can use and why (the discovery statistic tests only μ = 0; the two-sided ones order belts; the
   * one-sided ones are for upper limits).
   *
   * @param option how the statistic was given ({@code --test-stat})
   */
  public static TestStatistic requireStatistic(TestStatistic ts, String option, String task, TestStatistic... allowed) {
    for (TestStatistic a : allowed) {
      if (a == ts) {
        return ts;
      }
    }
    List<String> names = new ArrayList<>();
    for (TestStatistic a : allowed) {
      names.add(a.pyhfName());
    }
    String why = ts.purpose();
    throw new BadInputException(option + " " + ts.pyhfName() + ": " + task + " uses " + String.join(", ", names) + " (" + why + ")");
  }
}
