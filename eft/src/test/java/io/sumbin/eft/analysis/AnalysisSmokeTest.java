package io.sumbin.eft.analysis;

import io.sumbin.eft.analysis.AnalysisSpec.*;
import io.sumbin.testsupport.SharedData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnalysisSmokeTest {
  @Test
  void smoke() {
    var v1 = SharedData.lhe("smeftsim_VBFH-1.lhe.gz");
    var v2 = SharedData.lhe("smeftsim_VBFH-2.lhe.gz");
    var dy = SharedData.lhe("dy1j.lhe.gz");
    AnalysisSpec s = AnalysisSpec.builder().luminosity(300).parameter("cHWB", -1, 1).parameter("cHDD", -3, 3)
        .process("vbfh", EftMode.QUADRATIC, 1, v1).process("bkg", EftMode.NONE, 2, v2).process("dy", EftMode.LINEAR, 1, dy)
        .region(new Region("vbf", List.of("vbfh", "bkg"), "m_jj > 300", Observable.truth(), 6))
        .region(new Region("dy", List.of("dy"), null, Observable.column("m_ll"), 6))
        .systematic(Systematic.normsys("lumi", 1.017, 0.983))
        .systematic(Systematic.eventVariation("jes", SystematicType.JET_ENERGY_SCALE, 0.03))
        .systematic(Systematic.staterror("mcstat"))
        .data(Data.asimov(Map.of())).build();
    long t0 = System.nanoTime();
    AnalysisResult r = AnalysisRun.run(s, AnalysisRun.Options.threads(2).withProgress(System.out::println));
    System.out.println(io.sumbin.pyhf.Json.pretty(r.toJson()).substring(0, 3000));
    System.out.println("total " + (System.nanoTime() - t0) * 1e-9);
  }
}
