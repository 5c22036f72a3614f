package io.sumbin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sumbin.binning.source.EventSources;
import io.sumbin.testsupport.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sumbin events info|convert}: fields, round trips and exit 2 naming file and column. */
class EventsCommandTest {
  @TempDir Path dir;

  private static LheCommandTest.Run run(String... args) {
    return LheCommandTest.run(args);
  }

  @Test
  void convertLheToParquetAndMadMinerAndDescribeThem() {
    Path lhe = SharedData.lhe("smeftsim_VBFH-1.lhe.gz");
    Path pq = dir.resolve("vbf.parquet");
    LheCommandTest.Run c = run("events", "convert", lhe.toString(), pq.toString(), "--json");
    assertThat(c.code()).as(c.err()).isEqualTo(0);
    assertThat(c.json().get("events").asInt()).isEqualTo(10_000);
    assertThat(c.json().get("selected").asInt()).isEqualTo(10_000);
    assertThat(c.json().get("weight_ids")).hasSize(21);

    LheCommandTest.Run i = run("events", "info", pq.toString(), "--json");
    assertThat(i.code()).as(i.err()).isEqualTo(0);
    JsonNode j = i.json();
    assertThat(j.get("format").asText()).isEqualTo("parquet");
    assertThat(j.get("events").asLong()).isEqualTo(10_000);
    assertThat(j.get("weight_column").asText()).isEqualTo("weight");
    assertThat(j.get("weight_ids").get(0).asText()).isEqualTo("SM");
    assertThat(j.get("parameters").toString()).contains("cHW");
    assertThat(j.get("benchmarks").get("cHW_0p1").get("cHW").asDouble()).isEqualTo(0.1);
    assertThat(j.get("benchmarks").get("cHW_0p1").get("cHB").asDouble()).isEqualTo(0.0);
    assertThat(j.get("morphing").isNull()).isTrue();

    Path csv = dir.resolve("vbf_cut.csv");
    LheCommandTest.Run c3 = run("events", "convert", lhe.toString(), csv.toString(), "--define", "a=log(pt_h)",
        "--define", "b=2*a", "--select", "b > 10", "--observables", "m_jj,b", "--json");
    assertThat(c3.code()).as(c3.err()).isEqualTo(0);
    assertThat(c3.json().get("observables").toString()).as("kept observables, then every derived one").isEqualTo("[\"m_jj\",\"a\",\"b\"]");
    io.sumbin.binning.EventTable fromCsv = EventSources.read(csv).events();
    assertThat(fromCsv.size()).isEqualTo(c3.json().get("selected").asInt()).isBetween(100, 9_900);
    assertThat(java.util.Arrays.stream(fromCsv.doubles("b")).min().orElseThrow()).isGreaterThan(10);

    Path h5 = dir.resolve("vbf_cut.h5");
    LheCommandTest.Run c2 = run("events", "convert", pq.toString(), h5.toString(), "--observables", "m_jj,pt_h",
        "--define", "log_pt_h=log(pt_h)", "--select", "m_jj > 500 && abs(deta_jj) > 3", "--json");
    assertThat(c2.code()).as(c2.err()).isEqualTo(0);
    int selected = c2.json().get("selected").asInt();
    assertThat(selected).isBetween(100, 9_900);
    assertThat(c2.json().get("observables").toString()).as("file order, then the derived").isEqualTo("[\"pt_h\",\"m_jj\",\"log_pt_h\"]");
    LheCommandTest.Run i2 = run("events", "info", h5.toString());
    assertThat(i2.code()).as(i2.err()).isEqualTo(0);
    assertThat(i2.out()).contains("(hdf5)").contains("events       " + selected).contains("cHW_0p1  cHB = 0, cHDD = 0, cHW = 0.1, cHWB = 0, cHbox = 0");
  }

  @Test
  void badFilesExitTwoNamingFileAndColumn() throws IOException {
    Path csv = dir.resolve("bad.csv");
    Files.writeString(csv, "m_jj,weight,w_SM\n1,2,3\n4,x,6\n");
    Path out = dir.resolve("out.parquet");
    LheCommandTest.Run r = run("events", "convert", csv.toString(), out.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo(csv + ": column 'weight': line 3: 'x' is not a number");
    assertThat(out).doesNotExist();

    Path good = dir.resolve("good.csv");
    Files.writeString(good, "m_jj,weight,w_SM\n1,2,3\n4,5,6\n");
    LheCommandTest.Run m = run("events", "convert", good.toString(), out.toString(), "--observables", "m_zz");
    assertThat(m.code()).isEqualTo(2);
    assertThat(m.err()).contains(good + ": column 'm_zz': no such column");

    LheCommandTest.Run sel = run("events", "convert", good.toString(), out.toString(), "--select", "pt_h > 3");
    assertThat(sel.code()).isEqualTo(2);
    assertThat(sel.err()).contains("expression 'pt_h > 3': unknown column 'pt_h' at column 1 in " + good);

    EventSources.write(EventSources.read(good), out);
    byte[] b = Files.readAllBytes(out);
    Path cut = dir.resolve("cut.parquet");
    Files.write(cut, Arrays.copyOf(b, b.length - 20));
    LheCommandTest.Run t = run("events", "info", cut.toString());
    assertThat(t.code()).isEqualTo(2);
    assertThat(t.err()).contains(cut + ": not a readable Parquet file");
    assertThat(run("events", "info", dir.resolve("none.parquet").toString()).code()).isEqualTo(2);
  }
}
