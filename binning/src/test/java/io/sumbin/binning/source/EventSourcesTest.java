package io.sumbin.binning.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sumbin.binning.Column;
import io.sumbin.binning.EventTable;
import io.sumbin.binning.expr.Expression;
import io.sumbin.binning.lhe.LheSample;
import io.sumbin.histmodel.BadInputException;
import io.sumbin.testsupport.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LHE → Parquet / CSV / MadMiner HDF5 → events: the same table, value for value. */
class EventSourcesTest {
  @TempDir static Path dir;
  private static EventSample lhe;

  @BeforeAll
  static void readLheAndWriteCopies() {
    lhe = EventSources.read(SharedData.lhe("smeftsim_VBFH-1.lhe.gz"));
    for (String name : List.of("vbf.parquet", "vbf.csv", "vbf.csv.gz", "vbf.h5")) {
      EventSources.write(withValues(lhe), dir.resolve(name));
    }
  }

  /** The LHE sample with made-up benchmark values (index of the id), which HDF5 needs. */
  private static EventSample withValues(EventSample s) {
    Map<String, double[]> v = new LinkedHashMap<>();
    for (int b = 0; b < s.weightIds().size(); b++) {
      v.put(s.weightIds().get(b), new double[] {b == 0 ? 0 : b, b == 0 ? 0 : -0.5 * b});
    }
    return s.withBenchmarks(List.of("cA", "cB"), v);
  }

  @Test
  void lheSampleHasTheLheColumns() {
    assertThat(lhe.format()).isEqualTo("lhe");
    assertThat(lhe.events().size()).isEqualTo(10_000);
    assertThat(lhe.weightIds()).hasSize(21).startsWith("SM");
    assertThat(lhe.observables()).contains("m_jj", "pt_h").noneMatch(c -> c.startsWith("rwgt_"));
  }

  @Test
  void parquetCsvAndHdf5CopiesReadIdentically() {
    EventSample src = withValues(lhe);
    for (String name : List.of("vbf.parquet", "vbf.csv", "vbf.csv.gz", "vbf.h5")) {
      Path f = dir.resolve(name);
      EventSample back = EventSources.read(f);
      assertThat(back.weightIds()).as(name).isEqualTo(lhe.weightIds());
      assertThat(back.parameters()).as(name).containsExactly("cA", "cB");
      assertThat(back.benchmarkValues().get("cHW_0p1")).as(name).isEqualTo(src.benchmarkValues().get("cHW_0p1"));
      assertSameEvents(name, back.events(), lhe.events());
    }
  }

  @Test
  void lheIsStreamedInTwoPassesWithTheLheReadersValues() {
    List<EventTable> chunks = new ArrayList<>();
    try (EventStream in = EventSources.open(SharedData.lhe("smeftsim_VBFH-1.lhe.gz"), ReadOptions.DEFAULT.withChunkEvents(4000))) {
      assertThat(in.info().events()).as("counted in the first pass").isEqualTo(10_000);
      assertThat(in.info().weightColumn()).isEqualTo("XWGTUP (average)");
      for (EventTable c; (c = in.next()) != null; ) {
        chunks.add(c);
      }
    }
    assertThat(chunks).extracting(EventTable::size).containsExactly(4000, 4000, 2000);
    assertSameEvents("LHE chunks", EventTable.concat(chunks), lhe.events());
  }

  @Test
  void convertIsChunkByChunk() {
    Path out = dir.resolve("converted.parquet");
    Expression cut = Expression.parse("m_jj > 500");
    EventSources.Converted c = EventSources.convert(dir.resolve("vbf.csv"), ReadOptions.DEFAULT.withChunkEvents(3000),
        cut::select, s -> s, out);
    EventTable expected = cut.select(lhe.events());
    assertThat(c.read()).isEqualTo(10_000);
    assertThat(c.written()).isEqualTo(expected.size());
    EventSample back = EventSources.read(out);
    assertThat(back.benchmarkValues().keySet()).as("declarations carried over").isEqualTo(lhe.events().columnNames().stream()
        .filter(n -> n.startsWith("rwgt_")).map(n -> n.substring(5)).collect(java.util.stream.Collectors.toCollection(
            java.util.LinkedHashSet::new)));
    assertSameEvents("converted in chunks of 3000", back.events(), expected);
  }

  @Test
  void flatHdf5TablesAsH5pyWritesThem() {
    Path flat = dir.resolve("flat.h5");
    EventSources.write(lhe, flat); // no benchmark values: a flat table under events/
    EventSample back = EventSources.read(flat);
    assertThat(back.weightIds()).isEqualTo(lhe.weightIds());
    assertSameEvents("flat HDF5", back.events(), lhe.events());
    Path root = dir.resolve("root.h5");
    try (io.jhdf.WritableHdfFile h = io.jhdf.HdfFile.write(root)) {
      h.putDataset("m_jj", new double[] {500, 700, 900});
      h.putDataset("njets", new int[] {2, 3, 2});
      h.putDataset("weight", new double[] {0.5, 0.25, 0.125});
      h.putDataset("w_SM", new double[] {0.5, 0.25, 0.125});
      h.putDataset("label", new String[] {"a", "b", "c"});
    }
    SourceInfo i = EventSources.info(root);
    assertThat(i.observables()).as("strings skipped").containsExactlyInAnyOrder("m_jj", "njets");
    EventTable t = EventSources.read(root).events();
    assertThat(t.doubles("njets")).containsExactly(2, 3, 2);
    assertThat(t.weights()).containsExactly(0.5, 0.25, 0.125);
    assertThat(t.doubles("rwgt_SM")).containsExactly(0.5, 0.25, 0.125);
  }

  @Test
  void chunkedReadingGivesTheSameEvents() {
    Path csv = dir.resolve("vbf.csv");
    Path h5 = dir.resolve("vbf.h5");
    for (Path f : List.of(csv, h5)) {
      List<EventTable> chunks = new ArrayList<>();
      try (EventStream in = EventSources.open(f, ReadOptions.DEFAULT.withChunkEvents(3000).withObservables(List.of("m_jj")))) {
        for (EventTable c; (c = in.next()) != null; ) {
          chunks.add(c);
        }
      }
      assertThat(chunks).extracting(EventTable::size).as(f.toString()).containsExactly(3000, 3000, 3000, 1000);
      EventTable all = EventTable.concat(chunks);
      assertThat(all.columnNames()).as("only m_jj and the weights").startsWith("m_jj").hasSize(1 + 21);
      assertThat(all.doubles("m_jj")).isEqualTo(lhe.events().doubles("m_jj"));
      assertThat(all.weights()).isEqualTo(lhe.events().weights());
    }
  }

  @Test
  void parquetIsStreamedOneRowGroupAtATime() {
    Path f = dir.resolve("groups.parquet");
    ParquetEvents.write(lhe, f, 256 << 10);
    List<EventTable> chunks = new ArrayList<>();
    try (EventStream in = EventSources.open(f, ReadOptions.DEFAULT.withObservables(List.of("m_jj")))) {
      for (EventTable c; (c = in.next()) != null; ) {
        chunks.add(c);
      }
    }
    assertThat(chunks).as("row groups of 256 kB: several chunks").hasSizeGreaterThan(2);
    EventTable all = EventTable.concat(chunks);
    assertThat(all.columnNames()).as("m_jj and the 21 EFT weights only").hasSize(22);
    for (String c : all.columnNames()) {
      assertThat(all.doubles(c)).as(c).isEqualTo(lhe.events().doubles(c));
    }
    assertThat(all.weights()).isEqualTo(lhe.events().weights());
  }

  @Test
  void infoDescribesTheFileWithoutReadingEvents() {
    Path f = dir.resolve("vbf.parquet");
    SourceInfo i = EventSources.info(f);
    assertThat(i.format()).isEqualTo("parquet");
    assertThat(i.events()).isEqualTo(10_000);
    assertThat(i.weightColumn()).isEqualTo("weight");
    assertThat(i.weightIds()).isEqualTo(lhe.weightIds());
    assertThat(i.columns()).extracting(SourceInfo.ColumnInfo::name).contains("m_jj", "weight", "w_SM", "w_cHW_0p1");
    assertThat(i.columns()).filteredOn(c -> c.name().equals("m_jj")).extracting(SourceInfo.ColumnInfo::type)
        .containsExactly("double");
    Path h5 = dir.resolve("vbf.h5");
    SourceInfo h = EventSources.info(h5);
    assertThat(h.format()).isEqualTo("hdf5");
    assertThat(h.events()).isEqualTo(10_000);
    assertThat(h.parameters()).containsExactly("cA", "cB");
    assertThat(h.benchmarkValues().get(lhe.weightIds().get(3))).containsExactly(3, -1.5);
    assertThat(h.weightColumn()).as("nominal = the benchmark with all parameters 0").isEqualTo("samples/weights[SM]");
    assertThat(h.morphing()).isEmpty();
  }

  @Test
  void severalFilesAreCombinedLikeLhe() {
    Path a = dir.resolve("vbf.parquet");
    EventSample two = EventSources.read(List.of(a, a), ReadOptions.DEFAULT);
    Path f = SharedData.lhe("smeftsim_VBFH-1.lhe.gz");
    EventSample lheTwice = EventSources.read(List.of(f, f), ReadOptions.DEFAULT);
    assertThat(two.events().size()).isEqualTo(20_000);
    // (XWGTUP / N_f) · N_f/N equals XWGTUP / N exactly here (N_f/N = 1/2)
    assertSameEvents("two copies", two.events(), lheTwice.events());
  }

  @Test
  void selectionsRunOnAnySource() {
    Path f = dir.resolve("vbf.parquet");
    Expression cut = Expression.parse("m_jj > 500 && abs(deta_jj) > 3");
    EventTable fromParquet = cut.select(EventSources.read(f).events());
    EventTable fromLhe = cut.select(lhe.events());
    assertThat(fromParquet.size()).isEqualTo(fromLhe.size()).isBetween(100, 9_900);
    assertThat(fromParquet.sumWeights()).isEqualTo(fromLhe.sumWeights());
  }

  @Test
  void badFilesNameFileAndColumn() throws IOException {
    Path csv = dir.resolve("bad.csv");
    Files.writeString(csv, "m_jj,weight,w_SM\n1,2,3\n4,x,6\n");
    assertThatThrownBy(() -> EventSources.read(csv)).isInstanceOf(BadInputException.class)
        .hasMessage(csv + ": column 'weight': line 3: 'x' is not a number");
    Path trunc = dir.resolve("trunc.csv");
    Files.writeString(trunc, "m_jj,weight,w_SM\n1,2,3\n4,5");
    assertThatThrownBy(() -> EventSources.read(trunc)).isInstanceOf(BadInputException.class)
        .hasMessageContaining(trunc + ": line 3: 2 values, the header has 3 columns");
    Path good = dir.resolve("vbf.parquet");
    assertThatThrownBy(() -> EventSources.read(List.of(good), ReadOptions.DEFAULT.withObservables(List.of("m_zz"))))
        .isInstanceOf(BadInputException.class).hasMessageStartingWith(good + ": column 'm_zz': no such column (columns: [");
    byte[] bytes = Files.readAllBytes(good);
    Path cut = dir.resolve("cut.parquet");
    Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    assertThatThrownBy(() -> EventSources.read(cut)).isInstanceOf(BadInputException.class)
        .hasMessageStartingWith(cut + ": not a readable Parquet file");
    Path cutH5 = dir.resolve("cut.h5");
    byte[] h5 = Files.readAllBytes(dir.resolve("vbf.h5"));
    Files.write(cutH5, java.util.Arrays.copyOf(h5, h5.length / 2));
    assertThatThrownBy(() -> EventSources.read(cutH5)).isInstanceOf(BadInputException.class)
        .hasMessageStartingWith(cutH5 + ": ");
    assertThatThrownBy(() -> EventSources.read(dir.resolve("x.root"))).isInstanceOf(BadInputException.class)
        .hasMessageContaining("x.root: unknown event file format");
    // gzip: every member is read (cat a.csv.gz b.csv.gz has the rows of both), bytes after the last member are refused
    Path twoMembers = dir.resolve("two.csv.gz");
    Files.write(twoMembers, concat(gzip("m_jj,weight\n1,2\n"), gzip("3,4\n")));
    assertThat(EventSources.read(twoMembers).events().doubles("m_jj")).containsExactly(1, 3);
    Path garbage = dir.resolve("garbage.csv.gz");
    Files.write(garbage, concat(gzip("m_jj,weight\n1,2\n"), "not gzip".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertThatThrownBy(() -> EventSources.read(garbage)).isInstanceOf(BadInputException.class).hasMessageStartingWith(garbage + ": ");
    Path strings = dir.resolve("strings.csv");
    Files.writeString(strings, "m_jj,weight\n1,abc\n");
    assertThatThrownBy(() -> EventSources.read(strings)).hasMessage(strings + ": column 'weight': not a numeric column");
  }

  private static byte[] gzip(String text) throws IOException {
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream g = new java.util.zip.GZIPOutputStream(b)) {
      g.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    return b.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  static void assertSameEvents(String what, EventTable actual, EventTable expected) {
    assertThat(actual.size()).as(what).isEqualTo(expected.size());
    assertThat(actual.weights()).as(what + ": weights").isEqualTo(expected.weights());
    assertThat(actual.columnNames()).as(what + ": columns").containsExactlyInAnyOrderElementsOf(expected.columnNames());
    for (String c : expected.columnNames()) {
      Column e = expected.column(c);
      assertThat(actual.column(c).toDoubleArray()).as(what + ": " + c).isEqualTo(e.toDoubleArray());
    }
    assertThat(actual.column(LheSample.reweightColumn("SM")).type()).isEqualTo(Column.Type.DOUBLE);
  }
}
