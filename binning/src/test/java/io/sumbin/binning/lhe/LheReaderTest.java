package io.sumbin.binning.lhe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

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
      assertThat(h.version()).as("h.version()").isEqualTo("3.0");
      assertThat(h.beam1()).as("h.beam1()").isEqualTo(2212);
      assertThat(h.sqrtS()).as("h.sqrtS()").isCloseTo(13000.0, within(EXACT));
      assertThat(h.weightingStrategy()).as("h.weightingStrategy()").isEqualTo(-4);
      assertThat(h.processes()).as("h.processes()").isEqualTo(List.of(new LheProcess(2.0, 0.01, 2.0, 1)));
      assertThat(r.weightIds()).as("r.weightIds()").isEqualTo(List.of("SM", "cHW_0p1", "cHW_m0p1"));
      assertThat(h.weights().get(1))
          .as("h.weights().get(1)")
          .isEqualTo(new WeightDeclaration("cHW_0p1", "mg_reweighting", "set param_card smeft 7 0.1 # orig: 0.0"));
      assertThat(r.hasNext()).as("r.hasNext()").isTrue();
      LheEvent e = r.next();
      assertThat(e.line()).as("e.line()").isEqualTo(22);
      assertThat(e.weight()).as("e.weight()").isCloseTo(2.0, within(EXACT));
      assertThat(e.particles().size()).as("e.particles().size()").isEqualTo(5);
      LheParticle higgs = e.particles().get(2);
      assertThat(higgs).as("higgs").isEqualTo(new LheParticle(25, 1, 1, 2, 0, 0, 100, 0, 0, 160, 125, 0, 0));
      assertThat(e.reweights()).as("e.reweights()").containsExactly(new double[] {2.0, 1.5, 2.7}, within(EXACT));
      LheEvent e2 = r.next();
      assertThat(e2.reweights()).as("e2.reweights()").containsExactly(new double[] {2.0, 2.2, 1.9}, within(EXACT));
      assertThat(r.hasNext()).as("r.hasNext()").isFalse();
      assertThat(r.eventsRead()).as("r.eventsRead()").isEqualTo(2);
    }
  }

  @Test
  void gzipIsDetectedFromTheContent(@TempDir Path dir) throws IOException {
    Path p = writeGz(dir, "no-gz-extension.lhe", GOOD.getBytes(StandardCharsets.UTF_8));
    LheSample s = LheSample.read(p);
    assertThat(s.events().size()).as("s.events().size()").isEqualTo(2);
  }

  @Test
  void vbfObservablesOfAKnownEvent(@TempDir Path dir) throws IOException {
    EventTable t = LheSample.read(write(dir, "vbf.lhe", GOOD)).events();
    assertThat(t.columnNames())
        .as("t.columnNames()")
        .isEqualTo(List.of("pt_h", "eta_h", "phi_h", "pt_j1", "eta_j1", "phi_j1", "pt_j2", "eta_j2", "phi_j2", "m_jj",
        "deta_jj", "dphi_jj", "dphi_jj_signed", "dphi_h_j1", "dphi_h_j2", "rwgt_SM", "rwgt_cHW_0p1", "rwgt_cHW_m0p1"));
    // Higgs (100, 0, 0): pT 100, eta 0, phi 0
    assertThat(t.value("pt_h", 0)).as("t.value(\"pt_h\", 0)").isCloseTo(100.0, within(EXACT));
    assertThat(t.value("eta_h", 0)).as("t.value(\"eta_h\", 0)").isCloseTo(0.0, within(EXACT));
    assertThat(t.value("phi_h", 0)).as("t.value(\"phi_h\", 0)").isCloseTo(0.0, within(EXACT));
    // jets: (-70,-40,-120) pT = sqrt(6500) leads (-30, 40, 120) pT = 50
    assertThat(t.value("pt_j1", 0)).as("t.value(\"pt_j1\", 0)").isCloseTo(Math.sqrt(6500), within(ROUNDING));
    assertThat(t.value("pt_j2", 0)).as("t.value(\"pt_j2\", 0)").isCloseTo(50.0, within(ROUNDING));
    double eta1 = Math.log(120 / Math.sqrt(6500) + Math.sqrt(1 + 120.0 * 120 / 6500)) * -1;
    double eta2 = Math.log(120 / 50.0 + Math.sqrt(1 + 120.0 * 120 / 2500));
    assertThat(t.value("eta_j1", 0)).as("t.value(\"eta_j1\", 0)").isCloseTo(eta1, within(ROUNDING));
    assertThat(t.value("deta_jj", 0)).as("t.value(\"deta_jj\", 0)").isCloseTo(eta2 - eta1, within(ROUNDING));
    // m_jj from E = 290, p = (-100, 0, 0)
    assertThat(t.value("m_jj", 0))
        .as("t.value(\"m_jj\", 0)")
        .isCloseTo(Math.sqrt(290.0 * 290 - 100 * 100), within(ROUNDING));
    double phi1 = Math.atan2(-40, -70);
    double phi2 = Math.atan2(40, -30);
    assertThat(t.value("dphi_jj", 0))
        .as("|phi1 - phi2| > pi wraps")
        .isCloseTo(2 * Math.PI - Math.abs(phi1 - phi2), within(ROUNDING));
    // forward jet (larger eta) is j2: phi2 - phi1 wrapped into (-pi, pi]
    assertThat(t.value("dphi_jj_signed", 0))
        .as("t.value(\"dphi_jj_signed\", 0)")
        .isCloseTo(Kinematics.deltaPhi(phi2, phi1), within(ROUNDING));
    assertThat(t.value("dphi_h_j1", 0)).as("Higgs at phi = 0").isCloseTo(Math.abs(phi1), within(ROUNDING));
    // AVERAGE normalisation: w = XWGTUP / N = 2 / 2; reweighting columns scaled alike
    assertThat(t.sumWeights()).as("t.sumWeights()").isCloseTo(2.0, within(EXACT));
    assertThat(t.doubles("rwgt_cHW_m0p1"))
        .as("t.doubles(\"rwgt_cHW_m0p1\")")
        .containsExactly(new double[] {1.35, 0.95}, within(EXACT));
  }

  @Test
  void sumNormalisationIsDetected(@TempDir Path dir) throws IOException {
    // the same events with XWGTUP = 1 = sigma / N: event_norm = sum
    String sum = GOOD.replace("+2.0000000e+00 1.0e+02", "+1.0000000e+00 1.0e+02");
    LheSample s = LheSample.read(write(dir, "sum.lhe", sum));
    assertThat(s.normalizations()).as("s.normalizations()").isEqualTo(List.of(WeightNormalization.SUM));
    assertThat(s.events().sumWeights()).as("s.events().sumWeights()").isCloseTo(2.0, within(EXACT));
    LheSample twice = LheSample.read(List.of(write(dir, "a.lhe", GOOD), write(dir, "b.lhe", sum)), LheReadOptions.DEFAULT);
    assertThat(twice.events().size()).as("twice.events().size()").isEqualTo(4);
    assertThat(twice.events().sumWeights())
        .as("two samples of one process estimate one cross section")
        .isCloseTo(2.0, within(EXACT));
  }

  @Test
  void floatObservablesOption(@TempDir Path dir) throws IOException {
    EventTable t = LheSample.read(List.of(write(dir, "vbf.lhe", GOOD)),
        LheReadOptions.DEFAULT.withFloatObservables(true).withProcess("vbf")).events();
    assertThat(t.column("m_jj").type()).as("t.column(\"m_jj\").type()").isEqualTo(io.sumbin.binning.Column.Type.FLOAT);
    assertThat(t.column("rwgt_SM").type())
        .as("t.column(\"rwgt_SM\").type()")
        .isEqualTo(io.sumbin.binning.Column.Type.DOUBLE);
    assertThat(t.process(0)).as("t.process(0)").isEqualTo("vbf");
  }

  private static LheFormatException fails(Path dir, String text) throws IOException {
    Path p = write(dir, "bad.lhe", text);
    return assertThatExceptionOfType(LheFormatException.class).isThrownBy(() -> LheSample.read(p)).actual();
  }

  @Test
  void malformedParticleLineNamesTheLine(@TempDir Path dir) throws IOException {
    String bad = GOOD.replace("        2  1    1    2  502    0 -3.0e+01 +4.0e+01 +1.2e+02 1.3e+02 0.0e+00 0.0e+00 -1.0e+00",
        "        2  1    1    2  502    0 -3.0e+01 +4.0e+01 +1.2e+02 1.3e+02");
    LheFormatException e = fails(dir, bad);
    assertThat(e.line()).as("e.line()").isEqualTo(27);
    assertThat(e.getMessage())
        .as("e.getMessage()")
        .isEqualTo(dir.resolve("bad.lhe") + ": line 27: particle line 4 of 5: expected 13 values (IDUP ISTUP MOTHUP(1,2) "
        + "ICOLUP(1,2) PUP(1..5) VTIMUP SPINUP), found 10 values");
  }

  @Test
  void badNumberNamesFieldAndLine(@TempDir Path dir) throws IOException {
    LheFormatException e = fails(dir, GOOD.replace("+1.2e+02 1.3e+02", "+1.2e+02 1.3x+02"));
    assertThat(e.line()).as("e.line()").isEqualTo(27);
    assertThat(e.getMessage()).as(e.getMessage()).endsWith("line 27: E: '1.3x+02' is not a number");
  }

  @Test
  void tooFewParticleLines(@TempDir Path dir) throws IOException {
    LheFormatException e = fails(dir, GOOD.replaceFirst(" 5      1 \\+2", " 6      1 +2"));
    assertThat(e.line()).as("e.line()").isEqualTo(29);
    assertThat(e.detail()).as(e.detail()).startsWith("particle line 6 of 6: expected 13 values");
  }

  @Test
  void undeclaredMissingAndDuplicateWeights(@TempDir Path dir) throws IOException {
    LheFormatException undeclared = fails(dir, vbfText("<wgt id='cHB_0p1'> +1.9e+00 </wgt>"));
    assertThat(undeclared.detail())
        .as("undeclared.detail()")
        .isEqualTo("weight id 'cHB_0p1' is not declared in <initrwgt>");
    assertThat(undeclared.line()).as("undeclared.line()").isEqualTo(48);
    LheFormatException missing = fails(dir, vbfText(""));
    assertThat(missing.detail())
        .as("missing.detail()")
        .isEqualTo("event starting at line 38 has no weight for id 'cHW_m0p1' (declared weights: 3)");
    LheFormatException twice = fails(dir, vbfText("<wgt id='SM'> +1.9e+00 </wgt>"));
    assertThat(twice.detail()).as("twice.detail()").isEqualTo("weight id 'SM' appears twice in the event");
  }

  @Test
  void truncatedPlainFile(@TempDir Path dir) throws IOException {
    String cut = GOOD.substring(0, GOOD.indexOf("<rwgt>", GOOD.indexOf("<rwgt>") + 1));
    LheFormatException e = fails(dir, cut);
    assertThat(e.detail()).as("e.detail()").isEqualTo("event starting at line 38 is not closed (truncated?)");
    assertThat(e.line()).as("e.line()").isEqualTo(44);
    LheFormatException noEnd = fails(dir, GOOD.replace("</LesHouchesEvents>", ""));
    assertThat(noEnd.detail())
        .as("noEnd.detail()")
        .isEqualTo("file ends after 2 events without </LesHouchesEvents> (truncated?)");
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
    assertThat(LheSample.read(whole).events().size()).as("the untruncated stream is fine").isEqualTo(4000);
    byte[] all = bos.toByteArray();
    Path p = dir.resolve("cut.lhe.gz");
    Files.write(p, java.util.Arrays.copyOf(all, all.length / 2));
    LheFormatException e = assertThatExceptionOfType(LheFormatException.class)
        .isThrownBy(() -> LheSample.read(p))
        .actual();
    assertThat(e.detail()).as(e.getMessage()).startsWith("truncated or corrupt gzip stream");
    assertThat(e.detail()).as("no Java null in the message").doesNotContain("null");
    assertThat(e.line()).as("e.line() > 0").isGreaterThan(0);
  }

  @Test
  void notAnLheFileAndMissingFile(@TempDir Path dir) throws IOException {
    LheFormatException e = fails(dir, "{\"channels\": []}\n");
    assertThat(e.detail())
        .as("e.detail()")
        .isEqualTo("not a Les Houches event file: expected <LesHouchesEvents ...>, found '{\"channels\": []}'");
    assertThat(e.line()).as("e.line()").isEqualTo(1);
    UncheckedIOException io = assertThatExceptionOfType(UncheckedIOException.class)
        .isThrownBy(() -> LheSample.read(dir.resolve("none.lhe")))
        .actual();
    assertThat(io.getMessage()).as(io.getMessage()).contains("none.lhe: cannot read (NoSuchFileException");
  }

  @Test
  void idsFromTheFirstEventWhenNothingIsDeclared(@TempDir Path dir) throws IOException {
    String text = GOOD.substring(0, GOOD.indexOf("<initrwgt>")) + GOOD.substring(GOOD.indexOf("</initrwgt>") + 12);
    try (LheReader r = LheReader.open(write(dir, "undeclared.lhe", text))) {
      assertThat(r.weightIds()).as("r.weightIds()").isEqualTo(List.of("SM", "cHW_0p1", "cHW_m0p1"));
      assertThat(r.header().weightIds()).as("r.header().weightIds()").isEqualTo(List.of("SM", "cHW_0p1", "cHW_m0p1"));
      r.next();
      assertThat(r.next().reweights())
          .as("r.next().reweights()")
          .containsExactly(new double[] {2.0, 2.2, 1.9}, within(EXACT));
    }
  }

  @Test
  void kinematicsHelpers() {
    assertThat(Kinematics.eta(1, 0, 0)).as("Kinematics.eta(1, 0, 0)").isCloseTo(0.0, within(EXACT));
    assertThat(Kinematics.eta(3, 4, -7))
        .as("Kinematics.eta(3, 4, -7)")
        .isCloseTo(-Kinematics.eta(3, 4, 7), within(EXACT));
    assertThat(Kinematics.eta(3, 4, 7))
        .as("Kinematics.eta(3, 4, 7)")
        .isCloseTo(Math.log(7.0 / 5 + Math.sqrt(1 + 49.0 / 25)), within(ROUNDING));
    assertThat(Kinematics.eta(0, 0, 1))
        .as("Kinematics.eta(0, 0, 1)")
        .isCloseTo(Double.POSITIVE_INFINITY, within(EXACT));
    assertThat(Kinematics.deltaPhi(Math.PI, 0)).as("Kinematics.deltaPhi(Math.PI, 0)").isCloseTo(Math.PI, within(EXACT));
    assertThat(Kinematics.deltaPhi(-Math.PI + 0.25, Math.PI - 0.25))
        .as("Kinematics.deltaPhi(-Math.PI + 0.25, Math.PI - 0.25)")
        .isCloseTo(0.5, within(ROUNDING));
    assertThat(Kinematics.mass(1, 0.6, 0.8, 0)).as("Kinematics.mass(1, 0.6, 0.8, 0)").isCloseTo(0.0, within(ROUNDING));
  }

  // ------------------------------------------------------------------ issue 18: gzip members, trailing bytes, encodings

  static byte[] gz(String text) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (OutputStream o = new GZIPOutputStream(bos)) {
      o.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bos.toByteArray();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      bos.writeBytes(p);
    }
    return bos.toByteArray();
  }

  @Test
  void everyMemberOfAMultiMemberGzipFileIsRead(@TempDir Path dir) throws IOException {
    // cat a.lhe.gz b.lhe.gz > ab.lhe.gz: zcat prints both documents, and so must the reader
    Path ab = dir.resolve("ab.lhe.gz");
    Files.write(ab, concat(gz(GOOD), gz(GOOD)));
    try (LheReader r = LheReader.open(ab)) {
      int n = 0;
      while (r.hasNext()) {
        r.next();
        n++;
      }
      assertThat(n).as("2 events in each of the two members").isEqualTo(4);
      assertThat(r.documents()).isEqualTo(2);
      assertThat(r.weightIds()).containsExactly("SM", "cHW_0p1", "cHW_m0p1");
    }
    assertThat(LheSample.read(ab).events().size()).isEqualTo(4);
  }

  @Test
  void aSecondMemberWithOtherWeightsIsRefused(@TempDir Path dir) throws IOException {
    Path ab = dir.resolve("ab.lhe.gz");
    Files.write(ab, concat(gz(GOOD), gz(GOOD.replace("cHW_0p1", "cHW_0p2"))));
    LheFormatException e = assertThatExceptionOfType(LheFormatException.class).isThrownBy(() -> LheSample.read(ab)).actual();
    assertThat(e.getMessage()).contains("ab.lhe.gz", "second Les Houches document", "cHW_0p2");
  }

  @Test
  void bytesAfterTheLastGzipMemberAreRefusedNamingTheFile(@TempDir Path dir) throws IOException {
    Path g = dir.resolve("garbage.lhe.gz");
    Files.write(g, concat(gz(GOOD), "this is not gzip".getBytes(StandardCharsets.US_ASCII)));
    LheFormatException e = assertThatExceptionOfType(LheFormatException.class).isThrownBy(() -> LheSample.read(g)).actual();
    assertThat(e.getMessage()).contains("garbage.lhe.gz", "bytes after the last gzip member");
  }

  @Test
  void contentAfterTheEndTagIsRefused(@TempDir Path dir) throws IOException {
    LheFormatException e = fails(dir, GOOD + "stray text\n");
    assertThat(e.detail()).startsWith("content after </LesHouchesEvents>: 'stray text'");
  }

  @Test
  void aUtf16OrBinaryFileIsNotUtf8(@TempDir Path dir) throws IOException {
    Path u = dir.resolve("utf16.lhe");
    Files.writeString(u, GOOD, StandardCharsets.UTF_16);
    LheFormatException e = assertThatExceptionOfType(LheFormatException.class).isThrownBy(() -> LheSample.read(u)).actual();
    assertThat(e.getMessage()).contains("utf16.lhe", "not a UTF-8 text file");
    Path b = dir.resolve("binary.lhe");
    Files.write(b, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, (byte) 0x80, (byte) 0x81, '\n'});
    assertThat(assertThatExceptionOfType(LheFormatException.class).isThrownBy(() -> LheSample.read(b)).actual().getMessage())
        .contains("binary.lhe", "not a UTF-8 text file");
  }
}
