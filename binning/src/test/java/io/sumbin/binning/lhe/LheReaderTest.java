package io.sumbin.binning.lhe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sumbin.binning.EventTable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader on small hand-written files whose every number is known. */
class LheReaderTest {
  private static final double EXACT = 0.0;
  private static final double ROUNDING = 1e-12;

  /** A VBF-like file: 2 events, 3 weights; event 1 has a Higgs along x and two jets. */
  static String vbfText(String event2Extra) {
    return String.join("\n",
        "<LesHouchesEvents version=\"3.0\">",
        "<header>",
        "<MG5ProcCard>",
        "<![CDATA[",
        "<init> inside CDATA must be ignored",
        "]]>",
        "</MG5ProcCard>",
        "<initrwgt>",
        "<weightgroup name='mg_reweighting' weight_name_strategy='includeIdInWeightName'>",
        "<weight id='SM'></weight>",
        "<weight id='cHW_0p1'>set param_card smeft 7 0.1 # orig: 0.0",
        "</weight>",
        "<weight id=\"cHW_m0p1\">set param_card smeft 7 -0.1</weight>",
        "</weightgroup>",
        "</initrwgt>",
        "</header>",
        "<init>",
        "2212 2212 6.500000e+03 6.500000e+03 0 0 247000 247000 -4 1",
        "2.0e+00 1.0e-02 2.0e+00 1",
        "<generator name='MadGraph5_aMC@NLO' version='3.5.6'>please cite 1405.0301 </generator>",
        "</init>",
        "<event>",
        " 5      1 +2.0000000e+00 1.0e+02 7.5e-03 1.1e-01",
        "        2 -1    0    0  502    0 +0.0e+00 +0.0e+00 +5.0e+02 5.0e+02 0.0e+00 0.0e+00 -1.0e+00",
        "        1 -1    0    0  501    0 -0.0e+00 -0.0e+00 -5.0e+02 5.0e+02 0.0e+00 0.0e+00 -1.0e+00",
        "       25  1    1    2    0    0 +1.0e+02 +0.0e+00 +0.0e+00 1.6e+02 1.25e+02 0.0e+00 0.0e+00",
        "        2  1    1    2  502    0 -3.0e+01 +4.0e+01 +1.2e+02 1.3e+02 0.0e+00 0.0e+00 -1.0e+00",
        "        1  1    1    2  501    0 -7.0e+01 -4.0e+01 -1.2e+02 1.6e+02 0.0e+00 0.0e+00 1.0e+00",
        "<mgrwt>",
        "<rscale>  0 0.63E+02</rscale>",
        "</mgrwt>",
        "<rwgt>",
        "<wgt id='SM'> +2.0000000e+00 </wgt>",
        "<wgt id='cHW_0p1'> +1.5000000e+00 </wgt>",
        "<wgt id='cHW_m0p1'> +2.7000000e+00 </wgt>",
        "</rwgt>",
        "</event>",
        "<event>",
        " 5      1 +2.0000000e+00 1.0e+02 7.5e-03 1.1e-01",
        "        2 -1    0    0  502    0 +0.0e+00 +0.0e+00 +5.0e+02 5.0e+02 0.0e+00 0.0e+00 -1.0e+00",
        "        1 -1    0    0  501    0 -0.0e+00 -0.0e+00 -5.0e+02 5.0e+02 0.0e+00 0.0e+00 -1.0e+00",
        "       25  1    1    2    0    0 +0.0e+00 +5.0e+01 +1.0e+01 1.4e+02 1.25e+02 0.0e+00 0.0e+00",
        "        2  1    1    2  502    0 +1.0e+01 -2.0e+01 +3.0e+02 3.1e+02 0.0e+00 0.0e+00 -1.0e+00",
        "        1  1    1    2  501    0 -1.0e+01 -3.0e+01 -2.0e+02 2.1e+02 0.0e+00 0.0e+00 1.0e+00",
        "<rwgt>",
        "<wgt id='SM'> +2.0000000e+00 </wgt>",
        "<wgt id='cHW_0p1'> +2.2000000e+00 </wgt>",
        event2Extra,
        "</rwgt>",
        "</event>",
        "</LesHouchesEvents>",
        "");
  }

  static final String GOOD = vbfText("<wgt id='cHW_m0p1'> +1.9000000e+00 </wgt>");

  static Path write(Path dir, String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  static Path writeGz(Path dir, String name, byte[] bytes) throws IOException {
    Path p = dir.resolve(name);
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(p))) {
      o.write(bytes);
    }
    return p;
  }

  @Test
  void readsHeaderEventsAndWeights(@TempDir Path dir) throws IOException {
    Path p = write(dir, "vbf.lhe", GOOD);
    try (LheReader r = LheReader.open(p)) {
      LheHeader h = r.header();
      assertEquals("3.0", h.version());
      assertEquals(2212, h.beam1());
      assertEquals(13000.0, h.sqrtS(), EXACT);
      assertEquals(-4, h.weightingStrategy());
      assertEquals(List.of(new LheProcess(2.0, 0.01, 2.0, 1)), h.processes());
      assertEquals(List.of("SM", "cHW_0p1", "cHW_m0p1"), r.weightIds());
      assertEquals(new WeightDeclaration("cHW_0p1", "mg_reweighting", "set param_card smeft 7 0.1 # orig: 0.0"),
          h.weights().get(1));
      assertTrue(r.hasNext());
      LheEvent e = r.next();
      assertEquals(22, e.line());
      assertEquals(2.0, e.weight(), EXACT);
      assertEquals(5, e.particles().size());
      LheParticle higgs = e.particles().get(2);
      assertEquals(new LheParticle(25, 1, 1, 2, 0, 0, 100, 0, 0, 160, 125, 0, 0), higgs);
      assertArrayEquals(new double[] {2.0, 1.5, 2.7}, e.reweights(), EXACT);
      LheEvent e2 = r.next();
      assertArrayEquals(new double[] {2.0, 2.2, 1.9}, e2.reweights(), EXACT);
      assertFalse(r.hasNext());
      assertEquals(2, r.eventsRead());
    }
  }

  @Test
  void gzipIsDetectedFromTheContent(@TempDir Path dir) throws IOException {
    Path p = writeGz(dir, "no-gz-extension.lhe", GOOD.getBytes(StandardCharsets.UTF_8));
    LheSample s = LheSample.read(p);
    assertEquals(2, s.events().size());
  }

  @Test
  void vbfObservablesOfAKnownEvent(@TempDir Path dir) throws IOException {
    EventTable t = LheSample.read(write(dir, "vbf.lhe", GOOD)).events();
    assertEquals(List.of("pt_h", "eta_h", "phi_h", "pt_j1", "eta_j1", "phi_j1", "pt_j2", "eta_j2", "phi_j2", "m_jj",
        "deta_jj", "dphi_jj", "dphi_jj_signed", "dphi_h_j1", "dphi_h_j2", "rwgt_SM", "rwgt_cHW_0p1", "rwgt_cHW_m0p1"),
        t.columnNames());
    // Higgs (100, 0, 0): pT 100, eta 0, phi 0
    assertEquals(100.0, t.value("pt_h", 0), EXACT);
    assertEquals(0.0, t.value("eta_h", 0), EXACT);
    assertEquals(0.0, t.value("phi_h", 0), EXACT);
    // jets: (-70,-40,-120) pT = sqrt(6500) leads (-30, 40, 120) pT = 50
    assertEquals(Math.sqrt(6500), t.value("pt_j1", 0), ROUNDING);
    assertEquals(50.0, t.value("pt_j2", 0), ROUNDING);
    double eta1 = Math.log(120 / Math.sqrt(6500) + Math.sqrt(1 + 120.0 * 120 / 6500)) * -1;
    double eta2 = Math.log(120 / 50.0 + Math.sqrt(1 + 120.0 * 120 / 2500));
    assertEquals(eta1, t.value("eta_j1", 0), ROUNDING);
    assertEquals(eta2 - eta1, t.value("deta_jj", 0), ROUNDING);
    // m_jj from E = 290, p = (-100, 0, 0)
    assertEquals(Math.sqrt(290.0 * 290 - 100 * 100), t.value("m_jj", 0), ROUNDING);
    double phi1 = Math.atan2(-40, -70);
    double phi2 = Math.atan2(40, -30);
    assertEquals(2 * Math.PI - Math.abs(phi1 - phi2), t.value("dphi_jj", 0), ROUNDING, "|phi1 - phi2| > pi wraps");
    // forward jet (larger eta) is j2: phi2 - phi1 wrapped into (-pi, pi]
    assertEquals(Kinematics.deltaPhi(phi2, phi1), t.value("dphi_jj_signed", 0), ROUNDING);
    assertEquals(Math.abs(phi1), t.value("dphi_h_j1", 0), ROUNDING, "Higgs at phi = 0");
    // AVERAGE normalisation: w = XWGTUP / N = 2 / 2; reweighting columns scaled alike
    assertEquals(2.0, t.sumWeights(), EXACT);
    assertArrayEquals(new double[] {1.35, 0.95}, t.doubles("rwgt_cHW_m0p1"), EXACT);
  }

  @Test
  void sumNormalisationIsDetected(@TempDir Path dir) throws IOException {
    // the same events with XWGTUP = 1 = sigma / N: event_norm = sum
    String sum = GOOD.replace("+2.0000000e+00 1.0e+02", "+1.0000000e+00 1.0e+02");
    LheSample s = LheSample.read(write(dir, "sum.lhe", sum));
    assertEquals(List.of(WeightNormalization.SUM), s.normalizations());
    assertEquals(2.0, s.events().sumWeights(), EXACT);
    LheSample twice = LheSample.read(List.of(write(dir, "a.lhe", GOOD), write(dir, "b.lhe", sum)), LheReadOptions.DEFAULT);
    assertEquals(4, twice.events().size());
    assertEquals(2.0, twice.events().sumWeights(), EXACT, "two samples of one process estimate one cross section");
  }

  @Test
  void floatObservablesOption(@TempDir Path dir) throws IOException {
    EventTable t = LheSample.read(List.of(write(dir, "vbf.lhe", GOOD)),
        LheReadOptions.DEFAULT.withFloatObservables(true).withProcess("vbf")).events();
    assertEquals(io.sumbin.binning.Column.Type.FLOAT, t.column("m_jj").type());
    assertEquals(io.sumbin.binning.Column.Type.DOUBLE, t.column("rwgt_SM").type());
    assertEquals("vbf", t.process(0));
  }

  private static LheFormatException fails(Path dir, String text) throws IOException {
    Path p = write(dir, "bad.lhe", text);
    return assertThrows(LheFormatException.class, () -> LheSample.read(p));
  }

  @Test
  void malformedParticleLineNamesTheLine(@TempDir Path dir) throws IOException {
    String bad = GOOD.replace("        2  1    1    2  502    0 -3.0e+01 +4.0e+01 +1.2e+02 1.3e+02 0.0e+00 0.0e+00 -1.0e+00",
        "        2  1    1    2  502    0 -3.0e+01 +4.0e+01 +1.2e+02 1.3e+02");
    LheFormatException e = fails(dir, bad);
    assertEquals(27, e.line());
    assertEquals(dir.resolve("bad.lhe") + ": line 27: particle line 4 of 5: expected 13 values (IDUP ISTUP MOTHUP(1,2) "
        + "ICOLUP(1,2) PUP(1..5) VTIMUP SPINUP), found 10 values", e.getMessage());
  }

  @Test
  void badNumberNamesFieldAndLine(@TempDir Path dir) throws IOException {
    LheFormatException e = fails(dir, GOOD.replace("+1.2e+02 1.3e+02", "+1.2e+02 1.3x+02"));
    assertEquals(27, e.line());
    assertTrue(e.getMessage().endsWith("line 27: E: '1.3x+02' is not a number"), e.getMessage());
  }

  @Test
  void tooFewParticleLines(@TempDir Path dir) throws IOException {
    LheFormatException e = fails(dir, GOOD.replaceFirst(" 5      1 \\+2", " 6      1 +2"));
    assertEquals(29, e.line());
    assertTrue(e.detail().startsWith("particle line 6 of 6: expected 13 values"), e.detail());
  }

  @Test
  void undeclaredMissingAndDuplicateWeights(@TempDir Path dir) throws IOException {
    LheFormatException undeclared = fails(dir, vbfText("<wgt id='cHB_0p1'> +1.9e+00 </wgt>"));
    assertEquals("weight id 'cHB_0p1' is not declared in <initrwgt>", undeclared.detail());
    assertEquals(48, undeclared.line());
    LheFormatException missing = fails(dir, vbfText(""));
    assertEquals("event starting at line 38 has no weight for id 'cHW_m0p1' (declared weights: 3)", missing.detail());
    LheFormatException twice = fails(dir, vbfText("<wgt id='SM'> +1.9e+00 </wgt>"));
    assertEquals("weight id 'SM' appears twice in the event", twice.detail());
  }

  @Test
  void truncatedPlainFile(@TempDir Path dir) throws IOException {
    String cut = GOOD.substring(0, GOOD.indexOf("<rwgt>", GOOD.indexOf("<rwgt>") + 1));
    LheFormatException e = fails(dir, cut);
    assertEquals("event starting at line 38 is not closed (truncated?)", e.detail());
    assertEquals(44, e.line());
    LheFormatException noEnd = fails(dir, GOOD.replace("</LesHouchesEvents>", ""));
    assertEquals("file ends after 2 events without </LesHouchesEvents> (truncated?)", noEnd.detail());
  }

  @Test
  void truncatedGzipStream(@TempDir Path dir) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    String head = GOOD.substring(0, GOOD.indexOf("<event>"));
    String events = GOOD.substring(GOOD.indexOf("<event>"), GOOD.indexOf("</LesHouchesEvents>"));
    try (OutputStream o = new GZIPOutputStream(bos)) {
      o.write(head.getBytes(StandardCharsets.UTF_8));
      for (int k = 0; k < 2000; k++) {
        o.write(events.getBytes(StandardCharsets.UTF_8));
      }
      o.write("</LesHouchesEvents>\n".getBytes(StandardCharsets.UTF_8));
    }
    Path whole = dir.resolve("whole.lhe.gz");
    Files.write(whole, bos.toByteArray());
    assertEquals(4000, LheSample.read(whole).events().size(), "the untruncated stream is fine");
    byte[] all = bos.toByteArray();
    Path p = dir.resolve("cut.lhe.gz");
    Files.write(p, java.util.Arrays.copyOf(all, all.length / 2));
    LheFormatException e = assertThrows(LheFormatException.class, () -> LheSample.read(p));
    assertTrue(e.detail().startsWith("truncated or corrupt gzip stream"), e.getMessage());
    assertTrue(e.line() > 0);
  }

  @Test
  void notAnLheFileAndMissingFile(@TempDir Path dir) throws IOException {
    LheFormatException e = fails(dir, "{\"channels\": []}\n");
    assertEquals("not a Les Houches event file: expected <LesHouchesEvents ...>, found '{\"channels\": []}'", e.detail());
    assertEquals(1, e.line());
    UncheckedIOException io = assertThrows(UncheckedIOException.class, () -> LheSample.read(dir.resolve("none.lhe")));
    assertTrue(io.getMessage().contains("none.lhe: cannot read (NoSuchFileException"), io.getMessage());
  }

  @Test
  void idsFromTheFirstEventWhenNothingIsDeclared(@TempDir Path dir) throws IOException {
    String text = GOOD.substring(0, GOOD.indexOf("<initrwgt>")) + GOOD.substring(GOOD.indexOf("</initrwgt>") + 12);
    try (LheReader r = LheReader.open(write(dir, "undeclared.lhe", text))) {
      assertEquals(List.of("SM", "cHW_0p1", "cHW_m0p1"), r.weightIds());
      assertEquals(List.of("SM", "cHW_0p1", "cHW_m0p1"), r.header().weightIds());
      r.next();
      assertArrayEquals(new double[] {2.0, 2.2, 1.9}, r.next().reweights(), EXACT);
    }
  }

  @Test
  void kinematicsHelpers() {
    assertEquals(0.0, Kinematics.eta(1, 0, 0), EXACT);
    assertEquals(-Kinematics.eta(3, 4, 7), Kinematics.eta(3, 4, -7), EXACT);
    assertEquals(Math.log(7.0 / 5 + Math.sqrt(1 + 49.0 / 25)), Kinematics.eta(3, 4, 7), ROUNDING);
    assertEquals(Double.POSITIVE_INFINITY, Kinematics.eta(0, 0, 1), EXACT);
    assertEquals(Math.PI, Kinematics.deltaPhi(Math.PI, 0), EXACT);
    assertEquals(0.5, Kinematics.deltaPhi(-Math.PI + 0.25, Math.PI - 0.25), ROUNDING);
    assertEquals(0.0, Kinematics.mass(1, 0.6, 0.8, 0), ROUNDING);
  }
}
