package org.example;

import io.sumbin.binning.BinningStrategy;
import io.sumbin.eft.EftAnalysis;
import io.sumbin.eft.EftEvents;
import io.sumbin.eft.EftObservable;
import io.sumbin.histmodel.family.FamilyScan;
import java.nio.file.Path;
import java.util.List;

/**
 * The README's EFT tour without networks (truth-optimal observable, quantile binning, luminosity and MC
 * statistics) on a classpath without DJL: prints "interval68=lo hi" of cHW at 300 fb⁻¹.
 */
public final class EftFit {
  private EftFit() {}

  /**
   * Entry point.
   *
   * @param args the three VBF LHE files
   */
  public static void main(String[] args) {
    EftEvents events = EftEvents.fromLhe(List.of(Path.of(args[0]), Path.of(args[1]), Path.of(args[2])));
    EftAnalysis a = EftAnalysis.builder(events)
        .luminosityFb(300)
        .observable(EftObservable.truthOptimal())
        .binning(BinningStrategy.quantile(10))
        .normalization("lumi", 0.017)
        .mcStat(true)
        .build();
    FamilyScan s = a.scan("cHW", -0.04, 0.04, 41);
    System.out.printf("converged=%b interval68=%.5f %.5f%n", s.converged(), s.interval68()[0], s.interval68()[1]);
  }
}
