package io.sumbin.examples.cli;

import io.sumbin.histmodel.fit.FitOptions;
import io.sumbin.histmodel.infer.HypoTestResult;
import io.sumbin.histmodel.infer.TestStatistic;
import java.nio.file.Path;

/** Toy-based hypothesis test for {@code hypotest --calc toys} (filled in by the toys work). */
final class ToyHypotest {
  private ToyHypotest() {}

  static HypoTestResult run(CliSupport.Loaded l, FitOptions o, TestStatistic ts, double mu, int ntoys, long seed,
      int threads, Path plot, boolean json) {
    throw new UserError("--calc toys is not available yet");
  }
}
