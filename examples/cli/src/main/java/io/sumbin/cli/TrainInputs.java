package io.sumbin.cli;

import io.sumbin.binning.EventTable;
import io.sumbin.binning.lhe.LheSample;
import io.sumbin.binning.source.EventSample;
import io.sumbin.binning.source.EventSources;
import io.sumbin.binning.source.ReadOptions;
import io.sumbin.eft.morphing.EventQuadratics;
import io.sumbin.eft.morphing.ParameterPoint;
import io.sumbin.eft.morphing.QuadraticMorphing;
import io.sumbin.summaries.EventTables;
import io.sumbin.summaries.FeatureMatrix;
import io.sumbin.summaries.ParameterPrior;
import io.sumbin.summaries.weights.PolynomialWeights;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Event input of {@code sumbin train} and {@code sumbin summarize}: event files of any format read
 * through binning's {@code EventSources} (LHE observables detected from the process), per-event quadratic EFT weights from the eft module's
 * morphing of the reweighting weights, and the conversions to the summaries API. Every problem becomes
 * a one-line {@link UserError}.
 */
final class TrainInputs {
  private TrainInputs() {}

  /** Events, their EFT weights and the chosen features and parameters. */
  record Prepared(EventTable table, FeatureMatrix features, PolynomialWeights weights, List<String> parameters,
      List<ParameterPoint> points, int dropped, String source) {}

  /** Reads event files of any format ({@link EventSources}: LHE, Parquet, CSV, MadMiner HDF5). */
  static EventTable readEvents(List<Path> files) {
    return readSample(files).events();
  }

  static EventSample readSample(List<Path> files) {
    for (Path f : files) {
      EventsCommand.requireFile(f);
    }
    return EventSources.read(files, ReadOptions.DEFAULT);
  }

  static String describe(List<Path> files) {
    return String.join(", ", files.stream().map(Path::toString).toList());
  }

  /** The LHE observables of a table (all columns except weights and EFT columns). */
  static List<String> observables(EventTable t) {
    List<String> out = new ArrayList<>();
    for (String c : t.columnNames()) {
      if (!c.startsWith(LheSample.REWEIGHT_PREFIX) && !c.startsWith(io.sumbin.summaries.EftColumns.PREFIX)) {
        out.add(c);
      }
    }
    return out;
  }

  /** Checks that the wanted features are columns of the table. */
  static List<String> features(EventTable t, List<String> wanted, String source) {
    List<String> have = observables(t);
    if (wanted == null || wanted.isEmpty()) {
      return have;
    }
    List<String> missing = new ArrayList<>();
    for (String f : wanted) {
      if (!t.hasColumn(f)) {
        missing.add(f);
      }
    }
    if (!missing.isEmpty()) {
      throw new UserError(source + ": no feature column " + missing + " (have " + String.join(",", have) + ")");
    }
    return List.copyOf(wanted);
  }

  /** Reads, morphs and converts: everything a training needs. */
  static Prepared prepare(List<Path> files, List<String> wantedFeatures, List<String> wantedParams, boolean linear,
      int maxEvents) {
    String src = describe(files);
    EventSample s = readSample(files);
    if (s.weightIds().isEmpty()) {
      throw new UserError(files.get(0) + ": no EFT weights (LHE <rwgt>, w_<id> columns or MadMiner benchmarks): "
          + "cannot train EFT summaries");
    }
    // the points: declared benchmark values (Parquet/CSV metadata, MadMiner), else MadGraph ids
    List<ParameterPoint> points = new ArrayList<>();
    EventQuadratics q;
    try {
      for (String id : s.weightIds()) {
        double[] v = s.benchmarkValues().get(id);
        if (v == null && !s.benchmarkValues().isEmpty()) {
          continue; // a nuisance benchmark of a MadMiner file
        }
        if (v == null) {
          points.add(ParameterPoint.parseMadGraphId(id));
        } else {
          Map<String, Double> m = new LinkedHashMap<>();
          for (int k = 0; k < v.length; k++) {
            m.put(s.parameters().get(k), v[k]);
          }
          points.add(ParameterPoint.of(id, m));
        }
      }
      if (s.morphing().isPresent() && !linear) {
        q = io.sumbin.eft.EftEvents.from(s).quadratics();
      } else {
        List<String> ids = points.stream().map(ParameterPoint::id).toList();
        q = QuadraticMorphing.fit(s.events(), ids, io.sumbin.eft.morphing.MorphingDesign.of(points, linear));
      }
    } catch (io.sumbin.histmodel.BadInputException e) { // the ids and weights of the events cannot be morphed: name their file
      throw new UserError(src + ": " + e.getMessage().replace('\n', ' '));
    }
    EventTable t = q.withQuadraticColumns(s.events());
    List<String> feats = features(t, wantedFeatures, src);
    int[] keep = EventTables.finiteRows(t, feats);
    int dropped = t.size() - keep.length;
    if (maxEvents > 0 && keep.length > maxEvents) {
      keep = Arrays.copyOf(keep, maxEvents);
    }
    t = t.select(keep);
    if (t.size() < 10) {
      throw new UserError(src + ": only " + t.size() + " events with finite features " + feats);
    }
    List<String> coefs = q.coefficients();
    List<String> params = wantedParams == null || wantedParams.isEmpty() ? coefs : List.copyOf(wantedParams);
    for (String p : params) {
      if (!coefs.contains(p)) {
        throw new UserError(src + ": --params: no Wilson coefficient '" + p + "' (the reweighting points vary "
            + String.join(",", coefs) + ")");
      }
    }
    PolynomialWeights w = EventTables.eftWeights(t, params);
    return new Prepared(t, EventTables.features(t, feats), w, params, points, dropped, src);
  }

  /** NAME=V items (already checked finite) → values in parameter order (missing names: 0). */
  static double[] point(List<Converters.NamedValue> items, List<String> params, String option) {
    double[] v = new double[params.size()];
    if (items == null) {
      return v;
    }
    for (Converters.NamedValue item : items) {
      int k = params.indexOf(item.name());
      if (k < 0) {
        throw new UserError(option + " " + item.text() + ": unknown parameter '" + item.name() + "' (parameters: "
            + String.join(",", params) + ")");
      }
      v[k] = item.value();
    }
    return v;
  }

  /** {@code NAME=V,NAME=V,...} (one option value holding a whole point) → NAME=V items. */
  static List<Converters.NamedValue> items(String text, String option) {
    List<Converters.NamedValue> out = new ArrayList<>();
    for (String part : text.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      try {
        out.add(Converters.NamedValue.parse(part.trim()));
      } catch (picocli.CommandLine.TypeConversionException e) {
        throw new UserError(option + ": " + e.getMessage());
      }
    }
    return out;
  }

  static double number(String s, String what) {
    try {
      return Converters.finite(s);
    } catch (picocli.CommandLine.TypeConversionException e) {
      throw new UserError(what + ": " + e.getMessage());
    }
  }

  /**
   * The training prior: {@code --range NAME=LO:HI} per parameter; parameters without a range get the
   * symmetric box ±max|c| over the reweighting points.
   */
  static ParameterPrior prior(List<Converters.NamedRange> ranges, Prepared p) {
    List<String> params = p.parameters();
    Map<String, double[]> given = new LinkedHashMap<>();
    if (ranges != null) {
      for (Converters.NamedRange r : ranges) {
        if (!params.contains(r.name())) {
          throw new UserError("--range " + r.text() + ": unknown parameter '" + r.name() + "' (parameters: " + String.join(",", params) + ")");
        }
        given.put(r.name(), new double[] {r.lo(), r.hi()});
      }
    }
    double[] lo = new double[params.size()];
    double[] hi = new double[params.size()];
    for (int a = 0; a < params.size(); a++) {
      double[] g = given.get(params.get(a));
      if (g != null) {
        lo[a] = g[0];
        hi[a] = g[1];
        continue;
      }
      double m = 0;
      for (ParameterPoint pt : p.points()) {
        m = Math.max(m, Math.abs(pt.value(params.get(a))));
      }
      if (!(m > 0)) {
        throw new UserError("no reweighting point varies '" + params.get(a) + "': give --range " + params.get(a) + "=LO:HI");
      }
      lo[a] = -m;
      hi[a] = m;
    }
    return ParameterPrior.uniform(params, lo, hi);
  }

  /** The reweighting points that lie in the subspace of the chosen parameters (all others zero), distinct. */
  static List<double[]> subspacePoints(Prepared p) {
    List<double[]> out = new ArrayList<>();
    for (ParameterPoint pt : p.points()) {
      boolean inside = true;
      for (String name : pt.values().keySet()) {
        inside &= p.parameters().contains(name);
      }
      if (!inside) {
        continue;
      }
      double[] v = pt.vector(p.parameters());
      boolean seen = false;
      for (double[] o : out) {
        seen |= Arrays.equals(o, v);
      }
      if (!seen) {
        out.add(v);
      }
    }
    return out;
  }
}
