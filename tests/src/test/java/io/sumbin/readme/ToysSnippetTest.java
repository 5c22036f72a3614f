package io.sumbin.readme;

// tag::toys[]
import io.sumbin.histmodel.fit.FitOptions;
import io.sumbin.histmodel.infer.HypoTestResult;
import io.sumbin.histmodel.infer.TestStatistic;
import io.sumbin.histmodel.infer.toys.ToyCalculator;
import io.sumbin.histmodel.infer.toys.ToyDistributions;
import io.sumbin.histmodel.infer.toys.ToySettings;
// end::toys[]
// tag::belt[]
import io.sumbin.histmodel.infer.neyman.ConfidenceBelt;
import io.sumbin.histmodel.infer.neyman.NeymanConstruction;
import io.sumbin.histmodel.infer.toys.ToySettings;
// end::belt[]

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.compile.Models;
import io.sumbin.histmodel.infer.ProfileLikelihood;
import io.sumbin.histmodel.infer.neyman.BeltPoint;
import io.sumbin.histmodel.spec.Workspace;
import io.sumbin.pyhf.WorkspaceIO;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's toy-CLs and Feldman–Cousins blocks, on the docs workspace (uncorrelated_background). */
class ToysSnippetTest {
  private static final Workspace WS = WorkspaceIO.read(Path.of("..", "examples", "workspaces", "uncorrelated_background.json"));

  @Test
  void toyCls() {
    CompiledModel model = Models.compile(WS, null);
    double[] data = Models.observedData(WS, model);
    // tag::toys[]
    ToyCalculator calc = new ToyCalculator(model, data, FitOptions.suggested(model), TestStatistic.QTILDE,
        ToySettings.of(2000).withSeed(7));           // all cores; .withThreads(t), .withShard(...)
    HypoTestResult r = calc.hypotest(1.0);         // r.cls(), r.clsb(), r.clb(), r.clsExpected()
    ToyDistributions d = calc.distributions(1.0);  // the toys themselves: d.sb(), d.b(), d.observed()
    // end::toys[]
    assertThat(r.converged()).isTrue();
    assertThat(d.hypoTestResult().cls()).as("the same seeded toys").isEqualTo(r.cls());
    assertThat(r.cls()).as("CLs = CLs+b / CLb").isCloseTo(r.clsb() / r.clb(), within(1e-12));
    // 2000 toys per hypothesis: CLs has a binomial error of about 0.013; within 0.05 (~4σ) of the
    // asymptotic 0.456207 (the README's `sumbin hypotest`)
    assertThat(r.cls()).as("toy CLs at mu = 1").isCloseTo(0.456207, within(0.05));
  }

  @Test
  void feldmanCousins() {
    CompiledModel model = Models.compile(WS, null);
    double[] data = Models.observedData(WS, model);
    List<BeltPoint> points = BeltPoint.grid(model, data, FitOptions.suggested(model), ProfileLikelihood.linspace(0, 3, 13));
    // tag::belt[]
    ConfidenceBelt belt = NeymanConstruction.feldmanCousins(0.9)        // t̃ ordering
        .withToys(ToySettings.of(2000).withSeed(3))                     // or .withSource(Source.EXACT)
        .construct(points);                                             // List<BeltPoint>
    belt.intervals(); belt.criticalValues(); belt.tObs(); belt.distributions();
    // end::belt[]
    assertThat(belt.converged()).isTrue();
    // mu-hat = 0.9045 ± 0.56: the 90% set (grid step 0.25) holds mu-hat's neighbours and ends near
    // 0.90 + 1.645 · 0.56 = 1.83
    assertThat(belt.interval()[0]).isLessThanOrEqualTo(0.5);
    assertThat(belt.interval()[1]).isBetween(1.5, 2.25);
    assertThat(belt.intervals()).hasSize(1);
  }
}
