package io.sumbin.histmodel.parallel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.compile.ModelCompiler;
import io.sumbin.histmodel.compile.Models;
import io.sumbin.histmodel.family.FamilyPoint;
import io.sumbin.histmodel.family.FamilyScan;
import io.sumbin.histmodel.family.ModelFamily;
import io.sumbin.histmodel.fit.FitOptions;
import io.sumbin.histmodel.infer.HypoTestResult;
import io.sumbin.histmodel.infer.TestStatistic;
import io.sumbin.histmodel.infer.neyman.BeltPoint;
import io.sumbin.histmodel.infer.neyman.ConfidenceBelt;
import io.sumbin.histmodel.infer.neyman.Coverage;
import io.sumbin.histmodel.infer.neyman.CoverageResult;
import io.sumbin.histmodel.infer.neyman.NeymanConstruction;
import io.sumbin.histmodel.infer.toys.ToyCalculator;
import io.sumbin.histmodel.infer.toys.ToyDistributions;
import io.sumbin.histmodel.infer.toys.ToyResult;
import io.sumbin.histmodel.infer.toys.ToyRunner;
import io.sumbin.histmodel.infer.toys.ToySettings;
import io.sumbin.histmodel.spec.ChannelSpec;
import io.sumbin.histmodel.spec.Coefficient;
import io.sumbin.histmodel.spec.ExampleModels;
import io.sumbin.histmodel.spec.ModelSpec;
import io.sumbin.histmodel.spec.ModifierSpec;
import io.sumbin.histmodel.spec.ParameterSpec;
import io.sumbin.histmodel.spec.SampleSpec;
import io.sumbin.histmodel.spec.Workspace;
import io.sumbin.histmodel.spec.YieldTerm;
import io.sumbin.testsupport.CopyingRunner;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The runners: the thread runner's contract (unit order, sink, first exception), and every parallel
 * entry point giving exactly the same results on a runner that copies the work to "another JVM" per
 * block ({@link CopyingRunner}) as on threads — the property the Spark runner relies on.
 */
class WorkRunnerTest {
  record Squares(long offset) implements Work<StringBuilder, Long> {
    @Override
    public StringBuilder newWorker() {
      return new StringBuilder();
    }

    @Override
    public Long run(StringBuilder w, int unit) {
      if (unit == 37 && offset < 0) {
        throw new IllegalStateException("unit 37 failed");
      }
      return offset + (long) unit * unit;
    }

    @Override
    public int chunk() {
      return 3;
    }
  }

  @Test
  void threadRunnerReturnsResultsInUnitOrderAndFeedsTheSinkOncePerUnit() {
    for (int threads : new int[] {1, 2, 7}) {
      List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
      List<Long> r = WorkRunner.threads(threads).run(new Squares(5), 100, (i, v) -> {
        assertThat(v).isEqualTo(5 + (long) i * i);
        seen.add(i);
      });
      assertThat(r).hasSize(100);
      for (int i = 0; i < 100; i++) {
        assertThat(r.get(i)).isEqualTo(5 + (long) i * i);
      }
      assertThat(seen).hasSize(100).doesNotHaveDuplicates();
    }
    assertThat(WorkRunner.threads(3).run(new Squares(0), 0)).isEmpty();
    assertThatThrownBy(() -> WorkRunner.threads(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theFirstExceptionOfAUnitIsRethrownAsItWas() {
    assertThatThrownBy(() -> WorkRunner.threads(4).run(new Squares(-1), 100))
        .isInstanceOf(IllegalStateException.class).hasMessage("unit 37 failed");
  }

  static ToyCalculator calculator(ToySettings s) {
    Workspace ws = ExampleModels.uncorrelatedBackground();
    CompiledModel m = Models.compile(ws, null);
    return new ToyCalculator(m, Models.observedData(ws, m), FitOptions.suggested(m), TestStatistic.QTILDE, s);
  }

  @Test
  void toysAreTheSameOnThreadsAndOnCopies() {
    ToySettings s = ToySettings.of(120).withSeed(23).withThreads(2);
    ToyCalculator c = calculator(s);
    ToyCalculator.Ensembles e = c.ensembles(1.0);
    List<List<ToyResult>> threads = ToyRunner.run(List.of(e.sb(), e.b()), s);
    CopyingRunner copying = new CopyingRunner(17);
    List<ToyResult> sunk = new ArrayList<>();
    List<List<ToyResult>> copies = ToyRunner.run(List.of(e.sb(), e.b()), s, copying, Set.of(), sunk::add);
    assertThat(copies).isEqualTo(threads);
    assertThat(sunk).hasSize(240);
    assertThat(copying.copies()).isEqualTo((240 + 16) / 17);
    ToyDistributions d1 = c.distributions(1.0);
    ToyDistributions d2 = c.withRunner(new CopyingRunner(50)).distributions(1.0);
    HypoTestResult h1 = d1.hypoTestResult();
    HypoTestResult h2 = d2.hypoTestResult();
    assertThat(h1.cls()).isBetween(0.0, 1.0);
    assertThat(h2.cls()).isEqualTo(h1.cls());
    assertThat(h2.clsExpected()).isEqualTo(h1.clsExpected());
  }

  @Test
  void beltsAndCoverageAreTheSameOnThreadsAndOnCopies() {
    Workspace ws = ExampleModels.uncorrelatedBackground();
    CompiledModel m = Models.compile(ws, null);
    FitOptions o = FitOptions.suggested(m).withUncertainties(false);
    List<BeltPoint> pts = BeltPoint.grid(m, Models.observedData(ws, m), o, new double[] {0, 0.5, 1, 2, 3});
    NeymanConstruction nc = NeymanConstruction.feldmanCousins(0.68).withToys(ToySettings.of(60).withSeed(3).withThreads(2));
    ConfidenceBelt a = nc.construct(pts);
    ConfidenceBelt b = nc.withRunner(new CopyingRunner(7)).construct(pts);
    assertThat(a.converged()).as(a.message()).isTrue();
    assertThat(java.util.Arrays.stream(a.criticalValues()).boxed()).allSatisfy(t -> assertThat(t).isPositive());
    assertThat(b.criticalValues()).isEqualTo(a.criticalValues());
    assertThat(b.tObs()).isEqualTo(a.tObs());
    assertThat(b.accepted()).isEqualTo(a.accepted());
    assertThat(b.sizes()).isEqualTo(a.sizes());
    assertThat(b.message()).isEqualTo(a.message());

    double[] truth = m.suggestedInit();
    truth[m.poiIndex()] = 1.0;
    NeymanConstruction inner = nc.withToys(ToySettings.of(30).withSeed(5).withThreads(2));
    CoverageResult c1 = Coverage.run(m, truth, o, inner, 12);
    assertThat(c1.n()).isEqualTo(12);
    assertThat(c1.covered()).isBetween(1, 12);
    CoverageResult c2 = Coverage.run(m, truth, o, inner.withRunner(new CopyingRunner(5)), 12);
    assertThat(c2).isEqualTo(c1);
  }

  @Test
  void anExactBeltIsTheSameOnThreadsAndOnCopies() {
    SampleSpec sig = new SampleSpec("signal", new double[] {1.0}, List.of(new ModifierSpec.NormFactor("mu")));
    SampleSpec bkg = new SampleSpec("background", new double[] {3.0}, List.of());
    CompiledModel m = ModelCompiler.compile(new ModelSpec(List.of(new ChannelSpec("c", List.of(sig, bkg))),
        List.of(ParameterSpec.named("mu").withBounds(new double[] {0, 100})), "mu", null));
    List<BeltPoint> pts = BeltPoint.grid(m, new double[] {4}, FitOptions.suggested(m), new double[] {0, 1, 2, 4, 6, 8});
    NeymanConstruction nc = NeymanConstruction.feldmanCousins(0.9).withSource(NeymanConstruction.Source.EXACT)
        .withToys(ToySettings.of(1).withThreads(2));
    ConfidenceBelt a = nc.construct(pts);
    ConfidenceBelt b = nc.withRunner(new CopyingRunner(4)).construct(pts);
    assertThat(a.intervals()).isNotEmpty();
    assertThat(b.criticalValues()).isEqualTo(a.criticalValues());
    assertThat(b.tObs()).isEqualTo(a.tObs());
    assertThat(b.intervals()).usingRecursiveComparison().isEqualTo(a.intervals());
  }

  /** A 1-D family: signal (1 + θ + θ²)·T in every point, each point a slightly different binning. */
  static ModelFamily family() {
    List<FamilyPoint> pts = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      double th = -1 + 0.2 * i;
      double w = 1 + 0.05 * i;
      List<YieldTerm> terms = List.of(
          new YieldTerm(new Coefficient.Monomial(List.of()), new double[] {10 * w, 20, 5}),
          new YieldTerm(new Coefficient.Monomial(List.of("theta")), new double[] {-3, 4 * w, 6}),
          new YieldTerm(new Coefficient.Monomial(List.of("theta", "theta")), new double[] {1, 2, 3 * w}));
      SampleSpec sig = new SampleSpec("signal", new double[] {10 * w, 20, 5}, List.of(), terms);
      SampleSpec bkg = new SampleSpec("background", new double[] {50, 30, 10},
          List.of(new ModifierSpec.NormSys("bkg_norm", 1.05, 0.95)));
      ModelSpec spec = new ModelSpec(List.of(new ChannelSpec("SR", List.of(sig, bkg))),
          List.of(ParameterSpec.named("theta").withInits(0.0).withBounds(new double[] {-5, 5})), "theta", null);
      pts.add(FamilyPoint.of(new double[] {th}, spec, new double[] {62, 57, 19}));
    }
    return new ModelFamily(List.of("theta"), new int[] {11}, pts, new double[] {0.0});
  }

  @Test
  void familyScansAndLimitsAreTheSameOnThreadsAndOnCopies() {
    ModelFamily f = family();
    FamilyScan a = f.scan(2);
    FamilyScan b = f.scan(new CopyingRunner(3));
    assertThat(a.converged()).as(a.message()).isTrue();
    assertThat(java.util.Arrays.stream(a.t()).boxed()).allSatisfy(t -> assertThat(t).isFinite());
    assertThat(java.util.Arrays.stream(a.interval68()).boxed()).allSatisfy(t -> assertThat(t).isFinite());
    assertThat(b.t()).isEqualTo(a.t());
    assertThat(b.interval68()).isEqualTo(a.interval68());
    assertThat(b.converged()).isEqualTo(a.converged());
    List<HypoTestResult> l1 = f.limits(TestStatistic.QTILDE, 2);
    List<HypoTestResult> l2 = f.limits(TestStatistic.QTILDE, new CopyingRunner(2));
    assertThat(l1).hasSize(11).allSatisfy(h -> assertThat(h.cls()).isBetween(0.0, 1.0));
    for (int i = 0; i < l1.size(); i++) {
      assertThat(l2.get(i).cls()).isEqualTo(l1.get(i).cls());
      assertThat(l2.get(i).clsExpected()).isEqualTo(l1.get(i).clsExpected());
    }
  }
}
