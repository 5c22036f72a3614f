package io.sumbin.binning.lhe;

import io.sumbin.binning.EventTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One or more LHE files read into an {@link EventTable}: weight w_i (pb per event, Σ w_i = σ; see
 * {@link WeightNormalization}), one column per observable, and one double column
 * {@code rwgt_<id>} per reweighting weight, converted with the same factor as XWGTUP, so that
 * Σ_i rwgt_θ,i = σ(θ).
 *
 * <pre>{@code
 * LheSample s = LheSample.read(Path.of("smeftsim_VBFH-1.lhe.gz"));
 * EventTable t = s.events();                  // pt_h, m_jj, ..., rwgt_SM, rwgt_cHW_0p1, ...
 * double[] wHw = t.doubles(LheSample.reweightColumn("cHW_0p1"));  // Σ = σ(cHW = 0.1) in pb
 * }</pre>
 *
 * @param files the files, in reading order
 * @param headers one header per file
 * @param events the events of all files, in order
 * @param weightIds the reweighting weight ids (the same in every file)
 * @param normalizations the convention resolved for each file
 */
public record LheSample(List<Path> files, List<LheHeader> headers, EventTable events, List<String> weightIds,
    List<WeightNormalization> normalizations) {

  /** Prefix of the reweighting weight columns. */
  public static final String REWEIGHT_PREFIX = "rwgt_";

  public LheSample {
    files = List.copyOf(files);
    headers = List.copyOf(headers);
    weightIds = List.copyOf(weightIds);
    normalizations = List.copyOf(normalizations);
  }

  /** Column name of reweighting weight {@code id}: {@code rwgt_<id>}. */
  public static String reweightColumn(String id) {
    return REWEIGHT_PREFIX + id;
  }

  /** Reads one file with {@link LheReadOptions#DEFAULT}. */
  public static LheSample read(Path file) {
    return read(List.of(file), LheReadOptions.DEFAULT);
  }

  /**
   * Reads files of the same process (same reweighting ids, in the same order) into one table.
   *
   * @throws LheFormatException on malformed input, or if a file's weight ids differ from the first's
   */
  public static LheSample read(List<Path> files, LheReadOptions options) {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no LHE files given");
    }
    EventObservables obs = options.observables();
    List<LheHeader> headers = new ArrayList<>();
    List<WeightNormalization> norms = new ArrayList<>();
    List<String> ids = null;
    Grow w = new Grow();
    Grow[] cols = null;
    Grow[] rw = null;
    double[] scratch = null;
    int[] fileSizes = new int[files.size()];
    double[] fileScale = new double[files.size()];
    for (int f = 0; f < files.size(); f++) {
      Path path = files.get(f);
      int before = w.n;
      double sumX = 0;
      try (LheReader r = LheReader.open(path)) {
        List<String> fileIds = r.weightIds();
        if (ids == null) {
          ids = fileIds;
          rw = new Grow[ids.size()];
          for (int k = 0; k < rw.length; k++) {
            rw[k] = new Grow();
          }
        } else if (!ids.equals(fileIds)) {
          throw new LheFormatException(path.toString(), 0, "reweighting ids differ from those of " + files.get(0) + ": "
              + describeDifference(ids, fileIds));
        }
        headers.add(r.header());
        boolean[] nonzero = new boolean[ids.size()];
        boolean anyWeight = false;
        while (r.hasNext()) {
          LheEvent e = r.next();
          anyWeight |= e.weight() != 0;
          for (int k = 0; k < nonzero.length; k++) {
            nonzero[k] |= e.reweight(k) != 0;
          }
          if (obs == null) {
            obs = LheObservables.detect(e);
          }
          if (cols == null) {
            cols = new Grow[obs.names().size()];
            for (int k = 0; k < cols.length; k++) {
              cols[k] = new Grow();
            }
            scratch = new double[cols.length];
          }
          obs.compute(e, scratch);
          for (int k = 0; k < cols.length; k++) {
            cols[k].add(scratch[k]);
          }
          for (int k = 0; k < rw.length; k++) {
            rw[k].add(e.reweight(k));
          }
          w.add(e.weight());
          sumX += e.weight();
        }
        int read = r.eventsRead();
        if (read == 0) {
          throw new LheFormatException(path.toString(), r.line(), "no events in the file");
        }
        if (!anyWeight) {
          throw new LheFormatException(path.toString(), 0, "the event weight XWGTUP is zero in all " + read + " events");
        }
        for (int k = 0; k < nonzero.length; k++) {
          if (!nonzero[k]) {
            throw new LheFormatException(path.toString(), 0, "weight id '" + ids.get(k) + "' is zero in all " + read + " events");
          }
        }
      }
      int nf = w.n - before;
      fileSizes[f] = nf;
      WeightNormalization norm = options.normalization();
      if (norm == WeightNormalization.AUTO) {
        double sigma = headers.get(f).crossSectionPb();
        norm = nf == 0 || Math.abs(sumX / nf - sigma) <= Math.abs(sumX - sigma) ? WeightNormalization.AVERAGE
            : WeightNormalization.SUM;
      }
      norms.add(norm);
      fileScale[f] = switch (norm) {
        case AVERAGE -> 1.0;
        case SUM -> nf;
        case NONE -> Double.NaN;
        case AUTO -> throw new IllegalStateException("unresolved normalization");
      };
    }
    if (obs == null) {
      obs = LheObservables.none();
    }
    if (cols == null) {
      cols = new Grow[obs.names().size()];
      for (int k = 0; k < cols.length; k++) {
        cols[k] = new Grow();
      }
    }
    int n = w.n;
    double[] factor = new double[n];
    int off = 0;
    for (int f = 0; f < files.size(); f++) {
      double c = Double.isNaN(fileScale[f]) ? 1.0 : fileScale[f] / n;
      Arrays.fill(factor, off, off + fileSizes[f], c);
      off += fileSizes[f];
    }
    double[] weights = w.scaled(factor);
    String process = options.process() != null ? options.process() : stem(files.get(0));
    EventTable t = EventTable.of(process, weights);
    List<String> names = obs.names();
    for (int k = 0; k < cols.length; k++) {
      t = options.floatObservables() ? t.withFloatColumn(names.get(k), cols[k].values())
          : t.withDoubleColumn(names.get(k), cols[k].values());
    }
    for (int k = 0; k < rw.length; k++) {
      t = t.withDoubleColumn(reweightColumn(ids.get(k)), rw[k].scaled(factor));
    }
    return new LheSample(files, headers, t, ids, norms);
  }

  /** Total cross section from the (first) header, Σ XSECUP in pb. */
  public double headerCrossSectionPb() {
    return headers.get(0).crossSectionPb();
  }

  /**
   * The reweighting weights as a matrix: row i = event, column p = weight id {@code ids.get(p)}.
   *
   * @return n × P row-major (a new array)
   */
  public double[] reweightMatrix(List<String> ids) {
    EventTable t = events;
    int n = t.size();
    double[] out = new double[n * ids.size()];
    for (int p = 0; p < ids.size(); p++) {
      io.sumbin.binning.Column c = t.column(reweightColumn(ids.get(p)));
      for (int i = 0; i < n; i++) {
        out[i * ids.size() + p] = c.get(i);
      }
    }
    return out;
  }

  private static String stem(Path p) {
    String s = p.getFileName().toString();
    for (String ext : new String[] {".gz", ".lhe"}) {
      if (s.endsWith(ext)) {
        s = s.substring(0, s.length() - ext.length());
      }
    }
    return s.isEmpty() ? "events" : s;
  }

  private static String describeDifference(List<String> a, List<String> b) {
    List<String> missing = new ArrayList<>(a);
    missing.removeAll(b);
    List<String> extra = new ArrayList<>(b);
    extra.removeAll(a);
    if (missing.isEmpty() && extra.isEmpty()) {
      return "same ids in a different order";
    }
    return "missing " + missing + ", extra " + extra;
  }

  /** A growable double array. */
  private static final class Grow {
    double[] a = new double[1024];
    int n;

    void add(double v) {
      if (n == a.length) {
        a = Arrays.copyOf(a, a.length * 2);
      }
      a[n++] = v;
    }

    double[] values() {
      return Arrays.copyOf(a, n);
    }

    double[] scaled(double[] f) {
      double[] out = new double[n];
      for (int i = 0; i < n; i++) {
        out[i] = a[i] * f[i];
      }
      return out;
    }
  }
}
