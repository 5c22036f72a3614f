package io.sumbin.eft.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sumbin.eft.FisherInformation;
import io.sumbin.eft.morphing.TruthTemplates;
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
  /** Two computations of the same sums in a different order (rounding only). */
  static final double ROUNDING_REL_TOL = 1e-10;
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
    assertThat(rows.size()).as("rows.size()").isEqualTo(20);
    double n0 = 1000 * 100;
    double bound = 2 / Math.sqrt(QuadraticDensity.fisherInformation(n0, 0));
    assertThat(bound).as("bound").isCloseTo(2 / Math.sqrt(n0 / 3), within(1e-15));
    for (String obs : List.of("optimal", "u")) {
      for (String strategy : List.of("uniform", "quantile")) {
        List<StudyRow> line = rows.stream().filter(r -> r.cell().observable().name().equals(obs)
            && r.cell().strategy().label().equals(strategy)).toList();
        assertThat(line.size()).as("line.size()").isEqualTo(5);
        double previous = Double.POSITIVE_INFINITY;
        for (StudyRow r : line) {
          String what = obs + " " + strategy + " " + r.cell().bins() + " bins";
          int k = r.cell().bins();
          assertThat(r.converged()).as(what + ": " + r.message()).isTrue();
          assertThat(r.message()).as(what).isEqualTo("ok");
          assertThat(r.binsMin()).as(what).isEqualTo(k);
          assertThat(r.binsMax()).as(what).isEqualTo(k);
          assertThat(r.width68Analytic()).as(what).isCloseTo(bound, within(1e-12 * bound));
          double expected = bound / Math.sqrt(1 - 1.0 / (k * k));
          assertThat(r.width68()).as(what).isCloseTo(expected, within(WIDTH_REL_TOL * expected));
          assertThat(r.fisherBinned())
              .as(what)
              .isCloseTo(n0 / 3 * (1 - 1.0 / (k * k)), within(FISHER_REL_TOL * n0 / 3));
          assertThat(r.width68())
              .as(what + ": width " + r.width68() + " below the bound " + bound)
              .isGreaterThanOrEqualTo(bound * (1 - BOUND_TOL));
          assertThat(r.width68())
              .as(what + ": width " + r.width68() + " not below the coarser binning's " + previous)
              .isLessThan(previous);
          previous = r.width68();
          // the MC sample's own per-event information is the analytic one up to MC noise
          assertThat(r.fisherUnbinned()).as(what).isCloseTo(n0 / 3, within(FISHER_REL_TOL * n0 / 3));
          // Asimov interval around the truth, symmetric to O(σ²)
          assertThat(r.interval68()[0] + r.interval68()[1]).as(what).isCloseTo(0.0, within(1e-3 * r.width68()));
          assertThat(r.width95() / r.width68()).as(what).isCloseTo(1.96, within(2e-3));
        }
        assertThat(previous).as(obs + " " + strategy + ": 16 bins within 0.3% of the bound").isLessThan(bound * 1.003);
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
    assertThat(rows.size()).as("rows.size()").isEqualTo(16);
    for (StudyRow r : rows) {
      String what = r.cell().toString();
      assertThat(r.converged()).as(what + ": " + r.message()).isTrue();
      assertThat(r.fisherBinned())
          .as(what + ": binned information above the per-event information")
          .isLessThanOrEqualTo(r.fisherUnbinned() * (1 + 1e-9));
      assertThat(r.width68()).as(what).isGreaterThanOrEqualTo(r.width68Bound() * (1 - 0.01));
      if (r.cell().strategy().kind() == StudyDefinition.StrategyKind.MIN_MCSTAT && r.cell().bins() == 12) {
        // 3000 events, ε = 6%: at most 1/ε² ≈ 278 equal-weight events per bin are needed → ≤ 10 bins
        assertThat(r.binsMax() <= 10 && r.binsMin() >= 2)
            .as(what + ": bins " + r.binsMin() + ".." + r.binsMax())
            .isTrue();
      }
    }
    // MC-statistical uncertainties only widen the intervals
    for (StudyRow with : rows) {
      if (!with.cell().mcstat()) {
        continue;
      }
      StudyRow without = rows.get(with.cell().index() - d.grid().luminosities().size() * d.grid().bins().size());
      assertThat(without.cell().bins()).as("without.cell().bins()").isEqualTo(with.cell().bins());
      assertThat(!without.cell().mcstat() && with.width68() > without.width68())
          .as(with.cell() + " vs " + without.cell())
          .isTrue();
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
      assertThat(quantile.width68())
          .as(bins + " bins: quantile " + quantile.width68() + " vs uniform " + uniform.width68())
          .isLessThan(0.7 * uniform.width68());
      // the per-point optimal observable is never worse than a histogram with the same strategy and bins
      for (String strategy : List.of("uniform", "quantile")) {
        StudyRow opt = find(rows, "optimal", strategy, bins);
        for (String obs : List.of("m_jj", "pt_h")) {
          StudyRow h = find(rows, obs, strategy, bins);
          assertThat(opt.width68())
              .as(strategy + " " + bins + ": optimal " + opt.width68() + " vs " + obs + " " + h.width68())
              .isLessThanOrEqualTo(h.width68() * (1 + 1e-2));
        }
      }
    }
    for (StudyRow r : rows) {
      assertThat(r.converged()).as(r.cell() + ": " + r.message()).isTrue();
      assertThat(r.fisherBinned())
          .as(r.cell() + ": binned information above the per-event information")
          .isLessThanOrEqualTo(r.fisherUnbinned() * (1 + 1e-9));
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
    assertThat(table(StudyFiles.result(ev, null, two, run)))
        .as("table(StudyFiles.result(ev, null, two, run))")
        .isEqualTo(a);
    assertThat(table(StudyFiles.result(ev, null, shards, run)))
        .as("table(StudyFiles.result(ev, null, shards, run))")
        .isEqualTo(a);
    StudyResult r = StudyFiles.result(ev, null, one, run);
    List<Path> written = StudyFiles.write(r, dir.resolve("out"));
    StudyResult back = StudyFiles.read(written.get(0));
    assertThat(Json.pretty(StudyFiles.toJson(back)))
        .as("Json.pretty(StudyFiles.toJson(back))")
        .isEqualTo(Json.pretty(StudyFiles.toJson(r)));
    assertThat(Files.readString(written.get(1))).as("Files.readString(written.get(1))").isEqualTo(StudyFiles.toCsv(r));
    assertThat(Files.readString(written.get(1)).lines().count())
        .as("Files.readString(written.get(1)).lines().count()")
        .isEqualTo(d.grid().size() + 1);
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
    assertThat(iv[0]).as("iv[0]").isCloseTo(mu - sigma, within(1e-12));
    assertThat(iv[1]).as("iv[1]").isCloseTo(mu + sigma, within(1e-12));
    double[] i95 = ModelFamily.acceptance(x, t, 3.84);
    assertThat(i95[0]).as("i95[0]").isCloseTo(mu - sigma * Math.sqrt(3.84), within(1e-12));
    assertThat(i95[1]).as("i95[1]").isCloseTo(mu + sigma * Math.sqrt(3.84), within(1e-12));
    // linear interpolation between the bracketing points would be biased inwards on this grid
    double linHi = x[6] + (1.0 - t[6]) * (x[7] - x[6]) / (t[7] - t[6]);
    assertThat(linHi).as("parabolic edge " + iv[1] + " vs linear " + linHi).isLessThan(iv[1] - 1e-3);
    // open ends and no crossing
    double[] open = ModelFamily.acceptance(new double[] {0, 1, 2}, new double[] {0.5, 0, 0.5}, 1.0);
    assertThat(Double.isNaN(open[0]) && Double.isNaN(open[1]))
        .as("Double.isNaN(open[0]) && Double.isNaN(open[1])")
        .isTrue();
    assertThat(AsimovScans.disjoint(new double[] {0, 1, 2, 3, 4}, new double[] {0.5, 3, 0, 3, 9}, ModelFamily.acceptance(
        new double[] {0, 1, 2, 3, 4}, new double[] {0.5, 3, 0, 3, 9}, 1.0), 1.0))
        .as("AsimovScans.disjoint(new double[] {0, 1, 2, 3, 4}, new double[] {0.5, 3, 0, 3, 9}, ModelFamily.acceptance( new double[] {0, 1, 2, 3, 4}, new double[] {0.5, 3, 0, 3, 9}, 1.0), 1.0)")
        .isTrue();
  }

  /**
   * fisher_binned is {@link FisherInformation}'s estimate with its jackknife error: for independent events
   * without MC statistics the binned template estimate, below the model's plug-in information by exactly the
   * noise term L Σ_b Σ_{i∈b} ∂w_i² / Σ_{i∈b} w_i; with MC statistics the model's profiled information. The
   * errors are written to the JSON and CSV tables.
   */
  @Test
  void binnedInformationIsTheDebiasedEstimateWithItsJackknifeError(@TempDir Path dir) throws Exception {
    StudyDefinition d = study(dir, """
        {"source": {"type": "quadratic-toy", "events": 2000, "seed": 7},
         "truth": 0.2, "scan": {"points": 15},
         "grid": {"observable": ["optimal", "u"], "strategy": "quantile", "bins": [4, 12], "luminosity": [50], "mcstat": [false, true]}}
        """);
    StudyEvents ev = StudyEvents.load(d);
    assertThat(ev.independentEvents()).as("a randomly sampled toy").isTrue();
    List<StudyRow> rows = BinningStudy.run(ev, Shard.ALL, 2, null);
    double truth = d.truth();
    for (StudyRow r : rows) {
      String what = r.cell().toString();
      AsimovScans.Recipe recipe = BinningStudy.recipe(ev, r.cell());
      double plugIn = AsimovScans.fisher(recipe, truth, truth);
      if (!r.cell().mcstat()) {
        double[] c = recipe.vector(truth);
        TruthTemplates.PointTemplates pt = TruthTemplates.build(recipe.q(), List.of(c), recipe.observable(),
            recipe.referenceWeights(), recipe.strategy()).get(0);
        int[] bins = pt.eventBins();
        double[] w = recipe.q().weights(c);
        double[] dw = recipe.q().weightDerivatives(c, 0);
        double[] sw = new double[pt.nbins()];
        double[] sq = new double[pt.nbins()];
        for (int i = 0; i < bins.length; i++) {
          sw[bins[i]] += w[i];
          sq[bins[i]] += dw[i] * dw[i];
        }
        double noise = 0;
        for (int b = 0; b < sw.length; b++) {
          noise += recipe.luminosity() * sq[b] / sw[b];
        }
        assertThat(r.fisherBinned()).as(what + ": plug-in minus the noise term")
            .isCloseTo(plugIn - noise, within(ROUNDING_REL_TOL * plugIn));
        assertThat(noise).as(what + ": a visible correction at 2000 events").isGreaterThan(1e-3 * plugIn);
      } else {
        assertThat(r.fisherBinned()).as(what + ": the profiled information of the model").isEqualTo(plugIn);
      }
      assertThat(r.fisherBinnedError()).as(what + ": jackknife error of fisher_binned")
          .isPositive().isLessThan(0.2 * r.fisherBinned());
      assertThat(r.fisherUnbinnedError()).as(what + ": jackknife error of fisher_unbinned")
          .isPositive().isLessThan(0.2 * r.fisherUnbinned());
    }
    StudyResult res = StudyFiles.result(ev, rows);
    JsonNode row = StudyFiles.toJson(res).get("rows").get(1);
    assertThat(row.get("fisher_binned_error").asDouble()).as("JSON fisher_binned_error").isEqualTo(rows.get(1).fisherBinnedError());
    assertThat(row.get("fisher_unbinned_error").asDouble()).as("JSON fisher_unbinned_error")
        .isEqualTo(rows.get(1).fisherUnbinnedError());
    List<String> csv = StudyFiles.toCsv(res).lines().toList();
    List<String> header = List.of(csv.get(0).split(","));
    String[] second = csv.get(2).split(",");
    assertThat(Double.parseDouble(second[header.indexOf("fisher_binned_error")])).as("CSV fisher_binned_error")
        .isEqualTo(rows.get(1).fisherBinnedError());
    assertThat(Double.parseDouble(second[header.indexOf("fisher_unbinned_error")])).as("CSV fisher_unbinned_error")
        .isEqualTo(rows.get(1).fisherUnbinnedError());
    // a stratified sample has almost no Monte-Carlo noise to remove: its fisher_binned is the plug-in value
    StudyEvents strat = StudyEvents.load(study(dir, TOY));
    assertThat(strat.independentEvents()).as("stratified").isFalse();
  }
}
