package io.sumbin.binning.source;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.sumbin.binning.EventTable;
import io.sumbin.binning.lhe.LheSample;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Flat HDF5 event tables, as h5py users write them: one 1-dimensional numeric dataset per column, all
 * of the same length, in the root group (or in the group {@code events}), in the order of the group's
 * string-array attribute {@code columns} if present, else by name. Columns are mapped by name
 * as for Parquet ({@code weight}, {@code w_<id>} / {@code rwgt_<id>}, observables); datasets of another
 * shape or of strings are listed and skipped. Files with {@code samples/observations} are MadMiner
 * files ({@link MadMinerEvents}).
 */
final class Hdf5TableEvents {
  /** Attribute of the columns' group listing the column order (HDF5 groups do not keep it by default). */
  static final String ORDER_ATTRIBUTE = "columns";

  private Hdf5TableEvents() {}

  /** The group holding the columns: {@code events} if present, else the root. */
  static Group columnsGroup(HdfFile h) {
    Node n = h.getChild("events");
    return n instanceof Group g ? g : h;
  }

  static EventStream open(Path file, HdfFile h, ReadOptions options) {
    return new Reader(file, h, options);
  }

  /** Writes the columns of a sample as 1-D datasets under {@code events/} (observables, weight, w_<id>). */
  static void write(EventSample sample, Path file) {
    EventTable t = sample.events();
    AtomicFile.write(file, tmp -> {
      try (WritableHdfFile h = HdfFile.write(tmp)) {
        var g = h.putGroup("events");
        List<String> order = new ArrayList<>(sample.observables());
        order.add(ColumnRoles.WEIGHT);
        sample.weightIds().forEach(id -> order.add("w_" + id));
        g.putAttribute(ORDER_ATTRIBUTE, order.toArray(new String[0]));
        for (String o : sample.observables()) {
          g.putDataset(o, t.doubles(o));
        }
        g.putDataset(ColumnRoles.WEIGHT, t.weights());
        for (String id : sample.weightIds()) {
          g.putDataset("w_" + id, t.doubles(LheSample.reweightColumn(id)));
        }
      }
    });
  }

  private static final class Reader implements EventStream {
    private final String name;
    private final HdfFile h;
    private final List<Dataset> datasets = new ArrayList<>();
    private final ColumnRoles roles;
    private final SourceInfo info;
    private final ReadOptions options;
    private final String process;
    private final long n;
    private long row;

    Reader(Path file, HdfFile h, ReadOptions options) {
      this.name = file.toString();
      this.h = h;
      this.options = options;
      Group g = columnsGroup(h);
      List<String> names = new ArrayList<>();
      List<SourceInfo.ColumnInfo> infos = new ArrayList<>();
      List<Boolean> numeric = new ArrayList<>();
      long len = -1;
      Map<String, Node> children = new LinkedHashMap<>();
      io.jhdf.api.Attribute order = g.getAttribute(ORDER_ATTRIBUTE);
      if (order != null && order.getData() instanceof String[] cols) {
        for (String c : cols) {
          Node node = g.getChildren().get(c);
          if (node != null) {
            children.put(c, node);
          }
        }
      }
      new java.util.TreeMap<>(g.getChildren()).forEach(children::putIfAbsent);
      for (Map.Entry<String, Node> e : children.entrySet()) {
        if (!(e.getValue() instanceof Dataset d)) {
          continue;
        }
        Class<?> type = d.getJavaType();
        boolean num = d.getDimensions().length == 1 && type.isPrimitive();
        infos.add(new SourceInfo.ColumnInfo(e.getKey(), type.getSimpleName() + java.util.Arrays.toString(d.getDimensions())));
        if (num) {
          if (len < 0) {
            len = d.getDimensions()[0];
          } else if (d.getDimensions()[0] != len) {
            throw new EventFormatException(name, e.getKey(), d.getDimensions()[0] + " values, the first column has " + len);
          }
        }
        names.add(e.getKey());
        numeric.add(num);
        datasets.add(d);
      }
      if (len < 0) {
        throw new EventFormatException(name, null, "no 1-dimensional numeric datasets (neither a MadMiner file, with "
            + "samples/observations, nor a flat table)");
      }
      boolean[] isNum = new boolean[numeric.size()];
      for (int j = 0; j < isNum.length; j++) {
        isNum[j] = numeric.get(j);
      }
      n = len;
      roles = new ColumnRoles(name, names, isNum, options);
      info = new SourceInfo(file, "hdf5", n, infos, roles.observables, roles.nominal >= 0 ? ColumnRoles.WEIGHT : null,
          roles.weightIds, List.of(), new LinkedHashMap<>(), Optional.empty());
      process = options.process() != null ? options.process() : EventSources.stem(file);
    }

    @Override
    public SourceInfo info() {
      return info;
    }

    private double[] read(int j, int len, String column, boolean weight) {
      Object o;
      try {
        o = datasets.get(j).getData(new long[] {row}, new int[] {len});
      } catch (RuntimeException e) {
        throw new EventFormatException(name, column, "cannot read events " + row + ".." + (row + len) + " (truncated file?): "
            + e.getMessage(), e);
      }
      double[] v = new double[len];
      for (int i = 0; i < len; i++) {
        Object x = Array.get(o, i);
        v[i] = x instanceof Boolean b ? (b ? 1 : 0) : ((Number) x).doubleValue();
        if (weight && !Double.isFinite(v[i])) {
          throw new EventFormatException(name, column, "event " + (row + i) + ": weight " + v[i] + " is not finite");
        }
      }
      return v;
    }

    @Override
    public EventTable next() {
      if (row >= n) {
        return null;
      }
      int len = (int) Math.min(options.chunkEvents(), n - row);
      double[] w;
      if (roles.nominal >= 0) {
        w = read(roles.nominal, len, ColumnRoles.WEIGHT, true);
      } else {
        w = new double[len];
        java.util.Arrays.fill(w, 1.0);
      }
      EventTable t = EventTable.of(process, w);
      for (int k = 0; k < roles.observables.size(); k++) {
        String c = roles.observables.get(k);
        t = t.withDoubleColumn(c, read(roles.observableIndex.get(k), len, c, false));
      }
      for (int k = 0; k < roles.weightIds.size(); k++) {
        String id = roles.weightIds.get(k);
        t = t.withDoubleColumn(LheSample.reweightColumn(id), read(roles.weightIndex.get(k), len, "w_" + id, true));
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
