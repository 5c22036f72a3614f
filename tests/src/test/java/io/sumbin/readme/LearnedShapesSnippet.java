package io.sumbin.readme;

// tag::shapes[]
import io.sumbin.binning.EventTable;
import io.sumbin.eft.unbinned.LearnedShapes;
import io.sumbin.histmodel.unbinned.UnbinnedModel;
import io.sumbin.summaries.TrainingSettings;
import io.sumbin.summaries.shape.ShapeRatio;
import io.sumbin.summaries.shape.ShapeRatios;
import io.sumbin.summaries.shape.ShapeTraining;
import java.nio.file.Path;
import java.util.List;
// end::shapes[]

/**
 * The README's learned-shape block, compiled only (it trains networks; {@code ShapeRatiosTest} and
 * {@code LearnedShapesTest} train the same calls on samples with known answers).
 */
final class LearnedShapesSnippet {
  private LearnedShapesSnippet() {}

  /**
   * {@code builder}: an unbinned model under construction whose events are {@code modelEvents} with
   * reference weights {@code omega}; {@code bkg}: its background component with ratio column {@code rBkg}.
   */
  static void shapes(UnbinnedModel.Builder builder, EventTable modelEvents, float[] omega, int bkg, EventTable bkgNominal,
      float[] rBkg, EventTable bkgJesUp, EventTable bkgJesDown, Path outDir, Path dir) {
    // tag::shapes[]
    ShapeTraining how = ShapeTraining.of(List.of("m_jj", "pt_j1"), TrainingSettings.DEFAULT);   // PLATT, normalised
    // one call for the analysis runner: trains every (process, systematic) and fills the builder
    LearnedShapes.Report rep = LearnedShapes.addTo(builder, modelEvents, omega,
        List.of(new LearnedShapes.Process(bkg, "bkg", bkgNominal, rBkg,
            List.of(new LearnedShapes.Variation("jes", bkgJesUp, bkgJesDown)))), how, outDir);   // each ratio saved under outDir; addTo(..., how) saves none
    // or step by step, from EventTables or plain arrays (SampleClassifier.Sample(FeatureMatrix, double[] weights))
    try (ShapeRatio g = ShapeRatios.train("bkg", "jes", bkgNominal, bkgJesUp, bkgJesDown, how)) {
      ShapeRatio.Columns c = g.columns(modelEvents);            // float[] up, down for the builder
      double gUp = g.rateUp().value(), gDown = g.rateDown().value();
      g.save(dir);                                               // summary.json (method sample_classifier) + 2 networks
    }
    ShapeRatio again = ShapeRatio.load(dir);                     // path-aware errors like every saved summary
    // end::shapes[]
    again.close();
  }
}
