package io.sumbin.cli;

import io.sumbin.histmodel.infer.toys.ToyCalculator;
import io.sumbin.histmodel.infer.toys.ToyDistributions;
import io.sumbin.histmodel.infer.toys.ToyResult;
import java.util.ArrayList;
import java.util.List;

/** What {@code toys} and {@code merge} share about toy files: the test from a file's merged lines. */
final class ToyFiles {
  private ToyFiles() {}

  /** The test from merged toy lines of one run (obs, sb and b lines); null without an obs line. */
  static ToyDistributions distributions(List<ToyResult> lines, boolean generatorsConverged, String generatorMessage) {
    ToyResult obs = null;
    List<ToyResult> sb = new ArrayList<>();
    List<ToyResult> b = new ArrayList<>();
    for (ToyResult r : lines) {
      switch (r.hypothesis()) {
        case ToyCalculator.OBS -> obs = r;
        case ToyCalculator.SB -> sb.add(r);
        case ToyCalculator.B -> b.add(r);
        default -> { }
      }
    }
    if (obs == null) {
      return null;
    }
    return new ToyDistributions(obs.poiValue(), obs.testStatistic(), obs, sb, b, generatorsConverged, generatorMessage);
  }
}
