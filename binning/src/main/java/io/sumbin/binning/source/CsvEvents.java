package io.sumbin.binning.source;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.sumbin.binning.EventTable;
import io.sumbin.binning.lhe.LheSample;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * CSV event tables ({@code .csv}, or gzipped {@code .csv.gz}): a header line with the column names,
 * then one line per event, comma-separated, parsed with Jackson's CSV parser. Columns are mapped by
 * name as for Parquet ({@code weight}, {@code w_<id>} / {@code rwgt_<id>}, observables); a column whose
 * first value is not a number is a string column and skipped. Empty cells and {@code nan} read as NaN
 * (not allowed in weights). Leading lines starting with {@code #} are comments; the line
 * {@code # sumbin.benchmarks: {...}} declares benchmark values (the JSON of {@link ParquetEvents}).
 */
public final class CsvEvents {
  private static final String BENCH_COMMENT = "# " + ColumnRoles.BENCHMARKS_KEY + ":";

  private CsvEvents() {}

  /** Opens {@code file} for chunked reading ({@link ReadOptions#chunkEvents} lines per chunk). */
  public static EventStream open(Path file, ReadOptions options) {
    return new Reader(file, options, false);
  }

  /** Columns, weights and number of events (one pass over the file). */
  public static SourceInfo info(Path file) {
    try (Reader r = new Reader(file, ReadOptions.DEFAULT, true)) {
      long n = 0;
      while (r.skipRow()) {
        n++;
      }
      SourceInfo i = r.info();
      return new SourceInfo(i.file(), i.format(), n, i.columns(), i.observables(), i.weightColumn(), i.weightIds(),
          i.parameters(), i.benchmarkValues(), i.morphing());
    }
  }

  /** Writes a sample as CSV (gzipped if the name ends in {@code .gz}); values round-trip exactly. */
  public static void write(EventSample sample, Path file) {
    write(sample, java.util.Collections.emptyIterator(), file);
  }

  /** Writes {@code first}'s events, then every further chunk (same columns), one chunk in memory at a time. */
  static void write(EventSample first, java.util.Iterator<EventTable> rest, Path file) {
    List<String> obs = first.observables();
    AtomicFile.write(file, tmp -> {
      try (OutputStream os = open(tmp, file.toString().endsWith(".gz"));
           Writer w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16)) {
        String bench = ColumnRoles.benchmarksJson(first.parameters(), first.benchmarkValues());
        if (bench != null) {
          w.write(BENCH_COMMENT + " " + bench + "\n");
        }
        List<String> header = new ArrayList<>(obs);
        header.add(ColumnRoles.WEIGHT);
        for (String id : first.weightIds()) {
          header.add("w_" + id);
        }
        w.write(String.join(",", header));
        w.write('\n');
        StringBuilder sb = new StringBuilder(256);
        EventTable t = first.events();
        while (t != null) {
          List<io.sumbin.binning.Column> cols = new ArrayList<>();
          for (String o : obs) {
            cols.add(t.column(o));
          }
          List<io.sumbin.binning.Column> wcols = new ArrayList<>();
          for (String id : first.weightIds()) {
            wcols.add(t.column(LheSample.reweightColumn(id)));
          }
          for (int i = 0; i < t.size(); i++) {
            sb.setLength(0);
            for (io.sumbin.binning.Column c : cols) {
              sb.append(c.get(i)).append(',');
            }
            sb.append(t.weight(i));
            for (io.sumbin.binning.Column c : wcols) {
              sb.append(',').append(c.get(i));
            }
            sb.append('\n');
            w.append(sb);
          }
          t = rest.hasNext() ? rest.next() : null;
        }
      }
    });
  }

  private static OutputStream open(Path tmp, boolean gzip) throws IOException {
    OutputStream os = Files.newOutputStream(tmp);
    return gzip ? new GZIPOutputStream(os, 1 << 16) : os;
  }

  private static final class Reader implements EventStream {
    private final String name;
    private final BufferedReader in;
    private final CsvParser parser;
    private final ColumnRoles roles;
    private final SourceInfo info;
    private final ReadOptions options;
    private final String process;
    private final int nCols;
    private final int lineOffset;
    private String[] pending; // the first data row, read to detect types
    private long row;
    private long rowsRead;
    private final String[] cells;

    Reader(Path file, ReadOptions options, boolean countOnly) {
      this.name = file.toString();
      this.options = options;
      if (!Files.isRegularFile(file)) {
        throw new EventFormatException(name, null, "no such file");
      }
      try {
        InputStream is = Files.newInputStream(file);
        if (name.endsWith(".gz")) {
          // every member of a multi-member gzip file, and an error (not silence) for bytes after the last one
          is = new org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream(new java.io.BufferedInputStream(is, 1 << 16), true);
        }
        in = new BufferedReader(new InputStreamReader(is, StandardCharsets.UTF_8), 1 << 16);
        List<String> params = new ArrayList<>();
        Map<String, double[]> values = ColumnRoles.newValues();
        int comments = 0;
        in.mark(1 << 20);
        String line;
        while ((line = in.readLine()) != null && line.startsWith("#")) {
          comments++;
          if (line.startsWith(BENCH_COMMENT)) {
            ColumnRoles.parseBenchmarks(name, line.substring(BENCH_COMMENT.length()).trim(), params, values);
          }
          in.mark(1 << 20);
        }
        in.reset();
        lineOffset = comments;
        parser = new CsvMapper().getFactory().createParser(in);
        parser.enable(CsvParser.Feature.TRIM_SPACES);
        String[] header = readRow();
        if (header == null) {
          throw new EventFormatException(name, null, "empty file: no header line");
        }
        nCols = header.length;
        cells = new String[nCols];
        pending = readRow();
        boolean[] numeric = new boolean[nCols];
        List<SourceInfo.ColumnInfo> infos = new ArrayList<>();
        for (int j = 0; j < nCols; j++) {
          numeric[j] = pending == null || isNumber(pending[j]);
          infos.add(new SourceInfo.ColumnInfo(header[j], numeric[j] ? "double" : "string"));
        }
        roles = new ColumnRoles(name, Arrays.asList(header), numeric, options);
        info = new SourceInfo(file, "csv", -1, infos, roles.observables, roles.nominal >= 0 ? ColumnRoles.WEIGHT : null,
            roles.weightIds, params, values, Optional.empty());
        process = options.process() != null ? options.process() : EventSources.stem(file);
      } catch (IOException e) {
        throw new EventFormatException(name, null, "cannot read: " + e.getMessage(), e);
      }
    }

    /** The next row's cells, or null at the end. */
    private String[] readRow() throws IOException {
      JsonToken tok = parser.nextToken();
      if (tok == null) {
        return null;
      }
      if (tok != JsonToken.START_ARRAY) {
        throw new EventFormatException(name, null, "line " + line() + ": unexpected " + tok);
      }
      List<String> out = new ArrayList<>();
      while ((tok = parser.nextToken()) != JsonToken.END_ARRAY) {
        if (tok == null) {
          throw new EventFormatException(name, null, "line " + line() + ": truncated row");
        }
        out.add(parser.getText());
      }
      return out.toArray(new String[0]);
    }

    /** Reads the next row into {@link #cells}; false at the end. */
    private boolean nextCells() throws IOException {
      rowsRead++;
      if (pending != null) {
        System.arraycopy(pending, 0, cells, 0, Math.min(nCols, pending.length));
        checkWidth(pending.length);
        pending = null;
        return true;
      }
      JsonToken tok = parser.nextToken();
      if (tok == null) {
        rowsRead--;
        return false;
      }
      int k = 0;
      while ((tok = parser.nextToken()) != JsonToken.END_ARRAY) {
        if (tok == null) {
          throw new EventFormatException(name, null, "line " + line() + ": truncated row");
        }
        if (k < nCols) {
          cells[k] = parser.getText();
        }
        k++;
      }
      checkWidth(k);
      return true;
    }

    private void checkWidth(int k) {
      if (k != nCols) {
        throw new EventFormatException(name, null, "line " + line() + ": " + k + " values, the header has " + nCols
            + " columns (truncated file?)");
      }
    }

    boolean skipRow() {
      try {
        return nextCells();
      } catch (IOException e) {
        throw new EventFormatException(name, null, "cannot read: " + e.getMessage(), e);
      }
    }

    /** 1-based line of the row read last (the header is line 1 after the comments; rows have no line breaks). */
    private long line() {
      return lineOffset + 1 + rowsRead;
    }

    @Override
    public SourceInfo info() {
      return info;
    }

    @Override
    public EventTable next() {
      int cap = options.chunkEvents();
      int nObs = roles.observables.size();
      int nW = roles.weightIds.size();
      double[][] obs = new double[nObs][cap];
      double[][] ws = new double[nW][cap];
      double[] w = new double[cap];
      int n = 0;
      try {
        while (n < cap && nextCells()) {
          for (int k = 0; k < nObs; k++) {
            obs[k][n] = parse(cells[roles.observableIndex.get(k)], roles.observables.get(k), true);
          }
          w[n] = roles.nominal >= 0 ? parse(cells[roles.nominal], ColumnRoles.WEIGHT, false) : 1.0;
          for (int k = 0; k < nW; k++) {
            ws[k][n] = parse(cells[roles.weightIndex.get(k)], "w_" + roles.weightIds.get(k), false);
          }
          n++;
        }
      } catch (IOException e) {
        throw new EventFormatException(name, null, "line " + line() + ": " + e.getMessage(), e);
      }
      if (n == 0) {
        return null;
      }
      row += n;
      EventTable t = EventTable.of(process, n == cap ? w : Arrays.copyOf(w, n));
      for (int k = 0; k < nObs; k++) {
        t = t.withDoubleColumn(roles.observables.get(k), n == cap ? obs[k] : Arrays.copyOf(obs[k], n));
      }
      for (int k = 0; k < nW; k++) {
        t = t.withDoubleColumn(LheSample.reweightColumn(roles.weightIds.get(k)), n == cap ? ws[k] : Arrays.copyOf(ws[k], n));
      }
      return t;
    }

    private double parse(String s, String column, boolean nanAllowed) {
      if (s.isEmpty() || s.equalsIgnoreCase("nan")) {
        if (nanAllowed) {
          return Double.NaN;
        }
        throw new EventFormatException(name, column, "line " + line() + ": missing value");
      }
      try {
        double v = Double.parseDouble(s);
        if (!nanAllowed && !Double.isFinite(v)) {
          throw new EventFormatException(name, column, "line " + line() + ": weight " + s + " is not finite");
        }
        return v;
      } catch (NumberFormatException e) {
        throw new EventFormatException(name, column, "line " + line() + ": '" + s + "' is not a number");
      }
    }

    @Override
    public void close() {
      try {
        parser.close();
        in.close();
      } catch (IOException e) {
        // read-only
      }
    }
  }

  private static boolean isNumber(String s) {
    if (s.isEmpty() || s.equalsIgnoreCase("nan")) {
      return true;
    }
    try {
      Double.parseDouble(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
