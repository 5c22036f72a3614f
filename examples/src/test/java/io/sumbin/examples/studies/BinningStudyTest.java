package io.sumbin.examples.studies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sumbin.examples.toys.QuadraticToy;
import io.sumbin.histmodel.family.ModelFamily;
import io.sumbin.histmodel.infer.toys.Shard;
import io.sumbin.pyhf.Json;
import io.sumbin.testsupport.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batch Asimov studies: widths against closed-form Fisher information, strategy ordering, determinism, tables. */
class BinningStudyTest {
  /**
   * Relative agreement of the scanned 68% width with 2/√I_K, I_K the closed-form information of K
   * uniform bins of u: the Asimov t(θ′) deviates from a parabola by O(σ²) ≈ 3·10⁻⁵ relative at
   * N₀ = 10⁵, stratified MC adds O(n⁻¹) ≈ 10⁻⁴ at n = 4000 events, interpolation of the edges on
   * local parabolas O(10⁻⁵).
   */
  static final double WIDTH_REL_TOL = 1e-3;
  /** How far below the analytic bound a width may fall (MC fluctuation of the weighted sample, as above). */
  static final double BOUND_TOL = 1e-3;
  /** Fisher information of the binned model against the closed form I₀(1 − 1/K²). */
  static final double FISHER_REL_TOL = 1e-3;

  static StudyDefinition study(Path dir, String json) throws Exception {
    Path f = dir.resolve("study.json");
    Files.writeString(f, json);
    return StudyDefinition.read(f);
  }

  /** Toy, truth 0, N₀ = σ₀L = 10⁵ expected events, 4000 stratified MC events. */
  static final String TOY = """
      {"name": "toy", "source": {"type": "quadratic-toy", "events": 4000, "seed": 3, "cross_section": 1000, "sampling": "stratified"},
       "truth": 0, "scan": {"points": 31},
       "grid": {"observable": ["optimal", "u"], "strategy": ["uniform", "quantile"], "bins": [2, 3, 4, 8, 16], "luminosity": [100]}}
      """;

  /**
   * At θ_A = 0 the reference density of u is flat; K equal bins of u (or of O_θ′ ≈ u near 0) carry
   * I_K = (N₀/3)(1 − 1/K²) (Σ_b p_b ū_b² over bin centres), so the 68% width approaches the
   * unbinned Cramér–Rao bound 2/√(N₀/3) from above as 1/√(1 − 1/K²).
   */
  @Test
  void widthApproachesTheAnalyticFisherBoundFromAbove(@TempDir Path dir) throws Exception {
    StudyDefinition d = study(dir, TOY);
    StudyEvents ev = StudyEvents.load(d);
    List<StudyRow> rows = BinningStudy.run(ev, Shard.ALL, 2, null);
    assertEquals(20, rows.size());
    double n0 = 1000 * 100;
    double bound = 2 / Math.sqrt(QuadraticToy.fisherInformation(n0, 0));
    assertEquals(2 / Math.sqrt(n0 / 3), bound, 1e-15);
    for (String obs : List.of("optimal", "u")) {
      for (String strategy : List.of("uniform", "quantile")) {
        List<StudyRow> line = rows.stream().filter(r -> r.cell().observable().name().equals(obs)
            && r.cell().strategy().label().equals(strategy)).toList();
        assertEquals(5, line.size());
        double previous = Double.POSITIVE_INFINITY;
        for (StudyRow r : line) {
          String what = obs + " " + strategy + " " + r.cell().bins() + " bins";
          int k = r.cell().bins();
          assertTrue(r.converged(), what + ": " + r.message());
          assertEquals("ok", r.message(), what);
          assertEquals(k, r.binsMin(), what);
          assertEquals(k, r.binsMax(), what);
          assertEquals(bound, r.width68Analytic(), 1e-12 * bound, what);
          double expected = bound / Math.sqrt(1 - 1.0 / (k * k));
          assertEquals(expected, r.width68(), WIDTH_REL_TOL * expected, what);
          assertEquals(n0 / 3 * (1 - 1.0 / (k * k)), r.fisherBinned(), FISHER_REL_TOL * n0 / 3, what);
          assertTrue(r.width68() >= bound * (1 - BOUND_TOL), what + ": width " + r.width68() + " below the bound " + bound);
          assertTrue(r.width68() < previous, what + ": width " + r.width68() + " not below the coarser binning's " + previous);
          previous = r.width68();
          // the MC sample's own per-event information is the analytic one up to MC noise
          assertEquals(n0 / 3, r.fisherUnbinned(), FISHER_REL_TOL * n0 / 3, what);
          // Asimov interval around the truth, symmetric to O(σ²)
          assertEquals(0.0, r.interval68()[0] + r.interval68()[1], 1e-3 * r.width68(), what);
          assertEquals(1.96, r.width95() / r.width68(), 2e-3, what);
        }
        assertTrue(previous < bound * 1.003, obs + " " + strategy + ": 16 bins within 0.3% of the bound");
      }
    }
  }

  /** A truth away from the SM, MC statistics and min-mcstat merging: all cells converge, none beats the bound. */
  @Test
  void noCellBeatsTheUnbinnedInformationAtAnotherTruth(@TempDir Path dir) throws Exception {
    StudyDefinition d = study(dir, """
        {"source": {"type": "quadratic-toy", "events": 3000, "seed": 5, "sampling": "stratified"},
         "truth": 0.7, "scan": {"points": 25},
         "grid": {"observable": ["optimal", "u"], "strategy": ["uniform", {"type": "min-mcstat", "threshold": 0.06}],
                  "bins": [3, 12], "luminosity": [10], "mcstat": [false, true]}}
        """);
    List<StudyRow> rows = BinningStudy.run(StudyEvents.load(d), Shard.ALL, 2, null);
    assertEquals(16, rows.size());
    for (StudyRow r : rows) {
      String what = r.cell().toString();
      assertTrue(r.converged(), what + ": " + r.message());
      assertTrue(r.fisherBinned() <= r.fisherUnbinned() * (1 + 1e-9), what + ": binned information above the per-event information");
      assertTrue(r.width68() >= r.width68Bound() * (1 - 0.01), what);
      if (r.cell().strategy().kind() == StudyDefinition.StrategyKind.MIN_MCSTAT && r.cell().bins() == 12) {
        // 3000 events, ε = 6%: at most 1/ε² ≈ 278 equal-weight events per bin are needed → ≤ 10 bins
        assertTrue(r.binsMax() <= 10 && r.binsMin() >= 2, what + ": bins " + r.binsMin() + ".." + r.binsMax());
      }
    }
    // MC-statistical uncertainties only widen the intervals
    for (StudyRow with : rows) {
      if (!with.cell().mcstat()) {
        continue;
      }
      StudyRow without = rows.get(with.cell().index() - d.grid().luminosities().size() * d.grid().bins().size());
      assertEquals(with.cell().bins(), without.cell().bins());
      assertTrue(!without.cell().mcstat() && with.width68() > without.width68(), with.cell() + " vs " + without.cell());
    }
  }

  /** Steeply falling m_jj: equal-width bins over the full range waste most bins on the tail, quantile bins do not. */
  @Test
  void quantileBinsBeatUniformBinsOnTheMjjSpectrum(@TempDir Path dir) throws Exception {
    Path lhe = SharedData.lhe("smeftsim_VBFH-1.lhe.gz").toAbsolutePath();
    StudyDefinition d = study(dir, """
        {"source": {"type": "lhe", "files": ["%s"], "coefficient": "cHW"},
         "grid": {"observable": ["optimal", "m_jj", "pt_h"], "strategy": ["uniform", "quantile"], "bins": [4, 8], "luminosity": [300]}}
        """.formatted(lhe.toString().replace("\\", "\\\\")));
    List<StudyRow> rows = BinningStudy.run(StudyEvents.load(d), Shard.ALL, 2, null);
    for (int bins : List.of(4, 8)) {
      StudyRow uniform = find(rows, "m_jj", "uniform", bins);
      StudyRow quantile = find(rows, "m_jj", "quantile", bins);
      assertTrue(quantile.width68() < 0.7 * uniform.width68(), bins + " bins: quantile " + quantile.width68() + " vs uniform " + uniform.width68());
      // the per-point optimal observable is never worse than a histogram with the same strategy and bins
      for (String strategy : List.of("uniform", "quantile")) {
        StudyRow opt = find(rows, "optimal", strategy, bins);
        for (String obs : List.of("m_jj", "pt_h")) {
          StudyRow h = find(rows, obs, strategy, bins);
          assertTrue(opt.width68() <= h.width68() * (1 + 1e-2), strategy + " " + bins + ": optimal " + opt.width68() + " vs " + obs + " " + h.width68());
        }
      }
    }
    for (StudyRow r : rows) {
      assertTrue(r.converged(), r.cell() + ": " + r.message());
      assertTrue(r.fisherBinned() <= r.fisherUnbinned() * (1 + 1e-9), r.cell() + ": binned information above the per-event information");
    }
  }

  static StudyRow find(List<StudyRow> rows, String obs, String strategy, int bins) {
    return rows.stream().filter(r -> r.cell().observable().name().equals(obs) && r.cell().strategy().label().equals(strategy)
        && r.cell().bins() == bins).findFirst().orElseThrow();
  }

  /** Rows do not depend on the number of threads or on sharding; tables round-trip exactly. */
  @Test
  void rowsAreIndependentOfThreadsAndShardsAndTablesRoundTrip(@TempDir Path dir) throws Exception {
    StudyDefinition d = study(dir, """
        {"source": {"type": "quadratic-toy", "events": 1500, "seed": 2},
         "truth": 0.3, "scan": {"points": 15},
         "grid": {"observable": ["optimal", "u"], "strategy": "quantile", "bins": [2, 5], "luminosity": [1, 4], "mcstat": [false, true]}}
        """);
    StudyEvents ev = StudyEvents.load(d);
    List<StudyRow> one = BinningStudy.run(ev, Shard.ALL, 1, null);
    List<StudyRow> two = BinningStudy.run(ev, Shard.ALL, 2, null);
    List<StudyRow> shards = new ArrayList<>();
    for (int k = 1; k <= 3; k++) {
      shards.addAll(BinningStudy.run(ev, new Shard(k, 3), 2, null));
    }
    shards.sort((a, b) -> Integer.compare(a.cell().index(), b.cell().index()));
    ObjectNode run = Json.MAPPER.createObjectNode();
    String a = table(StudyFiles.result(ev, null, one, run));
    assertEquals(a, table(StudyFiles.result(ev, null, two, run)));
    assertEquals(a, table(StudyFiles.result(ev, null, shards, run)));
    StudyResult r = StudyFiles.result(ev, null, one, run);
    List<Path> written = StudyFiles.write(r, dir.resolve("out"));
    StudyResult back = StudyFiles.read(written.get(0));
    assertEquals(Json.pretty(StudyFiles.toJson(r)), Json.pretty(StudyFiles.toJson(back)));
    assertEquals(StudyFiles.toCsv(r), Files.readString(written.get(1)));
    assertEquals(d.grid().size() + 1, Files.readString(written.get(1)).lines().count());
  }

  /** JSON table without the rows' wall times. */
  static String table(StudyResult r) {
    JsonNode j = StudyFiles.toJson(r);
    for (JsonNode row : j.get("rows")) {
      ((ObjectNode) row).remove("wall_seconds");
      ((ObjectNode) row).remove("check"); // covers the wall time
    }
    return Json.pretty(j);
  }

  /** Interval edges are solved on local parabolas: exact for a parabolic t on a coarse grid. */
  @Test
  void intervalEdgesAreExactForAParabola() {
    double mu = 0.37;
    double sigma = 0.8;
    double[] x = new double[11];
    double[] t = new double[11];
    for (int i = 0; i < x.length; i++) {
      x[i] = -3 + 0.6 * i;
      t[i] = Math.pow((x[i] - mu) / sigma, 2);
    }
    double[] iv = ModelFamily.acceptance(x, t, 1.0);
    assertEquals(mu - sigma, iv[0], 1e-12);
    assertEquals(mu + sigma, iv[1], 1e-12);
    double[] i95 = ModelFamily.acceptance(x, t, 3.84);
    assertEquals(mu - sigma * Math.sqrt(3.84), i95[0], 1e-12);
    assertEquals(mu + sigma * Math.sqrt(3.84), i95[1], 1e-12);
    // linear interpolation between the bracketing points would be biased inwards on this grid
    double linHi = x[6] + (1.0 - t[6]) * (x[7] - x[6]) / (t[7] - t[6]);
    assertTrue(linHi < iv[1] - 1e-3, "parabolic edge " + iv[1] + " vs linear " + linHi);
    // open ends and no crossing
    double[] open = ModelFamily.acceptance(new double[] {0, 1, 2}, new double[] {0.5, 0, 0.5}, 1.0);
    assertTrue(Double.isNaN(open[0]) && Double.isNaN(open[1]));
    assertTrue(AsimovScans.disjoint(new double[] {0, 1, 2, 3, 4}, new double[] {0.5, 3, 0, 3, 9}, ModelFamily.acceptance(
        new double[] {0, 1, 2, 3, 4}, new double[] {0.5, 3, 0, 3, 9}, 1.0), 1.0));
  }
}
