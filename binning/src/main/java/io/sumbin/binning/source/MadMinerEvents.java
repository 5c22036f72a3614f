package io.sumbin.binning.source;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import io.sumbin.binning.EventTable;
import io.sumbin.binning.lhe.LheSample;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * MadMiner HDF5 files (Brehmer, Kling, Espejo, Cranmer, arXiv:1907.10621), read with jhdf (pure Java);
 * HDF5 files without {@code samples/observations} are read as flat tables (one 1-D dataset per column).
 * The layout, as MadMiner's {@code madminer_hdf5} interface writes it:
 *
 * <pre>
 *   parameters/names            P strings            (Wilson coefficient names)
 *   benchmarks/names            B strings
 *   benchmarks/values           B × P                (parameter values of each benchmark)
 *   benchmarks/is_nuisance      B ints (optional)    (nuisance benchmarks: weights kept, not morphed)
 *   benchmarks/is_reference     B ints (optional)
 *   morphing/components         C × P ints (optional, powers of each parameter per component)
 *   morphing/morphing_matrix    C × B_m (optional; combines the first B_m physics benchmarks)
 *   observables/names           K strings (optional; obs_0.. otherwise)
 *   samples/observations        n × K
 *   samples/weights             n × B                (pb per event, Σ_i w_ib = σ(benchmark b))
 * </pre>
 *
 * Benchmark b's weights become column {@code rwgt_<name_b>}; the nominal weight is the reference
 * benchmark's ({@code is_reference}), else the benchmark with all parameters 0, else the first.
 * Rows are read {@link ReadOptions#chunkEvents} at a time (hyperslabs), so memory does not grow with
 * the file.
 */
public final class MadMinerEvents {
  private MadMinerEvents() {}

  /**
   * Opens an HDF5 file for chunked reading: MadMiner's layout when it has {@code samples/observations},
   * else a flat table of 1-D column datasets ({@code Hdf5TableEvents}).
   */
  public static EventStream open(Path file, ReadOptions options) {
    if (!Files.isRegularFile(file)) {
      throw new EventFormatException(file.toString(), null, "no such file");
    }
    HdfFile h;
    try {
      h = new HdfFile(file);
    } catch (RuntimeException e) {
      throw new EventFormatException(file.toString(), null, "not a readable HDF5 file (" + e.getMessage() + ")", e);
    }
    boolean madMiner;
    try {
      h.getByPath("samples/observations");
      madMiner = true;
    } catch (RuntimeException e) {
      madMiner = false;
    }
    try {
      return madMiner ? new Reader(file, h, options) : Hdf5TableEvents.open(file, h, options);
    } catch (RuntimeException e) {
      h.close();
      throw e;
    }
  }

  /** Parameters, benchmarks, morphing, observables and number of events (no event is read). */
  public static SourceInfo info(Path file) {
    try (EventStream r = open(file, ReadOptions.DEFAULT)) {
      return r.info();
    }
  }

  /**
   * Writes a sample in MadMiner's layout. The weight ids are the benchmarks; each needs declared
   * parameter values ({@link EventSample#benchmarkValues()}). The morphing is written when the sample
   * has one. A sample without declared values for every EFT weight is written as a flat table instead
   * (one 1-D dataset per column under {@code events/}).
   */
  public static void write(EventSample sample, Path file) {
    if (!sample.weightIds().stream().allMatch(sample.benchmarkValues()::containsKey)) {
      Hdf5TableEvents.write(sample, file);
      return;
    }
    List<String> ids = sample.weightIds();
    List<String> params = sample.parameters();
    double[][] values = new double[ids.size()][];
    for (int b = 0; b < ids.size(); b++) {
      values[b] = sample.benchmarkValues().get(ids.get(b));
    }
    EventTable t = sample.events();
    List<String> obs = sample.observables();
    int n = t.size();
    double[][] observations = new double[n][obs.size()];
    for (int k = 0; k < obs.size(); k++) {
      io.sumbin.binning.Column c = t.column(obs.get(k));
      for (int i = 0; i < n; i++) {
        observations[i][k] = c.get(i);
      }
    }
    double[][] weights = new double[n][ids.size()];
    for (int b = 0; b < ids.size(); b++) {
      io.sumbin.binning.Column c = t.column(LheSample.reweightColumn(ids.get(b)));
      for (int i = 0; i < n; i++) {
        weights[i][b] = c.get(i);
      }
    }
    AtomicFile.write(file, tmp -> {
      try (WritableHdfFile h = HdfFile.write(tmp)) {
        WritableGroup p = h.putGroup("parameters");
        p.putDataset("names", params.toArray(new String[0]));
        WritableGroup bg = h.putGroup("benchmarks");
        bg.putDataset("names", ids.toArray(new String[0]));
        bg.putDataset("values", values);
        bg.putDataset("is_nuisance", new int[ids.size()]);
        sample.morphing().ifPresent(m -> {
          WritableGroup mg = h.putGroup("morphing");
          mg.putDataset("components", m.components());
          mg.putDataset("morphing_matrix", m.matrix());
        });
        h.putGroup("observables").putDataset("names", obs.toArray(new String[0]));
        WritableGroup sg = h.putGroup("samples");
        sg.putDataset("observations", observations);
        sg.putDataset("weights", weights);
      }
    });
  }

  private static final class Reader implements EventStream {
    private final String name;
    private final HdfFile h;
    private final Dataset observations;
    private final Dataset weights;
    private final long n;
    private final int nObsAll;
    private final int nBench;
    private final int[] obsIndex;
    private final List<String> obsNames;
    private final List<String> benchNames;
    private final int nominal;
    private final SourceInfo info;
    private final ReadOptions options;
    private final String process;
    private long row;

    Reader(Path file, HdfFile h, ReadOptions options) {
      this.name = file.toString();
      this.options = options;
      this.h = h;
      try {
        List<String> params = strings("parameters/names");
        benchNames = strings("benchmarks/names");
        double[][] values = matrix("benchmarks/values");
        if (values.length != benchNames.size()) {
          throw new EventFormatException(name, "benchmarks/values", values.length + " rows for " + benchNames.size()
              + " benchmarks");
        }
        double[] isNuisance = vector("benchmarks/is_nuisance", benchNames.size());
        double[] isReference = vector("benchmarks/is_reference", benchNames.size());
        Map<String, double[]> bench = new LinkedHashMap<>();
        for (int b = 0; b < benchNames.size(); b++) {
          if (values[b].length != params.size()) {
            throw new EventFormatException(name, "benchmarks/values", "benchmark '" + benchNames.get(b) + "' has "
                + values[b].length + " values for " + params.size() + " parameters");
          }
          if (isNuisance[b] == 0) {
            bench.put(benchNames.get(b), values[b]);
          }
        }
        MadMinerMorphing morphing = null;
        if (exists("morphing/components") && exists("morphing/morphing_matrix")) {
          double[][] comp = matrix("morphing/components");
          int[][] powers = new int[comp.length][];
          for (int c = 0; c < comp.length; c++) {
            powers[c] = new int[comp[c].length];
            for (int p = 0; p < comp[c].length; p++) {
              powers[c][p] = (int) comp[c][p];
            }
            if (powers[c].length != params.size()) {
              throw new EventFormatException(name, "morphing/components", "component " + c + " has " + powers[c].length
                  + " powers for " + params.size() + " parameters");
            }
          }
          double[][] mm = matrix("morphing/morphing_matrix");
          if (mm.length != comp.length) {
            throw new EventFormatException(name, "morphing/morphing_matrix", mm.length + " rows for " + comp.length
                + " components");
          }
          if (mm.length > 0 && mm[0].length > bench.size()) {
            throw new EventFormatException(name, "morphing/morphing_matrix", mm[0].length + " columns, the file has only "
                + bench.size() + " physics benchmarks");
          }
          morphing = new MadMinerMorphing(powers, mm);
        }
        observations = dataset("samples/observations");
        weights = dataset("samples/weights");
        int[] od = observations.getDimensions();
        int[] wd = weights.getDimensions();
        if (od.length != 2 || wd.length != 2) {
          throw new EventFormatException(name, od.length != 2 ? "samples/observations" : "samples/weights",
              "expected a 2-dimensional dataset, got " + od.length + " dimensions");
        }
        n = od[0];
        nObsAll = od[1];
        nBench = wd[1];
        if (wd[0] != n) {
          throw new EventFormatException(name, "samples/weights", wd[0] + " rows, samples/observations has " + n);
        }
        if (nBench != benchNames.size()) {
          throw new EventFormatException(name, "samples/weights", nBench + " columns for " + benchNames.size() + " benchmarks");
        }
        List<String> allObs = exists("observables/names") ? strings("observables/names") : null;
        if (allObs == null) {
          allObs = new ArrayList<>();
          for (int k = 0; k < nObsAll; k++) {
            allObs.add("obs_" + k);
          }
        } else if (allObs.size() != nObsAll) {
          throw new EventFormatException(name, "observables/names", allObs.size() + " names for " + nObsAll
              + " columns of samples/observations");
        }
        List<Integer> idx = new ArrayList<>();
        obsNames = new ArrayList<>();
        for (int k = 0; k < nObsAll; k++) {
          if (options.wants(allObs.get(k))) {
            idx.add(k);
            obsNames.add(allObs.get(k));
          }
        }
        if (options.observables() != null) {
          for (String want : options.observables()) {
            if (!allObs.contains(want)) {
              throw new EventFormatException(name, want, "no such observable (observables/names: " + allObs + ")");
            }
          }
        }
        obsIndex = idx.stream().mapToInt(Integer::intValue).toArray();
        int ref = -1;
        for (int b = 0; b < benchNames.size() && ref < 0; b++) {
          if (isReference[b] != 0) {
            ref = b;
          }
        }
        for (int b = 0; b < benchNames.size() && ref < 0; b++) {
          if (Arrays.stream(values[b]).allMatch(v -> v == 0)) {
            ref = b;
          }
        }
        nominal = Math.max(ref, 0);
        List<SourceInfo.ColumnInfo> cols = new ArrayList<>();
        for (String o : allObs) {
          cols.add(new SourceInfo.ColumnInfo(o, "samples/observations " + observations.getJavaType().getSimpleName()));
        }
        for (String b : benchNames) {
          cols.add(new SourceInfo.ColumnInfo(b, "samples/weights " + weights.getJavaType().getSimpleName()));
        }
        info = new SourceInfo(file, "hdf5", n, cols, obsNames, "samples/weights[" + benchNames.get(nominal) + "]",
            benchNames, params, bench, Optional.ofNullable(morphing));
        process = options.process() != null ? options.process() : EventSources.stem(file);
      } catch (RuntimeException e) {
        if (e instanceof EventFormatException) {
          throw e;
        }
        throw new EventFormatException(name, null, "cannot read the MadMiner layout: " + e, e);
      }
    }

    private boolean exists(String path) {
      try {
        h.getByPath(path);
        return true;
      } catch (RuntimeException e) {
        return false;
      }
    }

    private Dataset dataset(String path) {
      Node node;
      try {
        node = h.getByPath(path);
      } catch (RuntimeException e) {
        throw new EventFormatException(name, path, "missing (not a MadMiner file?)");
      }
      if (!(node instanceof Dataset d)) {
        throw new EventFormatException(name, path, "is a group, expected a dataset");
      }
      return d;
    }

    private List<String> strings(String path) {
      Object data = dataset(path).getData();
      if (!(data instanceof String[] s)) {
        throw new EventFormatException(name, path, "expected strings, got " + data.getClass().getSimpleName());
      }
      List<String> out = new ArrayList<>();
      for (String x : s) {
        out.add(x.trim());
      }
      return out;
    }

    private double[][] matrix(String path) {
      Object data = dataset(path).getData();
      if (!data.getClass().isArray() || Array.getLength(data) > 0 && !Array.get(data, 0).getClass().isArray()) {
        throw new EventFormatException(name, path, "expected a 2-dimensional numeric dataset");
      }
      double[][] out = new double[Array.getLength(data)][];
      for (int r = 0; r < out.length; r++) {
        out[r] = toDoubles(path, Array.get(data, r));
      }
      return out;
    }

    /** An optional 1-D dataset of length {@code len} (zeros when absent). */
    private double[] vector(String path, int len) {
      if (!exists(path)) {
        return new double[len];
      }
      double[] v = toDoubles(path, dataset(path).getData());
      if (v.length != len) {
        throw new EventFormatException(name, path, v.length + " values, expected " + len);
      }
      return v;
    }

    private double[] toDoubles(String path, Object arr) {
      if (arr instanceof double[] d) {
        return d;
      }
      if (arr instanceof String[] || arr instanceof Boolean[]) {
        // h5py stores numpy booleans (MadMiner's is_reference, is_nuisance) as an HDF5 enum FALSE/TRUE
        Object[] xs = (Object[]) arr;
        double[] out = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
          String x = String.valueOf(xs[i]).trim();
          if (x.equalsIgnoreCase("true")) {
            out[i] = 1;
          } else if (!x.equalsIgnoreCase("false")) {
            throw new EventFormatException(name, path, "expected numbers or booleans, got '" + x + "'");
          }
        }
        return out;
      }
      if (arr == null || !arr.getClass().isArray() || !arr.getClass().getComponentType().isPrimitive()) {
        throw new EventFormatException(name, path, "expected numbers");
      }
      int len = Array.getLength(arr);
      double[] out = new double[len];
      for (int i = 0; i < len; i++) {
        Object x = Array.get(arr, i);
        out[i] = x instanceof Boolean b ? (b ? 1 : 0) : ((Number) x).doubleValue();
      }
      return out;
    }

    @Override
    public SourceInfo info() {
      return info;
    }

    @Override
    public EventTable next() {
      if (row >= n) {
        return null;
      }
      int len = (int) Math.min(options.chunkEvents(), n - row);
      Object o;
      Object w;
      try {
        o = observations.getData(new long[] {row, 0}, new int[] {len, nObsAll});
        w = weights.getData(new long[] {row, 0}, new int[] {len, nBench});
      } catch (RuntimeException e) {
        throw new EventFormatException(name, "samples", "cannot read events " + row + ".." + (row + len)
            + " (truncated file?): " + e.getMessage(), e);
      }
      double[][] obsCols = new double[obsIndex.length][len];
      for (int i = 0; i < len; i++) {
        double[] r = toDoubles("samples/observations", Array.get(o, i));
        for (int k = 0; k < obsIndex.length; k++) {
          obsCols[k][i] = r[obsIndex[k]];
        }
      }
      double[][] wCols = new double[nBench][len];
      for (int i = 0; i < len; i++) {
        double[] r = toDoubles("samples/weights", Array.get(w, i));
        for (int b = 0; b < nBench; b++) {
          if (!Double.isFinite(r[b])) {
            throw new EventFormatException(name, "samples/weights", "event " + (row + i) + ", benchmark '"
                + benchNames.get(b) + "': weight " + r[b] + " is not finite");
          }
          wCols[b][i] = r[b];
        }
      }
      EventTable t = EventTable.of(process, wCols[nominal]);
      for (int k = 0; k < obsIndex.length; k++) {
        t = t.withDoubleColumn(obsNames.get(k), obsCols[k]);
      }
      for (int b = 0; b < nBench; b++) {
        t = t.withDoubleColumn(LheSample.reweightColumn(benchNames.get(b)), wCols[b]);
      }
      row += len;
      return t;
    }

    @Override
    public void close() {
      h.close();
    }
  }
}
