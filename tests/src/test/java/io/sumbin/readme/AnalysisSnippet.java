package io.sumbin.readme;

// tag::analysis[]
import io.sumbin.eft.analysis.Analysis;
import io.sumbin.eft.analysis.AnalysisReader;
import io.sumbin.eft.analysis.AnalysisResult;
import io.sumbin.eft.analysis.AnalysisRun;
import io.sumbin.eft.analysis.AnalysisSpec;
import io.sumbin.histmodel.family.ModelFamily;
import java.nio.file.Path;
import java.util.List;
// end::analysis[]

/**
 * The README's analysis block, compiled only (the shipped analysis takes minutes;
 * {@code ShippedExamplesTest} and the eft module's analysis tests run it).
 */
final class AnalysisSnippet {
  private AnalysisSnippet() {}

  static void analysis() {
    // tag::analysis[]
    AnalysisSpec spec = AnalysisReader.read(Path.of("examples/analyses/vbf-dy.json"));   // or AnalysisSpec.builder()...
    AnalysisResult r = AnalysisRun.run(spec, AnalysisRun.Options.threads(2));
    r.parameters().get("cHW").interval68();   r.regions().get("dy").get("cHWB").fisher();
    Analysis a = Analysis.prepare(spec, System.err::println);                          // the per-point families themselves
    ModelFamily f = a.family(List.of(0, 1), AnalysisSpec.Scan.of("cHW", 31), 2);
    // end::analysis[]
  }
}
