package io.sumbin.binning.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.sumbin.binning.Column;
import io.sumbin.binning.EventTable;
import io.sumbin.binning.lhe.LheSample;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files written by another tool: DuckDB 1.4.4's Parquet writer (Snappy and ZSTD) and CSV writer, generated once by {@code src/test/fixtures/DuckDbFixtures.java}. Every value is
 * recomputed here exactly; a Parquet file sumbin writes from the table reads back identically.
 */
class DuckDbParquetTest {
  private static final int N = 1000;

  @TempDir Path dir;

  static Path fixture(String name) {
    try {
      return Path.of(DuckDbParquetTest.class.getResource("/events/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void duckDbParquetReadsExactly() {
    for (String name : List.of("duckdb_snappy.parquet", "duckdb_zstd.parquet")) {
      EventSample s = EventSources.read(fixture(name));
      EventTable t = s.events();
      assertThat(t.size()).as(name).isEqualTo(N);
      assertThat(s.weightIds()).as(name).containsExactly("SM", "cHW_0p1");
      assertThat(s.observables()).as(name + ": label (string) skipped").containsExactly("event", "m_jj", "deta_jj", "pt_h",
          "even", "big", "maybe");
      assertThat(t.column("pt_h").type()).as("FLOAT stays float32").isEqualTo(Column.Type.FLOAT);
      for (int i = 0; i < N; i++) {
        assertThat(t.value("event", i)).isEqualTo(i);
        assertThat(t.value("m_jj", i)).isEqualTo(i * 0.25 + 100);
        assertThat(t.value("deta_jj", i)).isEqualTo((i % 7) - 3.5);
        assertThat(t.value("pt_h", i)).isEqualTo((float) (i / 3.0));
        assertThat(t.value("even", i)).isEqualTo(i % 2 == 0 ? 1 : 0);
        assertThat(t.value("big", i)).isEqualTo(i * 1000.0);
        assertThat(Double.valueOf(t.value("maybe", i))).as("NULL reads as NaN")
            .isEqualTo(Double.valueOf(i % 10 == 0 ? Double.NaN : i * 0.5));
        assertThat(t.weight(i)).isEqualTo(1.0 / (i + 1));
        assertThat(t.value(LheSample.reweightColumn("SM"), i)).isEqualTo(1.0 / (i + 1));
        assertThat(t.value(LheSample.reweightColumn("cHW_0p1"), i)).isEqualTo((1.0 / (i + 1)) * (1 + 0.125 * (i % 5)));
      }
    }
  }

  @Test
  void snappyFileIsStreamedByRowGroup() {
    List<Integer> sizes = new ArrayList<>();
    try (EventStream in = EventSources.open(fixture("duckdb_snappy.parquet"), ReadOptions.DEFAULT.withObservables(List.of("m_jj")))) {
      assertThat(in.info().events()).isEqualTo(N);
      for (EventTable c; (c = in.next()) != null; ) {
        sizes.add(c.size());
        assertThat(c.columnNames()).containsExactly("m_jj", "rwgt_SM", "rwgt_cHW_0p1");
      }
    }
    assertThat(sizes).as("one chunk per row group (DuckDB's minimum row group is 2048 rows)").containsExactly(N);
  }

  @Test
  void duckDbCsvAndSumbinsOwnParquetAgree() {
    EventSample pq = EventSources.read(fixture("duckdb_snappy.parquet"));
    EventSample csv = EventSources.read(fixture("duckdb.csv"));
    assertThat(csv.observables()).as("true/false and run0 are strings in CSV").containsExactly("event", "m_jj", "deta_jj",
        "pt_h", "big", "maybe");
    for (String c : csv.observables()) {
      double[] a = csv.events().doubles(c);
      double[] b = pq.events().doubles(c);
      for (int i = 0; i < N; i++) {
        // DuckDB prints float32 in shortest form: equal after rounding to float
        double want = c.equals("pt_h") ? (float) b[i] : b[i];
        double got = c.equals("pt_h") ? (float) a[i] : a[i];
        assertThat(Double.valueOf(got)).as(c + "[" + i + "]").isEqualTo(Double.valueOf(want));
      }
    }
    assertThat(csv.events().weights()).isEqualTo(pq.events().weights());
    Path mine = dir.resolve("again.parquet");
    EventSources.write(pq, mine);
    EventSample back = EventSources.read(mine);
    EventSourcesTest.assertSameEvents("sumbin's copy of DuckDB's file", back.events(), pq.events());
  }
}
