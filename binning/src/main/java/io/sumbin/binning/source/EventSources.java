package io.sumbin.binning.source;

import io.sumbin.binning.EventTable;
import io.sumbin.binning.lhe.LheReadOptions;
import io.sumbin.binning.lhe.LheSample;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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

  /**
   * Opens a file for chunked reading. LHE files are read in two passes (count, then events), so that
   * memory does not grow with the file either.
   */
  public static EventStream open(Path file, ReadOptions options) {
    return switch (format(file)) {
      case PARQUET -> ParquetEvents.open(file, options);
      case CSV -> CsvEvents.open(file, options);
      case HDF5 -> MadMinerEvents.open(file, options);
      case LHE -> new LheEventStream(file, options);
    };
  }

  /** What a file holds (see {@link SourceInfo}). */
  public static SourceInfo info(Path file) {
    return switch (format(file)) {
      case PARQUET -> ParquetEvents.info(file);
      case CSV -> CsvEvents.info(file);
      case HDF5 -> MadMinerEvents.info(file);
      case LHE -> {
        try (LheEventStream s = new LheEventStream(file, ReadOptions.DEFAULT)) {
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

  /** Events read and written by {@link #convert}. */
  public record Converted(long read, long written, EventSample first) {}

  /**
   * Converts one file chunk by chunk: each chunk of {@code in} (as {@link #open} reads it) goes through
   * {@code transform} (derived columns, a selection; it must give every chunk the same columns) and is
   * written to {@code out}. Parquet and CSV output hold one chunk in memory at a time; HDF5 output is
   * assembled whole (jhdf writes whole datasets). Declared benchmark values are taken from the input's
   * description, or from {@code declare} applied to the first transformed chunk.
   *
   * @param declare adds declarations to the first chunk's sample (e.g. MadGraph ids as benchmark values); identity if none
   * @throws EventFormatException on a bad input or an unwritable output (nothing is left at {@code out})
   */
  public static Converted convert(Path in, ReadOptions options, java.util.function.UnaryOperator<EventTable> transform,
      java.util.function.UnaryOperator<EventSample> declare, Path out) {
    Format outFormat = format(out);
    if (outFormat == Format.LHE) {
      throw new EventFormatException(out.toString(), null, "writing LHE files is not supported");
    }
    try (EventStream s = open(in, options)) {
      SourceInfo info = s.info();
      long[] counts = new long[2];
      java.util.Iterator<EventTable> chunks = new java.util.Iterator<EventTable>() {
        EventTable next = advance();

        EventTable advance() {
          EventTable c = s.next();
          if (c == null) {
            return null;
          }
          counts[0] += c.size();
          EventTable t = transform.apply(c);
          counts[1] += t.size();
          return t;
        }

        @Override
        public boolean hasNext() {
          return next != null;
        }

        @Override
        public EventTable next() {
          EventTable c = next;
          next = advance();
          return c;
        }
      };
      if (!chunks.hasNext()) {
        throw new EventFormatException(in.toString(), null, "no events in the file");
      }
      EventTable firstChunk = chunks.next();
      EventSample first = declare.apply(new EventSample(info.format(), List.of(in), firstChunk, info.weightIds(),
          info.parameters(), info.benchmarkValues(), info.morphing()));
      switch (outFormat) {
        case PARQUET -> ParquetEvents.write(first, chunks, out, ParquetEvents.ROW_GROUP_BYTES);
        case CSV -> CsvEvents.write(first, chunks, out);
        default -> {
          List<EventTable> all = new ArrayList<>();
          all.add(firstChunk);
          chunks.forEachRemaining(all::add);
          MadMinerEvents.write(first.withEvents(all.size() == 1 ? firstChunk : EventTable.concat(all)), out);
        }
      }
      return new Converted(counts[0], counts[1], first);
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
}
