package io.sumbin.binning.lhe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sumbin.binning.Column;
import io.sumbin.binning.EventTable;
import io.sumbin.testsupport.SharedData;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The shared MadGraph samples (skipped when ../shared is absent, failed under CI=true). */
class SharedLheFilesTest {
  /** XSECUP is printed with 7 significant digits, XWGTUP with 8. */
  private static final double HEADER_DIGITS = 1e-6;
  private static final double ROUNDING = 1e-9;

  static Path shared(String name) {
    return SharedData.lhe(name);
  }

  @Test
  void vbfSample() {
    Path p = shared("smeftsim_VBFH-1.lhe.gz");
    long t0 = System.nanoTime();
    LheSample s = LheSample.read(p);
    double seconds = (System.nanoTime() - t0) * 1e-9;
    EventTable t = s.events();
    System.out.printf(Locale.ROOT, "LHE read benchmark: %d events, %d weights, %d columns in %.3f s (%s)%n", t.size(),
        s.weightIds().size(), t.columnNames().size(), seconds, p.getFileName());
    assertThat(t.size()).as("t.size()").isEqualTo(10_000);
    assertThat(s.weightIds().size()).as("s.weightIds().size()").isEqualTo(21);
    assertThat(s.weightIds().get(0)).as("s.weightIds().get(0)").isEqualTo("SM");
    assertThat(s.normalizations()).as("s.normalizations()").isEqualTo(List.of(WeightNormalization.AVERAGE));
    assertThat(s.headerCrossSectionPb()).as("s.headerCrossSectionPb()").isCloseTo(3.343019, within(0.0));
    assertThat(t.sumWeights())
        .as("t.sumWeights()")
        .isCloseTo(s.headerCrossSectionPb(), within(HEADER_DIGITS * s.headerCrossSectionPb()));
    // first event (file text): XWGTUP = 3.3430188, cHW_0p1 = 3.1243153, jets (3.7737, 38.371, -135.77, 141.13)
    // and (31.959, -109.66, -149.53, 188.17)
    assertThat(t.weight(0)).as("t.weight(0)").isCloseTo(3.3430188 / 10_000, within(ROUNDING * t.weight(0)));
    assertThat(t.value("rwgt_cHW_0p1", 0))
        .as("t.value(\"rwgt_cHW_0p1\", 0)")
        .isCloseTo(3.1243153 / 10_000, within(ROUNDING * t.weight(0)));
    double e = 1.4113477140e+02 + 1.8816808583e+02;
    double px = 3.7736575795e+00 + 3.1959436561e+01;
    double py = 3.8370764330e+01 - 1.0966026788e+02;
    double pz = -1.3576622427e+02 - 1.4953410509e+02;
    assertThat(t.value("m_jj", 0))
        .as("t.value(\"m_jj\", 0)")
        .isCloseTo(Math.sqrt(e * e - px * px - py * py - pz * pz), within(ROUNDING * 150));
    assertThat(t.value("pt_h", 0))
        .as("t.value(\"pt_h\", 0)")
        .isCloseTo(Math.hypot(-3.5733094141e+01, 7.1289503552e+01), within(ROUNDING * 100));
    Column ptj1 = t.column("pt_j1");
    Column ptj2 = t.column("pt_j2");
    for (int i = 0; i < t.size(); i++) {
      assertThat(ptj1.get(i)).as("jets ordered by pT, event " + i).isGreaterThanOrEqualTo(ptj2.get(i));
      assertThat(t.value("deta_jj", i) >= 0 && Double.isFinite(t.value("m_jj", i)))
          .as("t.value(\"deta_jj\", i) >= 0 && Double.isFinite(t.value(\"m_jj\", i))")
          .isTrue();
    }
  }

  @Test
  void drellYanSample() {
    LheSample s = LheSample.read(shared("dy1j.lhe.gz"));
    EventTable t = s.events();
    assertThat(t.size()).as("t.size()").isEqualTo(10_000);
    assertThat(s.weightIds().size()).as("s.weightIds().size()").isEqualTo(37);
    assertThat(t.sumWeights())
        .as("t.sumWeights()")
        .isCloseTo(s.headerCrossSectionPb(), within(HEADER_DIGITS * s.headerCrossSectionPb()));
    assertThat(t.hasColumn("m_ll") && t.hasColumn("cos_theta_cs") && t.hasColumn("dphi_ll_j"))
        .as("t.hasColumn(\"m_ll\") && t.hasColumn(\"cos_theta_cs\") && t.hasColumn(\"dphi_ll_j\")")
        .isTrue();
    for (int i = 0; i < t.size(); i++) {
      double c = t.value("cos_theta_cs", i);
      assertThat(c >= -1 - ROUNDING && c <= 1 + ROUNDING).as("cos theta* in [-1, 1], event " + i + ": " + c).isTrue();
      assertThat(t.value("pt_l1", i))
          .as("t.value(\"pt_l1\", i) >= t.value(\"pt_l2\", i)")
          .isGreaterThanOrEqualTo(t.value("pt_l2", i));
      // 2 -> 3 at LO: the dilepton system recoils against the jet
      assertThat(t.value("pt_ll", i))
          .as("t.value(\"pt_ll\", i)")
          .isCloseTo(t.value("pt_j", i), within(1e-6 * t.value("pt_j", i) + 1e-6));
      assertThat(t.value("dphi_ll_j", i)).as("t.value(\"dphi_ll_j\", i)").isCloseTo(Math.PI, within(1e-6));
    }
  }
}
