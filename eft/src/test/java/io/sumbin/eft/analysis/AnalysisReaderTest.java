package io.sumbin.eft.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sumbin.eft.analysis.AnalysisSpec.DataKind;
import io.sumbin.eft.analysis.AnalysisSpec.EftMode;
import io.sumbin.eft.analysis.AnalysisSpec.ObservableKind;
import io.sumbin.eft.analysis.AnalysisSpec.SystematicType;
import io.sumbin.histmodel.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading analysis files: the issue's example, relative paths, and one-line refusals naming file and JSON path. */
class AnalysisReaderTest {
  @TempDir
  Path dir;

  private static final String GOOD = """
      {"luminosity_fb": 300,
       "parameters": {"cHWB": [-1, 1], "cHDD": [-3, 3]},
       "processes": [
         {"name": "vbfh", "events": ["ev/vbf.lhe.gz"], "eft": "quadratic"},
         {"name": "dy",   "events": ["ev/dy1j.lhe.gz"], "eft": "linear"},
         {"name": "bkg",  "events": ["ev/other.lhe.gz"], "eft": "none", "scale": 2.0}],
       "regions": [
         {"name": "vbf", "processes": ["vbfh", "bkg"], "selection": "m_jj > 300",
          "observable": {"column": "m_jj"}, "bins": 10},
         {"name": "dy", "processes": ["dy"], "observable": {"learned": "derivative"}, "bins": 8}],
       "systematics": [
         {"name": "lumi", "type": "normsys", "processes": ["vbfh", "dy", "bkg"], "hi": 1.017, "lo": 0.983},
         {"name": "jes", "type": "jet_energy_scale", "size": 0.03},
         {"name": "mcstat", "type": "staterror"}],
       "data": {"asimov": {"cHWB": 0, "cHDD": 0}},
       "scans": [{"parameter": "cHWB", "points": 41}, {"parameters": ["cHWB", "cHDD"], "points": [21, 21]}]}
      """;

  @BeforeEach
  void events() throws IOException {
    Files.createDirectories(dir.resolve("ev"));
    for (String f : new String[] {"vbf.lhe.gz", "dy1j.lhe.gz", "other.lhe.gz"}) {
      Files.writeString(dir.resolve("ev").resolve(f), "");
    }
  }

  private Path write(String json) throws IOException {
    Path f = dir.resolve("a.json");
    Files.writeString(f, json);
    return f;
  }

  @Test
  void readsTheIssueExampleWithPathsRelativeToTheFile() throws IOException {
    AnalysisSpec s = AnalysisReader.read(write(GOOD));
    assertThat(s.luminosityFb()).isEqualTo(300);
    assertThat(s.parameterNames()).containsExactly("cHWB", "cHDD");
    assertThat(s.processes()).extracting(AnalysisSpec.Process::eft).containsExactly(EftMode.QUADRATIC, EftMode.LINEAR, EftMode.NONE);
    assertThat(s.process("bkg").scale()).isEqualTo(2.0);
    assertThat(s.process("vbfh").events()).containsExactly(dir.resolve("ev/vbf.lhe.gz").toAbsolutePath().normalize());
    assertThat(s.regions().get(0).selection()).isEqualTo("m_jj > 300");
    assertThat(s.regions().get(1).observable().kind()).isEqualTo(ObservableKind.LEARNED);
    assertThat(s.regions().get(1).bins()).isEqualTo(8);
    assertThat(s.systematics()).extracting(AnalysisSpec.Systematic::type).containsExactly(SystematicType.NORMSYS,
        SystematicType.JET_ENERGY_SCALE, SystematicType.STATERROR);
    assertThat(s.data().kind()).isEqualTo(DataKind.ASIMOV);
    assertThat(s.scans().get(1).points()).containsExactly(21, 21);
    // every parameter gets a 1-D scan: cHWB's own, cHDD a default one
    assertThat(AnalysisRun.scans(s)).extracting(AnalysisSpec.Scan::key).containsExactly("cHWB", "cHWB,cHDD", "cHDD");
  }

  @Test
  void readsAnEvent2vecObservableAndRefusesASavedModelOrAnUnknownMethodForIt() throws IOException {
    String e2v = GOOD.replace("{\"learned\": \"derivative\"}", "{\"learned\": \"event2vec\", \"features\": [\"m_ll\", \"pt_j\"]}");
    AnalysisSpec s = AnalysisReader.read(write(e2v));
    AnalysisSpec.Observable o = s.regions().get(1).observable();
    assertThat(o.kind()).isEqualTo(ObservableKind.EVENT2VEC);
    assertThat(o.features()).containsExactly("m_ll", "pt_j");
    assertThat(o.label()).isEqualTo("event2vec");
    refused(GOOD.replace("{\"learned\": \"derivative\"}", "{\"learned\": \"event3vec\"}"), "regions[1].observable.learned: must be one of");
    Files.createDirectories(dir.resolve("m"));
    refused(GOOD.replace("{\"learned\": \"derivative\"}", "{\"learned\": \"event2vec\", \"model\": \"m\"}"),
        "regions[1].observable.model: an event2vec observable is trained in the run");
  }

  private void refused(String json, String pathAndWhat) throws IOException {
    Path f = write(json);
    assertThatThrownBy(() -> AnalysisReader.read(f)).isInstanceOf(BadInputException.class)
        .hasMessageStartingWith(f.toString() + ": ").hasMessageContaining(pathAndWhat).satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void refusesSchemaViolationsNamingFileAndPath() throws IOException {
    refused(GOOD.replace("\"luminosity_fb\": 300,", ""), "luminosity_fb: missing (required)");
    refused(GOOD.replace("\"bins\": 10", "\"bins\": 10, \"binz\": 3"), "regions[0].binz: unknown field");
    refused(GOOD.replace("\"eft\": \"linear\"", "\"eft\": \"cubic\""), "processes[1].eft: must be one of");
    refused(GOOD.replace("\"size\": 0.03", "\"size\": 3"), "systematics[1].size: must be");
    refused(GOOD.replace("\"hi\": 1.017, ", ""), "systematics[0].hi: missing (required)");
    refused(GOOD.replace("\"cHWB\": [-1, 1]", "\"cHWB\": [-1]"), "parameters.cHWB: must be");
  }

  @Test
  void refusesInconsistenciesNamingFileAndPath() throws IOException {
    refused(GOOD.replace("[\"vbfh\", \"bkg\"]", "[\"vbfh\", \"bgk\"]"), "regions[0].processes[1]: unknown process 'bgk'");
    refused(GOOD.replace("ev/dy1j.lhe.gz", "ev/missing.lhe.gz"), "processes[1].events[0]: no such file");
    refused(GOOD.replace("\"cHWB\": [-1, 1]", "\"cHWB\": [1, -1]"), "parameters.cHWB: must be [lo, hi] with lo < hi");
    refused(GOOD.replace("{\"parameter\": \"cHWB\", \"points\": 41}", "{\"parameter\": \"cHW\", \"points\": 41}"),
        "scans[0].parameter: unknown parameter 'cHW'");
    refused(GOOD.replace("{\"asimov\": {\"cHWB\": 0, \"cHDD\": 0}}", "{\"events\": [\"ev/other.lhe.gz\"], \"process\": \"vbfh\"}"),
        "data.truth: missing");
    refused(GOOD.replace("{\"learned\": \"derivative\"}", "{\"learned\": \"derivative\", \"column\": \"m_ll\"}"),
        "regions[1].observable: give exactly one of");
  }

  @Test
  void javaBuilderIsCheckedLikeTheFile() {
    assertThatThrownBy(() -> AnalysisSpec.builder().luminosityFb(1).parameter("c", 0, 1).process("p", EftMode.NONE, 1, dir.resolve("x"))
        .region(new AnalysisSpec.Region("r", java.util.List.of("q"), null, AnalysisSpec.Observable.column("x"), 3)).build())
        .isInstanceOf(BadInputException.class).hasMessage("<analysis>: regions[0].processes[0]: unknown process 'q' (declared: [p])");
  }
}
