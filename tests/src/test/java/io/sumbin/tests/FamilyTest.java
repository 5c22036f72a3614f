package io.sumbin.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatObject;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.sumbin.examples.toys.QuadraticToy;
import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.compile.ModelCompiler;
import io.sumbin.histmodel.compile.Models;
import io.sumbin.histmodel.family.FamilyPoint;
import io.sumbin.histmodel.family.FamilyScan;
import io.sumbin.histmodel.family.ModelFamily;
import io.sumbin.histmodel.infer.AsymptoticCalculator;
import io.sumbin.histmodel.fit.FitOptions;
import io.sumbin.histmodel.infer.toys.ToySettings;
import io.sumbin.histmodel.infer.neyman.NeymanConstruction;
import io.sumbin.histmodel.infer.neyman.ConfidenceBelt;
import io.sumbin.histmodel.infer.neyman.BeltPoint;
import io.sumbin.histmodel.infer.HypoTestResult;
import io.sumbin.histmodel.infer.Inference;
import io.sumbin.histmodel.infer.ProfileLikelihood;
import io.sumbin.histmodel.infer.ProfileScan2D;
import io.sumbin.histmodel.infer.TestStatistic;
import io.sumbin.histmodel.spec.ChannelSpec;
import io.sumbin.histmodel.spec.Coefficient;
import io.sumbin.histmodel.spec.ModelSpec;
import io.sumbin.histmodel.spec.ModifierSpec;
import io.sumbin.histmodel.spec.SampleSpec;
import io.sumbin.histmodel.spec.Workspace;
import io.sumbin.histmodel.spec.YieldTerm;
import io.sumbin.pyhf.FamilyIO;
import io.sumbin.pyhf.Json;
import io.sumbin.pyhf.PyhfDigest;
import io.sumbin.pyhf.Schemas;
import io.sumbin.pyhf.WorkspaceIO;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-scan-point model families (issue 4): known answers, files, pyhf export. */
class FamilyTest {
  /** Interval half-widths against the closed-form Fisher information (issue 4, item 6). */
  static final double FISHER_WIDTH_REL_TOL = 0.05;
  static final double CLS_EXPORT_TOL = 1e-9;

  @TempDir Path dir;

  @Test
  void asimovCurveHasItsMinimumAtTheTruthAndFisherWidths() {
    double n0 = 2e5;
    double truth = 0.4;
    QuadraticToy toy = new QuadraticToy(n0, 0, 20, 0);
    double sigma = 1 / Math.sqrt(QuadraticToy.fisherInformation(n0, truth));
    ModelFamily fam = toy.family(truth - 3 * sigma, truth + 3 * sigma, 31, t -> toy.expected(t, truth));
    FamilyScan s = fam.scan(2);
    assertThat(s.converged()).as(s.message()).isTrue();
    assertThat(s.theta()[s.best()][0]).as("minimum of the Asimov t curve at the truth").isCloseTo(truth, within(1e-12));
    assertThat(s.t()[s.best()]).as("t vanishes at the truth for Asimov data").isCloseTo(0.0, within(1e-6));
    double lo = truth - s.interval68()[0];
    double hi = s.interval68()[1] - truth;
    assertThat(lo).as("lower 68% half-width vs 1/√I").isCloseTo(sigma, within(FISHER_WIDTH_REL_TOL * sigma));
    assertThat(hi).as("upper 68% half-width vs 1/√I").isCloseTo(sigma, within(FISHER_WIDTH_REL_TOL * sigma));
    double z95 = Math.sqrt(ProfileLikelihood.DELTA_95_1D);
    assertThat(s.interval95()[1] - truth)
        .as("95% half-width")
        .isCloseTo(z95 * sigma, within(FISHER_WIDTH_REL_TOL * z95 * sigma));
  }

  @Test
  void everyPointHasItsOwnBinning() {
    QuadraticToy toy = QuadraticToy.example();
    double[] a = toy.edges(-0.8);
    double[] b = toy.edges(0.5);
    assertThat(java.util.Arrays.equals(a, b)).as("different observables, different edges").isFalse();
    // quantile binning: equal reference (θ = 0) signal yield per bin
    ModelSpec spec = toy.pointSpec(0.5);
    double[] t0 = spec.channels().get(0).samples().get(0).data();
    for (double v : t0) {
      assertThat(v).as("v").isCloseTo(toy.n0() / toy.bins(), within(1e-6 * toy.n0()));
    }
  }

  /** Two POIs; every point the same model: t(θ′) must equal the 2-D profile scan of that model. */
  static ModelSpec twoPoiSpec() {
    double k = 20; // yields large enough that the 95% region closes inside [-1, 1]²
    SampleSpec eft = new SampleSpec("eft", scale(k, 20, 30, 10), List.of(new ModifierSpec.NormSys("theory", 1.05, 0.96)), List.of(
        new YieldTerm(new Coefficient.Monomial(List.of()), scale(k, 20, 30, 10)),
        new YieldTerm(new Coefficient.Monomial(List.of("c1")), scale(k, 6, -4, 2)),
        new YieldTerm(new Coefficient.Monomial(List.of("c2")), scale(k, 2, 4, -1)),
        new YieldTerm(new Coefficient.Monomial(List.of("c1", "c1")), scale(k, 3, 2, 1)),
        new YieldTerm(new Coefficient.Monomial(List.of("c1", "c2")), scale(k, 0.5, -0.8, 0.4)),
        new YieldTerm(new Coefficient.Monomial(List.of("c2", "c2")), scale(k, 2, 1.5, 1))));
    SampleSpec bkg = new SampleSpec("bkg", scale(k, 50, 40, 30), List.of(new ModifierSpec.StatError("stat", scale(k, 2, 2, 2))));
    return new ModelSpec(List.of(new ChannelSpec("SR", List.of(eft, bkg))), List.of(), "c1", null);
  }

  private static double[] scale(double k, double... v) {
    double[] o = v.clone();
    for (int i = 0; i < o.length; i++) {
      o[i] *= k;
    }
    return o;
  }

  @Test
  void twoDimensionalFamilyOfIdenticalPointsIsTheProfileScan() {
    ModelSpec spec = twoPoiSpec();
    CompiledModel m = ModelCompiler.compile(spec);
    double[] x = ProfileLikelihood.linspace(-1, 1, 9);
    double[] y = ProfileLikelihood.linspace(-1, 1, 7);
    double[] truth = m.suggestedInit();
    truth[m.parIndex("c1")] = 0.25;
    truth[m.parIndex("c2")] = -0.5;
    double[] data = new double[m.nMain() + m.nAux()];
    m.evaluator().expectedData(truth, data);
    for (int b = 0; b < m.nMain(); b++) {
      data[b] = Math.round(data[b] * 1.07);
    }
    List<FamilyPoint> pts = new ArrayList<>();
    for (double xi : x) {
      for (double yj : y) {
        pts.add(new FamilyPoint(new double[] {xi, yj}, spec, m, data));
      }
    }
    ModelFamily fam = new ModelFamily(List.of("c1", "c2"), new int[] {x.length, y.length}, pts, new double[] {0, 0});
    FamilyScan s = fam.scan(2);
    assertThat(s.converged()).as(s.message()).isTrue();
    ProfileScan2D p = new ProfileLikelihood(m).scan2d(m.parIndex("c1"), m.parIndex("c2"), x, y, data);
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < y.length; j++) {
        // each point's free fit is the global minimum of the common model, so t = Δ(−2 ln L)
        assertThat(s.t()[i * y.length + j])
            .as("t at (" + x[i] + ", " + y[j] + ")")
            .isCloseTo(p.delta()[i][j], within(1e-6));
      }
    }
    assertThat(s.contour95()).as("95% contour found: " + java.util.Arrays.toString(s.t())).isNotEmpty();
    assertThat(s.contour95().size()).as("s.contour95().size()").isEqualTo(p.contour95().size());
  }

  /**
   * The Neyman construction over a family evaluates every point in its own model: a family whose
   * points all carry the same model gives exactly the belt of that single model (same seeds, same
   * toys), and a family of different models differs from it.
   */
  @Test
  void familyBeltOfIdenticalPointsIsTheSingleModelBelt() {
    QuadraticToy toy = new QuadraticToy(400, 100, 6, 2);
    double[] grid = ProfileLikelihood.linspace(-0.6, 0.6, 7);
    ModelSpec spec = toy.pointSpec(0.2);
    CompiledModel m = ModelCompiler.compile(spec);
    double[] main = toy.expected(0.2, 0.1);
    for (int b = 0; b < main.length; b++) {
      main[b] = Math.round(main[b]);
    }
    double[] data = m.withAuxdata(main);
    List<FamilyPoint> same = new ArrayList<>();
    for (double g : grid) {
      same.add(new FamilyPoint(new double[] {g}, spec, m, data));
    }
    ModelFamily fam = new ModelFamily(List.of(QuadraticToy.POI), new int[] {grid.length}, same, new double[] {0});
    NeymanConstruction nc = NeymanConstruction.of(TestStatistic.T, 0.68).withToys(ToySettings.of(200).withSeed(5).withThreads(2));
    ConfidenceBelt a = nc.construct(fam.beltPoints());
    ConfidenceBelt b = nc.construct(BeltPoint.grid(m, data, FitOptions.suggested(m), grid));
    assertThat(a.converged()).as(a.message()).isTrue();
    assertThat(a.criticalValues()).as("a.criticalValues()").containsExactly(b.criticalValues(), within(0.0));
    assertThat(a.tObs()).as("a.tObs()").containsExactly(b.tObs(), within(0.0));
    // the real family: each point binned in its own observable
    ModelFamily own = toy.family(-0.6, 0.6, grid.length, t -> {
      double[] e = toy.expected(t, 0.1);
      for (int k = 0; k < e.length; k++) {
        e[k] = Math.round(e[k]);
      }
      return e;
    });
    ConfidenceBelt c = nc.construct(own.beltPoints());
    assertThat(c.converged()).as(c.message()).isTrue();
    assertThat(java.util.Arrays.equals(a.tObs(), c.tObs()))
        .as("per-point observables give per-point statistics")
        .isFalse();
    FamilyScan sc = own.scan(2);
    for (int k = 0; k < grid.length; k++) {
      // t_obs of the belt is the family statistic at that point (t: two-sided, no clipping at μ̂)
      assertThat(c.tObs()[k]).as("point " + k).isCloseTo(sc.t()[k], within(1e-6 * (1 + sc.t()[k])));
    }
  }

  @Test
  void manifestRoundTrip() {
    QuadraticToy toy = QuadraticToy.example();
    ModelFamily fam = toy.observedFamily(-0.5, 0.5, 5, 0.2, 7);
    Path manifest = FamilyIO.write(fam, dir);
    ModelFamily back = FamilyIO.read(manifest);
    assertThat(back.size()).as("back.size()").isEqualTo(fam.size());
    FamilyScan a = fam.scan(1);
    FamilyScan b = back.scan(1);
    for (int i = 0; i < fam.size(); i++) {
      assertThat(back.point(i).theta()).as("back.point(i).theta()").containsExactly(fam.point(i).theta(), within(0.0));
      assertThat(back.point(i).data()).as("back.point(i).data()").containsExactly(fam.point(i).data(), within(0.0));
      assertThat(b.t()[i]).as("b.t()[i]").isCloseTo(a.t()[i], within(1e-12));
    }
    // point files use sumbin's extension: valid for sumbin's schema, not for pyhf's
    JsonNode ws = Json.read(dir.resolve("point_000.json"));
    assertThat(Schemas.validate(Schemas.sumbinWorkspace(), ws))
        .as("Schemas.validate(Schemas.sumbinWorkspace(), ws).isEmpty()")
        .isEmpty();
    assertThat(Schemas.validate(Schemas.pyhfWorkspace(), ws)).as("terms are not pyhf").isNotEmpty();
    String text = Json.readText(dir.resolve("point_000.json"));
    assertThat(WorkspaceIO.toText(WorkspaceIO.parse(text, "p")))
        .as("write → read → write byte-identical with terms")
        .isEqualTo(text);
  }

  /**
   * Applies an RFC 6902 patch with java-json-tools' json-patch, an implementation independent of the
   * one sumbin exports and applies patches with (pyhf-export's JsonPatch, on zjsonpatch).
   */
  static JsonNode applyIndependently(JsonNode document, JsonNode patch) throws Exception {
    return com.github.fge.jsonpatch.JsonPatch.fromJson(patch).apply(document);
  }

  /**
   * JSON equality with numbers compared by value: the independent library reads patch values as
   * BigDecimal nodes (100.0 becomes 1E+2), sumbin's documents hold doubles.
   */
  static final java.util.Comparator<JsonNode> SAME_JSON = (a, b) -> a.equals((x, y) -> x.isNumber() && y.isNumber()
      ? Double.compare(x.doubleValue(), y.doubleValue()) : x.equals(y) ? 0 : 1, b) ? 0 : 1;

  @Test
  void pyhfExportReproducesSumbinsClsAndThePatchSetRebuildsEveryPoint() throws Exception {
    QuadraticToy toy = QuadraticToy.example();
    ModelFamily fam = toy.observedFamily(-0.6, 0.6, 7, 0.3, 11);
    List<HypoTestResult> inMemory = fam.limits(TestStatistic.QTILDE, 2);
    FamilyIO.Export e = FamilyIO.exportPyhf(fam, dir, "ins0000000");
    JsonNode bkg = Json.read(e.bkgonly());
    JsonNode patchset = Json.read(e.patchset());
    assertThat(Schemas.validate(Schemas.pyhfPatchset(), patchset)).as("patch set validates").isEmpty();
    assertThat(Schemas.validate(Schemas.pyhfWorkspace(), bkg)).as("bkgonly validates").isEmpty();
    assertThat(patchset.get("metadata").get("digests").get("sha256").asText())
        .as("patchset.get(\"metadata\").get(\"digests\").get(\"sha256\").asText()")
        .isEqualTo(PyhfDigest.sha256(bkg));
    for (int i = 0; i < fam.size(); i++) {
      JsonNode pointJson = Json.read(e.pointWorkspaces().get(i));
      assertThat(Schemas.validate(Schemas.pyhfWorkspace(), pointJson))
          .as("point " + i + " validates for pyhf")
          .isEmpty();
      JsonNode patch = patchset.get("patches").get(i);
      assertThat(Shared.nums(patch.get("metadata").get("values")))
          .as("Shared.nums(patch.get(\"metadata\").get(\"values\"))")
          .containsExactly(fam.point(i).theta(), within(0.0));
      assertThatObject(applyIndependently(bkg, patch.get("patch")))
          .as("patch " + i + ", applied by an independent RFC 6902 library, rebuilds the point workspace")
          .usingComparator(SAME_JSON)
          .isEqualTo(pointJson);
      Workspace ws = WorkspaceIO.read(e.pointWorkspaces().get(i));
      CompiledModel pm = Models.compile(ws, null);
      HypoTestResult r = new AsymptoticCalculator(new Inference(pm), Models.observedData(ws, pm), TestStatistic.QTILDE).hypotest(1.0);
      assertThat(r.cls()).as("CLs of exported point " + i).isCloseTo(inMemory.get(i).cls(), within(CLS_EXPORT_TOL));
      for (int k = 0; k < 5; k++) {
        assertThat(r.clsExpected()[k])
            .as("r.clsExpected()[k]")
            .isCloseTo(inMemory.get(i).clsExpected()[k], within(CLS_EXPORT_TOL));
      }
    }
  }

  @Test
  void digestMatchesPyhfsDocumentedExample() {
    // pyhf.utils.digest({'a': 2.0, 'b': 3.0, 'c': 1.0}) from pyhf's documentation
    JsonNode obj = Json.parse("{\"c\": 1.0, \"b\": 3.0, \"a\": 2.0}", "doc");
    assertThat(PyhfDigest.sha256(obj))
        .as("PyhfDigest.sha256(obj)")
        .isEqualTo("a38f6093800189b79bc22ef677baf90c75705af2cfc7ff594159eca54eaa7928");
    assertThat(PyhfDigest.pythonRepr(1e-10)).as("PyhfDigest.pythonRepr(1e-10)").isEqualTo("1e-10");
    assertThat(PyhfDigest.pythonRepr(1.5e16)).as("PyhfDigest.pythonRepr(1.5e16)").isEqualTo("1.5e+16");
    assertThat(PyhfDigest.pythonRepr(1e-4)).as("PyhfDigest.pythonRepr(1e-4)").isEqualTo("0.0001");
    assertThat(PyhfDigest.pythonRepr(1e-5)).as("PyhfDigest.pythonRepr(1e-5)").isEqualTo("1e-05");
    assertThat(PyhfDigest.pythonRepr(123456789012345.6))
        .as("PyhfDigest.pythonRepr(123456789012345.6)")
        .isEqualTo("123456789012345.6");
    assertThat(PyhfDigest.pythonRepr(1.0 / 3)).as("PyhfDigest.pythonRepr(1.0 / 3)").isEqualTo("0.3333333333333333");
    assertThat(PyhfDigest.pythonRepr(50.0)).as("PyhfDigest.pythonRepr(50.0)").isEqualTo("50.0");
  }

  @Test
  void cliFamilyCommands() {
    Path famDir = dir.resolve("fam");
    Cli.Run w = Cli.run("example", "family", "--out", famDir.toString(), "--points", "41");
    assertThat(w.exitCode()).as(w.err()).isEqualTo(0);
    Path manifest = famDir.resolve("family.json");
    Cli.Run s = Cli.run("family", "scan", manifest.toString(), "--asimov", "0.3", "--json");
    assertThat(s.exitCode()).as(s.err()).isEqualTo(0);
    JsonNode j = Json.parse(s.out(), "stdout");
    assertThat(j.get("values").size()).as("j.get(\"values\").size()").isEqualTo(41);
    assertThat(j.get("t").size()).as("j.get(\"t\").size()").isEqualTo(41);
    double[] i68 = Shared.nums(j.get("interval_68"));
    assertThat(i68[0] < 0.3 && 0.3 < i68[1]).as("Asimov truth inside its 68% interval").isTrue();
    Cli.Run l = Cli.run("family", "limits", manifest.toString(), "--json");
    assertThat(l.exitCode()).as(l.err()).isEqualTo(0);
    JsonNode lj = Json.parse(l.out(), "stdout");
    assertThat(lj.get("points").size()).as("lj.get(\"points\").size()").isEqualTo(41);
    assertThat(lj.get("points").get(0).get("cls_exp").size())
        .as("lj.get(\"points\").get(0).get(\"cls_exp\").size()")
        .isEqualTo(5);
    Cli.Run belt = Cli.run("family", "belt", manifest.toString(), "--ntoys", "200", "--json");
    assertThat(belt.exitCode()).as(belt.err()).isEqualTo(0);
    JsonNode bj = Json.parse(belt.out(), "stdout");
    assertThat(bj.get("critical_values").size()).as("bj.get(\"critical_values\").size()").isEqualTo(41);
    assertThat(bj.get("test_stat").asText()).as("bj.get(\"test_stat\").asText()").isEqualTo("t");
    double[] fc = Shared.nums(bj.get("interval"));
    // the observed pseudo-data were thrown at θ = 0.3 (seeded): its 68% set contains the truth here,
    // and agrees with the Wilks interval of the family scan to the 0.05 grid spacing
    assertThat(fc[0] <= 0.3 && 0.3 <= fc[1]).as(bj.get("interval").toString()).isTrue();
    Cli.Run x = Cli.run("family", "export-pyhf", manifest.toString(), "--out", dir.resolve("pyhf").toString());
    assertThat(x.exitCode()).as(x.err()).isEqualTo(0);
    Cli.Run bad = Cli.run("family", "scan", dir.resolve("nope.json").toString());
    assertThat(bad.exitCode()).as("bad.exitCode()").isEqualTo(2);
    Cli.Run badAsimov = Cli.run("family", "scan", manifest.toString(), "--asimov", "0.1", "0.2");
    assertThat(badAsimov.exitCode()).as("badAsimov.exitCode()").isEqualTo(2);
    assertThat(badAsimov.errLines()).as(badAsimov.err()).isEqualTo(1);
    // every refusal of a family command names the manifest first, as the other commands name their file
    assertThat(badAsimov.err().strip()).isEqualTo(manifest + ": --asimov needs 1 value(s) (POIs [theta]), got 2");
    Cli.Run outside = Cli.run("family", "limits", manifest.toString(), "--asimov", "1e6");
    assertThat(outside.exitCode()).as(outside.err()).isEqualTo(2);
    assertThat(outside.err().strip()).startsWith(manifest + ": --asimov: the Asimov truth theta = 1000000.0 is outside the bounds [");
  }
}
