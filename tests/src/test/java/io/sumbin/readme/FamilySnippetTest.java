package io.sumbin.readme;

// tag::family[]
import io.sumbin.histmodel.family.FamilyPoint;
import io.sumbin.histmodel.family.FamilyScan;
import io.sumbin.histmodel.family.ModelFamily;
import io.sumbin.histmodel.infer.HypoTestResult;
import io.sumbin.histmodel.infer.TestStatistic;
import io.sumbin.pyhf.FamilyIO;
import java.util.List;
// end::family[]

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sumbin.examples.toys.QuadraticToy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's family block on the quadratic toy without background (closed-form Fisher information). */
class FamilySnippetTest {
  @Test
  void family(@TempDir Path tmp) {
    double n0 = 2e4;
    QuadraticToy toy = new QuadraticToy(n0, 0, 20, 0);
    List<FamilyPoint> pts = new ArrayList<>();
    for (int i = 0; i < 41; i++) {
      double theta = -0.04 + 0.002 * i;
      pts.add(FamilyPoint.of(new double[] {theta}, toy.pointSpec(theta), toy.expected(theta, 0.0)));
    }
    Path famDir = tmp.resolve("fam");
    Path pyhfDir = tmp.resolve("pyhf");
    // tag::family[]
    // pts: a List<FamilyPoint>, FamilyPoint.of(theta, spec, mainData) per point
    ModelFamily fam = new ModelFamily(List.of("theta"), new int[] {41}, pts, new double[] {0.0});
    FamilyScan expected = fam.asimov(new double[] {0.0}).scan(2);   // Asimov of the SM, binned per point
    List<HypoTestResult> cls = fam.limits(TestStatistic.QTILDE, 2);
    FamilyIO.write(fam, famDir);                                  // manifest + sumbin workspaces
    FamilyIO.exportPyhf(fam, pyhfDir, "ins0000000");              // per-point workspaces, bkgonly.json, patchset.json
    // end::family[]
    assertThat(expected.converged()).as(expected.message()).isTrue();
    assertThat(expected.theta()[expected.best()][0]).as("Asimov minimum at the SM").isCloseTo(0.0, within(1e-12));
    double sigma = 1 / Math.sqrt(QuadraticToy.fisherInformation(n0, 0.0)); // √(3/N₀) = 0.01225
    assertThat(expected.interval68()[1]).as("68% half-width vs 1/√I").isCloseTo(sigma, within(0.05 * sigma));
    assertThat(cls).hasSize(41);
    assertThat(cls.get(20).cls()).as("the SM tested against itself").isCloseTo(1.0, within(1e-6));
    assertThat(Files.isRegularFile(pyhfDir.resolve("patchset.json"))).isTrue();
    assertThat(Files.isRegularFile(pyhfDir.resolve("bkgonly.json"))).isTrue();
  }
}
