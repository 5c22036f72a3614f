package io.sumbin.eft.unbinned;

import static org.assertj.core.api.Assertions.assertThat;

import io.sumbin.summaries.TrainingSettings;
import io.sumbin.summaries.shape.ShapeTraining;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShapeSystematicToyTest {
  @Test
  void fast() {
    for (ShapeTraining.Calibration cal : ShapeTraining.Calibration.values()) {
      for (int ev : new int[] {10_000, 20_000}) {
        long t0 = System.nanoTime();
        ShapeSystematicToy.Settings s = ShapeSystematicToy.Settings.fast().withEvents(ev, 10_000);
        s = s.withTraining(ShapeTraining.of(List.of("x"), TrainingSettings.DEFAULT.withHidden(16).withBatchSize(1000)
            .withPatience(3).withMaxEpochs(20).withLearningRate(1e-2)).withCalibration(cal));
        ShapeSystematicToy.Result r = ShapeSystematicToy.run(s);
        System.out.println(cal + " " + ev + " ratio " + r.widthRatio() + " dev " + r.bulkDeviation() + " train "
            + r.trainingSeconds() + " total " + (System.nanoTime() - t0) / 1e9 + " exact " + r.exact() + " fixed " + r.fixed()
            + " cl " + r.entry().closureUp() + " " + r.entry().closureDown());
      }
    }
  }
}
