package org.example;

import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.compile.Models;
import io.sumbin.histmodel.fit.FitResult;
import io.sumbin.histmodel.fit.Fitter;
import io.sumbin.histmodel.infer.AsymptoticCalculator;
import io.sumbin.histmodel.infer.HypoTestResult;
import io.sumbin.histmodel.infer.Inference;
import io.sumbin.histmodel.infer.TestStatistic;
import io.sumbin.histmodel.spec.Workspace;
import io.sumbin.pyhf.WorkspaceIO;
import java.nio.file.Path;

/** Fits a pyhf workspace and tests μ = 1: prints "twice_nll=… cls=…" (compared with pyhf by the script). */
public final class FitWorkspace {
  private FitWorkspace() {}

  /**
   * Entry point.
   *
   * @param args the workspace file
   */
  public static void main(String[] args) {
    Workspace ws = WorkspaceIO.read(Path.of(args[0]));
    CompiledModel model = Models.compile(ws, null);
    double[] data = Models.observedData(ws, model);
    FitResult mle = new Fitter(model).fit(data);
    AsymptoticCalculator calc = new AsymptoticCalculator(new Inference(model), data, TestStatistic.QTILDE);
    HypoTestResult r = calc.hypotest(1.0);
    System.out.printf("twice_nll=%.6f cls=%.6f%n", mle.twiceNll(), r.cls());
  }
}
