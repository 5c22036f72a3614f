package io.sumbin.binning.source;

import io.sumbin.binning.EventTable;
import io.sumbin.binning.lhe.LheReadOptions;
import io.sumbin.binning.lhe.LheSample;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one entry point for event files of any supported format, chosen by the file name:
 * {@code .lhe}, {@code .lhe.gz} (Les Houches), {@code .parquet}, {@code .pq}, {@code .csv},
 * {@code .csv.gz}, {@code .h5}, {@code .hdf5} (MadMiner).
 *
 * <pre>{@code
 * EventSample s = EventSources.read(Path.of("vbf.parquet"));          // observables, weight, rwgt_<id>
 * try (EventStream in = EventSources.open(Path.of("big.parquet"), ReadOptions.DEFAULT.withObservables(List.of("m_jj")))) {
 *   for (EventTable chunk; (chunk = in.next()) != null; ) { ... }     // one row group at a time
 * }
 * }</pre>
 *
 * <p>Several files of one process ({@link #read(List, ReadOptions)}) are combined as independent
 * estimates of the same cross sections, as the LHE reader does: each file's weights are multiplied by
 * N_f/N (its share of the events), so that Σ w over all files estimates σ once. Their EFT weight ids
 * must agree.
 */
public final class EventSources {
  private EventSources() {}

  /** File formats. */
  public enum Format {
    LHE("lhe"), PARQUET("parquet"), CSV("csv"), HDF5("hdf5");

    private final String label;

    Format(String label) {
      this.label = label;
    }

    /** Lower-case name used in outputs. */
    public String label() {
      return label;
    }
  }

  /**
   * The format of {@code file} by its name.
   *
   * @throws EventFormatException for an unknown extension
   */
  public static Format format(Path file) {
    String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (n.endsWith(".lhe") || n.endsWith(".lhe.gz")) {
      return Format.LHE;
    }
    if (n.endsWith(".parquet") || n.endsWith(".pq")) {
      return Format.PARQUET;
    }
    if (n.endsWith(".csv") || n.endsWith(".csv.gz")) {
      return Format.CSV;
    }
    if (n.endsWith(".h5") || n.endsWith(".hdf5") || n.endsWith(".hdf")) {
      return Format.HDF5;
    }
    throw new EventFormatException(file.toString(), null,
        "unknown event file format (expected .lhe, .lhe.gz, .parquet, .csv, .csv.gz, .h5 or .hdf5)");
  }

  /** Opens a file for chunked reading. LHE files are read whole (one chunk). */
  public static EventStream open(Path file, ReadOptions options) {
    return switch (format(file)) {
      case PARQUET -> ParquetEvents.open(file, options);
      case CSV -> CsvEvents.open(file, options);
      case HDF5 -> MadMinerEvents.open(file, options);
      case LHE -> new LheStream(file, options);
    };
  }

  /** What a file holds (see {@link SourceInfo}). */
  public static SourceInfo info(Path file) {
    return switch (format(file)) {
      case PARQUET -> ParquetEvents.info(file);
      case CSV -> CsvEvents.info(file);
      case HDF5 -> MadMinerEvents.info(file);
      case LHE -> {
        try (LheStream s = new LheStream(file, ReadOptions.DEFAULT)) {
          yield s.info();
        }
      }
    };
  }

  /** Reads one file whole. */
  public static EventSample read(Path file) {
    return read(List.of(file), ReadOptions.DEFAULT);
  }

  /**
   * Reads files of one process into one sample (see the class description for the weights).
   *
   * @throws EventFormatException on a bad file, or if the files' EFT weight ids differ
   */
  public static EventSample read(List<Path> files, ReadOptions options) {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no event files given");
    }
    if (files.stream().allMatch(f -> format(f) == Format.LHE)) {
      LheReadOptions lo = LheReadOptions.DEFAULT.withProcess(options.process());
      LheSample s = LheSample.read(files, lo);
      EventTable t = s.events();
      if (options.observables() != null) {
        for (String want : options.observables()) {
          if (!t.hasColumn(want)) {
            throw new EventFormatException(files.get(0).toString(), want, "no such observable (observables: "
                + EventSample.of(s).observables() + ")");
          }
        }
        for (String c : EventSample.of(s).observables()) {
          if (!options.observables().contains(c)) {
            t = t.withoutColumn(c);
          }
        }
      }
      return EventSample.of(s).withEvents(t);
    }
    List<EventTable> tables = new ArrayList<>();
    SourceInfo first = null;
    String process = options.process() != null ? options.process() : stem(files.get(0));
    ReadOptions perFile = options.withProcess(process);
    for (Path f : files) {
      try (EventStream in = open(f, perFile)) {
        SourceInfo info = in.info();
        if (first == null) {
          first = info;
        } else if (!first.weightIds().equals(info.weightIds())) {
          throw new EventFormatException(f.toString(), null, "EFT weight ids " + info.weightIds() + " differ from those of "
              + first.file() + ": " + first.weightIds());
        } else if (!first.observables().equals(info.observables())) {
          throw new EventFormatException(f.toString(), null, "observables " + info.observables() + " differ from those of "
              + first.file() + ": " + first.observables());
        }
        List<EventTable> chunks = new ArrayList<>();
        for (EventTable c; (c = in.next()) != null; ) {
          chunks.add(c);
        }
        if (chunks.isEmpty()) {
          throw new EventFormatException(f.toString(), null, "no events in the file");
        }
        tables.add(chunks.size() == 1 ? chunks.get(0) : EventTable.concat(chunks));
      }
    }
    EventTable t;
    if (tables.size() == 1) {
      t = tables.get(0);
    } else {
      long total = tables.stream().mapToLong(EventTable::size).sum();
      List<EventTable> scaled = new ArrayList<>();
      for (EventTable part : tables) {
        double share = (double) part.size() / total;
        EventTable s = part.withScaledWeights(share);
        for (String id : first.weightIds()) {
          String col = LheSample.reweightColumn(id);
          double[] v = part.doubles(col);
          for (int i = 0; i < v.length; i++) {
            v[i] *= share;
          }
          s = s.withDoubleColumn(col, v);
        }
        scaled.add(s);
      }
      t = EventTable.concat(scaled);
    }
    EventSample s = new EventSample(first.format(), files, t, first.weightIds(), first.parameters(),
        first.benchmarkValues(), first.morphing());
    return s;
  }

  /**
   * Writes a sample in the format of {@code file}'s name (Parquet, CSV or MadMiner HDF5), atomically.
   *
   * @throws EventFormatException for LHE output or an unknown extension
   */
  public static void write(EventSample sample, Path file) {
    switch (format(file)) {
      case PARQUET -> ParquetEvents.write(sample, file);
      case CSV -> CsvEvents.write(sample, file);
      case HDF5 -> MadMinerEvents.write(sample, file);
      case LHE -> throw new EventFormatException(file.toString(), null, "writing LHE files is not supported");
    }
  }

  /** The file name without its event-file extensions. */
  static String stem(Path p) {
    String s = p.getFileName().toString();
    for (String ext : new String[] {".gz", ".lhe", ".parquet", ".pq", ".csv", ".h5", ".hdf5", ".hdf"}) {
      if (s.toLowerCase(Locale.ROOT).endsWith(ext)) {
        s = s.substring(0, s.length() - ext.length());
      }
    }
    return s;
  }

  /** LHE as a stream of one chunk (the LHE weight normalisation needs the whole file). */
  private static final class LheStream implements EventStream {
    private final EventSample sample;
    private final SourceInfo info;
    private boolean done;

    LheStream(Path file, ReadOptions options) {
      sample = read(List.of(file), options);
      EventTable t = sample.events();
      List<SourceInfo.ColumnInfo> cols = new ArrayList<>();
      for (String c : t.columnNames()) {
        cols.add(new SourceInfo.ColumnInfo(c, t.column(c).type().name().toLowerCase(Locale.ROOT)));
      }
      info = new SourceInfo(file, "lhe", t.size(), cols, sample.observables(), "XWGTUP", sample.weightIds(), List.of(),
          Map.of(), Optional.empty());
    }

    @Override
    public SourceInfo info() {
      return info;
    }

    @Override
    public EventTable next() {
      if (done) {
        return null;
      }
      done = true;
      return sample.events();
    }

    @Override
    public void close() {}
  }

  static String join(double[] v) {
    return Arrays.toString(v);
  }
}
