package io.sumbin.binning.source;

import io.sumbin.binning.Column;
import io.sumbin.binning.EventTable;
import io.sumbin.binning.lhe.LheSample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Parquet event tables (the bridge from the Python HEP stack: uproot/awkward/coffea, pandas, pyarrow,
 * DuckDB, polars). Flat numeric columns (double, float, int32, int64, boolean; optional or required;
 * nulls read as NaN, not allowed in weights) are mapped by name ({@code weight}, {@code w_<id>} /
 * {@code rwgt_<id>}, observables); string and nested columns are listed by {@link #info} and skipped.
 *
 * <p>Read with parquet-java's column readers over a {@link LocalInputFile} (no Hadoop, no record
 * assembly), one row group per chunk, projecting onto the requested columns so that the others are
 * never decompressed. Written with Snappy compression and the benchmark declaration in the key-value
 * metadata.
 */
public final class ParquetEvents {
  private ParquetEvents() {}

  /** Opens {@code file} for chunked reading (one row group per chunk). */
  public static EventStream open(Path file, ReadOptions options) {
    return new Reader(file, options);
  }

  /** The file's columns, weights and number of events from its footer (no event is read). */
  public static SourceInfo info(Path file) {
    try (Reader r = new Reader(file, ReadOptions.DEFAULT)) {
      return r.info();
    }
  }

  /**
   * Writes a sample: one column per observable (float columns stay float), {@code weight}, one
   * {@code w_<id>} per EFT weight; declared benchmark values go to the metadata key
   * {@code sumbin.benchmarks}. Written to a temporary file in the same folder and moved into place.
   *
   * @throws EventFormatException if the file cannot be written
   */
  public static void write(EventSample sample, Path file) {
    write(sample, file, ROW_GROUP_BYTES);
  }

  /** Row groups of about 64 MB (uncompressed): the unit of chunked reading. */
  static final long ROW_GROUP_BYTES = 64L << 20;

  static void write(EventSample sample, Path file, long rowGroupBytes) {
    write(sample, java.util.Collections.emptyIterator(), file, rowGroupBytes);
  }

  /**
   * Writes {@code first}'s events, then every further chunk (same columns), without holding more than
   * one chunk: the streaming form of {@link #write(EventSample, Path)}. Column types come from
   * {@code first}.
   */
  static void write(EventSample first, java.util.Iterator<EventTable> rest, Path file, long rowGroupBytes) {
    EventTable t0 = first.events();
    List<String> obs = first.observables();
    Types.MessageTypeBuilder mb = Types.buildMessage();
    boolean[] isFloat = new boolean[obs.size()];
    for (int j = 0; j < obs.size(); j++) {
      isFloat[j] = t0.column(obs.get(j)).type() == Column.Type.FLOAT;
      mb.required(isFloat[j] ? PrimitiveTypeName.FLOAT : PrimitiveTypeName.DOUBLE).named(obs.get(j));
    }
    mb.required(PrimitiveTypeName.DOUBLE).named(ColumnRoles.WEIGHT);
    for (String id : first.weightIds()) {
      mb.required(PrimitiveTypeName.DOUBLE).named("w_" + id);
    }
    MessageType schema = mb.named("events");
    Map<String, String> meta = new LinkedHashMap<>();
    String bench = ColumnRoles.benchmarksJson(first.parameters(), first.benchmarkValues());
    if (bench != null) {
      meta.put(ColumnRoles.BENCHMARKS_KEY, bench);
    }
    meta.put("sumbin.process", t0.processes().get(0));
    AtomicFile.write(file, tmp -> {
      try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(tmp))
          .withConf(new PlainParquetConfiguration()).withCodecFactory(ParquetCodecs.INSTANCE).withType(schema)
          .withCompressionCodec(CompressionCodecName.SNAPPY).withDictionaryEncoding(false)
          .withRowGroupSize(rowGroupBytes)
          .withExtraMetaData(meta).build()) {
        SimpleGroupFactory f = new SimpleGroupFactory(schema);
        EventTable t = t0;
        while (t != null) {
          List<Column> cols = new ArrayList<>();
          for (String o : obs) {
            cols.add(t.column(o));
          }
          for (String id : first.weightIds()) {
            cols.add(t.column(LheSample.reweightColumn(id)));
          }
          int nObs = obs.size();
          for (int i = 0; i < t.size(); i++) {
            Group g = f.newGroup();
            for (int j = 0; j < nObs; j++) {
              if (isFloat[j]) {
                g.add(j, (float) cols.get(j).get(i));
              } else {
                g.add(j, cols.get(j).get(i));
              }
            }
            g.add(nObs, t.weight(i));
            for (int k = nObs; k < cols.size(); k++) {
              g.add(k + 1, cols.get(k).get(i));
            }
            w.write(g);
          }
          t = rest.hasNext() ? rest.next() : null;
        }
      }
    });
  }

  private static final class Reader implements EventStream {
    private final Path file;
    private final String name;
    private final ParquetFileReader reader;
    private final ColumnRoles roles;
    private final MessageType projection;
    private final List<ColumnDescriptor> obsCols = new ArrayList<>();
    private final List<ColumnDescriptor> wCols = new ArrayList<>();
    private final ColumnDescriptor nominal;
    private final String createdBy;
    private final SourceInfo info;
    private final String process;
    private long row;

    Reader(Path file, ReadOptions options) {
      this.file = file;
      this.name = file.toString();
      if (!Files.isRegularFile(file)) {
        throw new EventFormatException(name, null, "no such file");
      }
      try {
        reader = ParquetFileReader.open(new LocalInputFile(file),
            org.apache.parquet.SumbinReadOptions.create(ParquetCodecs.INSTANCE));
      } catch (IOException | RuntimeException e) {
        throw new EventFormatException(name, null, "not a readable Parquet file (" + e.getMessage() + ")", e);
      }
      try {
        MessageType schema = reader.getFileMetaData().getSchema();
        createdBy = reader.getFileMetaData().getCreatedBy();
        List<String> names = new ArrayList<>();
        List<SourceInfo.ColumnInfo> infos = new ArrayList<>();
        boolean[] numeric = new boolean[schema.getFieldCount()];
        for (int j = 0; j < schema.getFieldCount(); j++) {
          Type f = schema.getType(j);
          names.add(f.getName());
          numeric[j] = f.isPrimitive() && !f.isRepetition(Type.Repetition.REPEATED) && isNumeric(f.asPrimitiveType());
          infos.add(new SourceInfo.ColumnInfo(f.getName(), f.isPrimitive() ? typeName(f.asPrimitiveType()) : "group"));
        }
        roles = new ColumnRoles(name, names, numeric, options);
        Types.MessageTypeBuilder mb = Types.buildMessage();
        for (int j : roles.observableIndex) {
          mb.addField(schema.getType(j));
        }
        if (roles.nominal >= 0) {
          mb.addField(schema.getType(roles.nominal));
        }
        for (int j : roles.weightIndex) {
          mb.addField(schema.getType(j));
        }
        projection = mb.named(schema.getName());
        for (String o : roles.observables) {
          obsCols.add(projection.getColumnDescription(new String[] {o}));
        }
        nominal = roles.nominal >= 0 ? projection.getColumnDescription(new String[] {ColumnRoles.WEIGHT}) : null;
        for (int j : roles.weightIndex) {
          wCols.add(projection.getColumnDescription(new String[] {names.get(j)}));
        }
        reader.setRequestedSchema(projection);
        Map<String, String> kv = reader.getFileMetaData().getKeyValueMetaData();
        List<String> params = new ArrayList<>();
        Map<String, double[]> values = ColumnRoles.newValues();
        if (kv.containsKey(ColumnRoles.BENCHMARKS_KEY)) {
          ColumnRoles.parseBenchmarks(name, kv.get(ColumnRoles.BENCHMARKS_KEY), params, values);
        }
        info = new SourceInfo(file, "parquet", reader.getRecordCount(), infos, roles.observables,
            roles.nominal >= 0 ? ColumnRoles.WEIGHT : null, roles.weightIds, params, values, Optional.empty());
        process = options.process() != null ? options.process() : EventSources.stem(file);
      } catch (RuntimeException e) {
        closeQuietly();
        throw e;
      }
    }

    @Override
    public SourceInfo info() {
      return info;
    }

    @Override
    public EventTable next() {
      PageReadStore pages;
      try {
        pages = reader.readNextRowGroup();
      } catch (IOException | RuntimeException e) {
        throw new EventFormatException(name, null, "cannot read row group at event " + row + " (truncated or corrupt file?): "
            + e.getMessage(), e);
      }
      if (pages == null) {
        return null;
      }
      int n = Math.toIntExact(pages.getRowCount());
      ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, new GroupRecordConverter(projection).getRootConverter(),
          projection, createdBy);
      try {
        double[] w = new double[n];
        if (nominal != null) {
          readDoubles(store, nominal, w, n, false);
        } else {
          java.util.Arrays.fill(w, 1.0);
        }
        EventTable t;
        try {
          t = EventTable.of(process, w);
        } catch (IllegalArgumentException e) {
          throw new EventFormatException(name, ColumnRoles.WEIGHT, "non-finite weight near event " + row + ": " + e.getMessage());
        }
        for (ColumnDescriptor d : obsCols) {
          String col = d.getPath()[0];
          if (d.getPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.FLOAT) {
            float[] f = new float[n];
            readFloats(store, d, f, n);
            t = t.withFloatColumn(col, f);
          } else {
            double[] v = new double[n];
            readDoubles(store, d, v, n, true);
            t = t.withDoubleColumn(col, v);
          }
        }
        for (int k = 0; k < wCols.size(); k++) {
          double[] v = new double[n];
          readDoubles(store, wCols.get(k), v, n, false);
          t = t.withDoubleColumn(LheSample.reweightColumn(roles.weightIds.get(k)), v);
        }
        row += n;
        return t;
      } catch (EventFormatException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new EventFormatException(name, null, "cannot decode row group at event " + row + ": " + e, e);
      }
    }

    private void readDoubles(ColumnReadStoreImpl store, ColumnDescriptor d, double[] out, int n, boolean nullIsNaN) {
      ColumnReader r = store.getColumnReader(d);
      int maxDef = d.getMaxDefinitionLevel();
      PrimitiveTypeName type = d.getPrimitiveType().getPrimitiveTypeName();
      for (int i = 0; i < n; i++) {
        if (r.getCurrentDefinitionLevel() < maxDef) {
          if (!nullIsNaN) {
            throw new EventFormatException(name, d.getPath()[0], "null value at event " + (row + i));
          }
          out[i] = Double.NaN;
        } else {
          out[i] = switch (type) {
            case DOUBLE -> r.getDouble();
            case FLOAT -> r.getFloat();
            case INT32 -> r.getInteger();
            case INT64 -> r.getLong();
            case BOOLEAN -> r.getBoolean() ? 1 : 0;
            default -> throw new EventFormatException(name, d.getPath()[0], "unsupported type " + type);
          };
        }
        r.consume();
      }
    }

    private void readFloats(ColumnReadStoreImpl store, ColumnDescriptor d, float[] out, int n) {
      ColumnReader r = store.getColumnReader(d);
      int maxDef = d.getMaxDefinitionLevel();
      for (int i = 0; i < n; i++) {
        out[i] = r.getCurrentDefinitionLevel() < maxDef ? Float.NaN : r.getFloat();
        r.consume();
      }
    }

    @Override
    public void close() {
      closeQuietly();
    }

    private void closeQuietly() {
      try {
        reader.close();
      } catch (IOException e) {
        // read-only file: nothing to flush
      }
    }
  }

  private static boolean isNumeric(PrimitiveType t) {
    return switch (t.getPrimitiveTypeName()) {
      case DOUBLE, FLOAT, INT32, INT64, BOOLEAN -> true;
      default -> false;
    };
  }

  private static String typeName(PrimitiveType t) {
    String s = t.getPrimitiveTypeName().name().toLowerCase(java.util.Locale.ROOT);
    return t.isRepetition(Type.Repetition.OPTIONAL) ? s + " (nullable)" : s;
  }
}
