package io.sumbin.eft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sumbin.binning.source.EventSample;
import io.sumbin.binning.source.EventSources;
import io.sumbin.binning.source.MadMinerMorphing;
import io.sumbin.eft.morphing.MorphingDesign;
import io.sumbin.eft.morphing.ParameterPoint;
import io.sumbin.eft.morphing.QuadraticBasis;
import io.sumbin.histmodel.BadInputException;
import io.sumbin.testsupport.SharedData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The EFT weights of an LHE sample survive conversion to Parquet, CSV and MadMiner HDF5: the same
 * per-event quadratic coefficients and the same truth-level Fisher information.
 */
class EventFileFormatsTest {
  /** MadMiner morphing matrix applied in another summation order than the LHE least squares. */
  private static final double MORPHING_ROUNDING = 1e-11;
  private static final double LUMI_FB = 300.0;

  @TempDir static Path dir;
  private static Path lheFile;
  private static EventSample lhe;
  private static EftEvents fromLhe;

  @BeforeAll
  static void read() {
    lheFile = SharedData.lhe("smeftsim_VBFH-1.lhe.gz");
    lhe = EventSources.read(lheFile);
    fromLhe = EftEvents.fromLhe(List.of(lheFile));
  }

  /** The LHE ids as declared benchmark values over the LHE's coefficients (in their order). */
  private static EventSample declared(EventSample s) {
    List<String> coeffs = fromLhe.coefficients();
    Map<String, double[]> v = new LinkedHashMap<>();
    for (String id : s.weightIds()) {
      v.put(id, ParameterPoint.parseMadGraphId(id).vector(coeffs));
    }
    return s.withBenchmarks(coeffs, v);
  }

  /** MadMiner's morphing for the LHE's 21 points: M = X⁺ with rows per monomial, components as powers. */
  private static MadMinerMorphing madMinerMorphing(EventSample s) {
    List<String> coeffs = fromLhe.coefficients();
    List<ParameterPoint> pts = new ArrayList<>();
    for (String id : s.weightIds()) {
      pts.add(ParameterPoint.parseMadGraphId(id));
    }
    QuadraticBasis basis = new QuadraticBasis(coeffs, false);
    MorphingDesign d = MorphingDesign.of(pts, basis);
    double[] pinv = d.pseudoInverse();
    int p = pts.size();
    int[][] powers = new int[basis.size()][coeffs.size()];
    double[][] m = new double[basis.size()][p];
    for (int k = 0; k < basis.size(); k++) {
      for (String c : basis.monomial(k)) {
        powers[k][coeffs.indexOf(c)]++;
      }
      for (int r = 0; r < p; r++) {
        m[k][r] = basis.multiplicity(k) * pinv[k * p + r];
      }
    }
    return new MadMinerMorphing(powers, m);
  }

  @Test
  void parquetAndCsvCopiesGiveTheLheCoefficientsExactly() {
    for (String name : List.of("vbf.parquet", "vbf.csv.gz")) {
      Path f = dir.resolve(name);
      EventSources.write(lhe, f);
      EftEvents ev = EftEvents.read(List.of(f));
      assertThat(ev.coefficients()).as(name).isEqualTo(fromLhe.coefficients());
      assertSameCoefficients(name, ev, 0.0);
      assertThat(fisher(ev)).as(name).isEqualTo(fisher(fromLhe));
    }
  }

  @Test
  void madMinerFileGivesTheLheCoefficients() {
    Path plain = dir.resolve("vbf_benchmarks.h5");
    EventSources.write(declared(lhe), plain);
    EftEvents viaBenchmarks = EftEvents.read(List.of(plain));
    assertSameCoefficients("HDF5, benchmark values", viaBenchmarks, 0.0);
    assertThat(fisher(viaBenchmarks)).isEqualTo(fisher(fromLhe));

    Path mm = dir.resolve("vbf_madminer.h5");
    EventSources.write(declared(lhe).withMorphing(madMinerMorphing(lhe)), mm);
    EventSample back = EventSources.read(mm);
    assertThat(back.morphing()).isPresent();
    assertThat(back.morphing().get().size()).isEqualTo(21);
    EftEvents viaMorphing = EftEvents.from(back);
    assertThat(viaMorphing.coefficients()).isEqualTo(fromLhe.coefficients());
    assertSameCoefficients("HDF5, MadMiner morphing matrix", viaMorphing, MORPHING_ROUNDING);
    assertThat(printed(fisher(viaMorphing))).as("to the last printed digit").isEqualTo(printed(fisher(fromLhe)));
  }

  /**
   * A file written by h5py, the library MadMiner writes with, in MadMiner's full layout and dtypes
   * ({@code binning/src/test/fixtures/madminer_h5py.py}: names as fixed-length byte strings, {@code
   * is_reference} as h5py's boolean enum, MadMiner's quadratic morphing matrix D⁻¹ in its own component
   * order), from the VBF events with m_jj &gt; 2500: the same observables and per-event quadratic
   * coefficients as the LHE's events of that selection.
   */
  @Test
  void madMinerFileWrittenByH5pyGivesTheLheCoefficients() {
    Path h5 = Path.of("../binning/src/test/resources/events/madminer_h5py_vbf.h5");
    EventSample back = EventSources.read(h5);
    assertThat(back.morphing()).as("MadMiner morphing read").isPresent();
    EftEvents viaH5py = EftEvents.from(back);
    boolean[] keep = io.sumbin.binning.expr.Expression.parse("m_jj > 2500").test(lhe.events());
    int[] idx = java.util.stream.IntStream.range(0, keep.length).filter(i -> keep[i]).toArray();
    assertThat(idx).hasSize(295);
    EftEvents expected = fromLhe.subset(idx);
    assertThat(viaH5py.size()).isEqualTo(expected.size());
    assertThat(viaH5py.table().doubles("m_jj")).containsExactly(expected.table().doubles("m_jj"));
    int kk = expected.monomials().size();
    double maxRel = 0;
    for (int k = 0; k < kk; k++) {
      int k2 = viaH5py.indexOfMonomial(expected.monomials().get(k));
      assertThat(k2).as("monomial " + expected.monomials().get(k)).isGreaterThanOrEqualTo(0);
      for (int i = 0; i < expected.size(); i++) {
        maxRel = Math.max(maxRel, Math.abs(viaH5py.component(i, k2) - expected.component(i, k)) / Math.abs(expected.component(i, 0)));
      }
    }
    assertThat(maxRel).as("max |ΔB_ik| / B_i0 (MadMiner's morphing, another summation order)").isLessThanOrEqualTo(MORPHING_ROUNDING);
  }

  @Test
  void weightsThatDoNotDetermineTheQuadraticsAreBadInput() {
    EventSample s = declared(lhe);
    List<String> few = s.weightIds().subList(0, 5);
    Map<String, double[]> v = new LinkedHashMap<>();
    few.forEach(id -> v.put(id, s.benchmarkValues().get(id)));
    assertThatThrownBy(() -> EftEvents.from(s.withBenchmarks(s.parameters(), v)))
        .isInstanceOf(BadInputException.class).hasMessageStartingWith(lheFile + ": ");
  }

  private static void assertSameCoefficients(String what, EftEvents ev, double relTol) {
    assertThat(ev.size()).as(what).isEqualTo(fromLhe.size());
    int kk = fromLhe.monomials().size();
    double maxRel = 0;
    for (int k = 0; k < kk; k++) {
      int k2 = ev.indexOfMonomial(fromLhe.monomials().get(k));
      assertThat(k2).as(what + ": monomial " + fromLhe.monomials().get(k)).isGreaterThanOrEqualTo(0);
      for (int i = 0; i < ev.size(); i++) {
        double a = ev.component(i, k2);
        double e = fromLhe.component(i, k);
        if (relTol == 0) {
          if (a != e) {
            throw new AssertionError(what + ": event " + i + ", monomial " + fromLhe.monomials().get(k) + ": " + a + " != " + e);
          }
        } else {
          double scale = Math.abs(fromLhe.component(i, 0));
          maxRel = Math.max(maxRel, Math.abs(a - e) / scale);
        }
      }
    }
    assertThat(maxRel).as(what + ": max |ΔB_ik| / B_i0").isLessThanOrEqualTo(relTol);
  }

  /** Truth-level Fisher information on cHW at the SM, (I ± error) for 300 fb⁻¹. */
  private static FisherInformation.Estimate fisher(EftEvents ev) {
    return FisherInformation.unbinned(ev.smWeights(), ev.smDerivativeWeights("cHW"), LUMI_FB * 1000,
        FisherInformation.DEFAULT_GROUPS, FisherInformation.DEFAULT_SEED);
  }

  private static String printed(FisherInformation.Estimate e) {
    return String.format(Locale.ROOT, "%.4g ± %.2g", e.value(), e.error());
  }
}
