package io.sumbin.cli;

import io.sumbin.histmodel.infer.TestStatistic;
import picocli.CommandLine.Option;

/**
 * The options of a Neyman construction on a workspace ({@code belt}, {@code coverage}): the
 * confidence level and the ordering statistic (Feldman–Cousins t̃_μ by default).
 */
public final class NeymanOptions {
  @Option(names = "--cl", paramLabel = "CL", defaultValue = "0.68", converter = Converters.OpenUnit.class,
      description = "confidence level (default ${DEFAULT-VALUE}; 0.6827 for exactly 1σ)")
  double cl;

  @Option(names = "--test-stat", paramLabel = "ttilde|t|qtilde|q", defaultValue = "ttilde",
      description = "ordering statistic (default ${DEFAULT-VALUE}: Feldman-Cousins)")
  TestStatistic testStat;

  /**
   * The confidence level.
   *
   * @return CL in (0, 1)
   */
  public double cl() {
    return cl;
  }

  /**
   * The ordering statistic, refused (exit 2) unless it can order a belt.
   *
   * @param task the command, for the refusal
   * @return t̃_μ, t_μ, q̃_μ or q_μ
   */
  public TestStatistic statistic(String task) {
    return CliSupport.requireStatistic(testStat, task, TestStatistic.TTILDE, TestStatistic.T, TestStatistic.QTILDE, TestStatistic.Q);
  }
}
