package io.sumbin.examples.bench;

import io.sumbin.binning.EventTable;
import io.sumbin.binning.source.EventSample;
import io.sumbin.binning.source.EventSources;
import io.sumbin.binning.source.EventStream;
import io.sumbin.binning.source.ReadOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Read speed of the event formats (docs/BENCHMARKS.md, "Event files"): gzipped LHE through the LHE
 * reader, then the same events tiled to {@code N} (default 10⁶) and written as Parquet (Snappy), CSV
 * and MadMiner HDF5, each read back whole (all observables and the 21 EFT weights) and with one
 * observable only. Prints events per second of the reading thread's CPU time (the reading is
 * single-threaded, so this is the wall-clock rate on an idle core, and it is not distorted by other
 * processes on a shared machine), best of {@code R} runs (default 3).
 *
 * <pre>
 *   java -cp examples/cli/target/sumbin.jar io.sumbin.examples.bench.EventReadBench [--events N] [--repeat R] [--keep DIR] FILE.lhe.gz...
 * </pre>
 *
 * {@code --keep DIR} writes the files there and keeps them (e.g. for the DuckDB comparison).
 */
public final class EventReadBench {
  private EventReadBench() {}

  public static void main(String[] args) throws IOException {
    int n = 1_000_000;
    int repeat = 3;
    Path keep = null;
    List<Path> lhe = new ArrayList<>();
    for (int a = 0; a < args.length; a++) {
      switch (args[a]) {
        case "--events" -> n = Integer.parseInt(args[++a]);
        case "--repeat" -> repeat = Integer.parseInt(args[++a]);
        case "--keep" -> keep = Path.of(args[++a]);
        default -> lhe.add(Path.of(args[a]));
      }
    }
    if (lhe.isEmpty()) {
      System.err.println("usage: EventReadBench [--events N] [--repeat R] FILE.lhe.gz...");
      System.exit(2);
    }
    EventSample s = null;
    double lheBest = Double.MAX_VALUE;
    for (int r = 0; r < repeat; r++) {
      long t0 = cpu();
      s = EventSources.read(lhe, ReadOptions.DEFAULT);
      lheBest = Math.min(lheBest, (cpu() - t0) * 1e-9);
    }
    EventTable base = s.events();
    int copies = (n + base.size() - 1) / base.size();
    EventTable big = EventTable.concat(Collections.nCopies(copies, base));
    EventSample sample = s.withEvents(big);
    System.out.printf(Locale.ROOT, "%d events (%d LHE events x %d), %d observables, %d EFT weights%n", big.size(),
        base.size(), copies, s.observables().size(), s.weightIds().size());
    System.out.printf(Locale.ROOT, "| format | file MB | write, CPU s | read all, events/CPU-s | read 1 observable, events/CPU-s | vs LHE |%n");
    System.out.printf(Locale.ROOT, "|---|---|---|---|---|---|%n");
    double lheRate = base.size() / lheBest;
    long lheBytes = 0;
    for (Path p : lhe) {
      lheBytes += Files.size(p);
    }
    System.out.printf(Locale.ROOT, "| LHE (gzip) | %.1f for %d events | — | %.3g | — | 1 |%n", lheBytes / 1e6, base.size(), lheRate);
    Path dir = keep != null ? Files.createDirectories(keep) : Files.createTempDirectory("sumbin-eventbench");
    java.util.Map<String, double[]> values = new java.util.LinkedHashMap<>();
    for (int b = 0; b < s.weightIds().size(); b++) {
      values.put(s.weightIds().get(b), new double[] {b});
    }
    EventSample withValues = sample.withBenchmarks(List.of("index"), values);
    try {
      for (String name : List.of("events.parquet", "events.csv", "events.h5")) {
        Path f = dir.resolve(name);
        long t0 = cpu();
        EventSources.write(withValues, f);
        double write = (cpu() - t0) * 1e-9;
        double all = Double.MAX_VALUE;
        double one = Double.MAX_VALUE;
        for (int r = 0; r < repeat; r++) {
          all = Math.min(all, time(f, ReadOptions.DEFAULT, big.size()));
          one = Math.min(one, time(f, ReadOptions.DEFAULT.withObservables(List.of("m_jj")), big.size()));
        }
        double rate = big.size() / all;
        System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.3g | %.3g | %.1f |%n", name.substring(name.indexOf('.') + 1),
            Files.size(f) / 1e6, write, rate, big.size() / one, rate / lheRate);
        if (keep == null) {
          Files.delete(f);
        }
      }
    } finally {
      if (keep != null) {
        return;
      }
      try (var st = Files.list(dir)) {
        for (Path p : st.toList()) {
          Files.deleteIfExists(p);
        }
      }
      Files.deleteIfExists(dir);
    }
  }

  /** CPU nanoseconds of the calling thread. */
  private static long cpu() {
    return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  /** CPU seconds to stream the whole file (chunks discarded after counting). */
  private static double time(Path f, ReadOptions o, int expected) {
    long t0 = cpu();
    long count = 0;
    try (EventStream in = EventSources.open(f, o)) {
      for (EventTable c; (c = in.next()) != null; ) {
        count += c.size();
      }
    }
    if (count != expected) {
      throw new IllegalStateException(f + ": read " + count + " events, expected " + expected);
    }
    return (cpu() - t0) * 1e-9;
  }
}
