package io.sumbin.eft.study;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sumbin.binning.BinningStrategy;
import io.sumbin.binning.Histogram;
import io.sumbin.binning.lhe.LheReadOptions;
import io.sumbin.binning.lhe.LheSample;
import io.sumbin.eft.FisherInformation;
import io.sumbin.eft.Units;
import io.sumbin.eft.morphing.EventQuadratics;
import io.sumbin.eft.morphing.QuadraticMorphing;
import io.sumbin.eft.morphing.TruthTemplates;
import io.sumbin.histmodel.family.FamilyScan;
import io.sumbin.histmodel.family.ModelFamily;
import io.sumbin.histmodel.util.RecordText;
import io.sumbin.pyhf.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Truth-level SMEFT sensitivity of VBF Higgs production without any network: per Wilson
 * coefficient c_i (the others at zero), expected 68%/95% intervals at the Standard Model from
 *
 * <ul>
 *   <li>the per-point optimal observable O_c′(x) = (r(x|c′) − 1)/|c′| built from each event's exact
 *       quadratic weight w(x|c)/w_SM = θᵀA(x)θ, binned per scan point (a model family);
 *   <li>traditional 1-D histograms of p_T(H) and m_jj (one binning for all points).
 * </ul>
 *
 * All with the same number of quantile bins (equal Standard-Model yield), Asimov data of the
 * Standard Model at luminosity L and no systematic uncertainties, so the comparison isolates the
 * observable. Since r(x|c′) is the Neyman–Pearson optimal statistic for c′ against the SM (and
 * uses unobservable parton information), its intervals should never be wider.
 *
 * @see TruthTemplates
 */
public final class VbfTruthStudy {
  private VbfTruthStudy() {}

  /**
   * @param luminosityFb integrated luminosity in fb⁻¹ (weights are pb per event)
   * @param bins bins per observable
   * @param points scan points per coefficient
   * @param range half-width of the scan in units of the widest expected 1σ (from the Fisher
   *     information of the histograms)
   */
  public record Settings(List<Path> lhe, double luminosityFb, int bins, int points, double range) {
    public Settings {
      lhe = List.copyOf(lhe);
      if (lhe.isEmpty() || !(luminosityFb > 0) || bins < 2 || points < 5 || !(range > 0)) {
        throw new io.sumbin.histmodel.BadInputException("need LHE files, luminosity > 0, bins >= 2, points >= 5, range > 0");
      }
    }
  }

  /**
   * One method's result for one coefficient.
   *
   * @param fisher the binned Fisher information at the SM ({@link FisherInformation#binned}: debiased, with its
   *     jackknife error)
   */
  public record Interval(String method, double[] interval68, double[] interval95, FisherInformation.Estimate fisher,
      FamilyScan scan) {
    @Override
    public String toString() {
      return RecordText.of(this);
    }

    /** Width of the 68% interval (NaN when it is open). */
    public double width68() {
      return interval68[1] - interval68[0];
    }

    /** The (debiased) binned Fisher information at the SM. */
    public double fisherAtSm() {
      return fisher.value();
    }
  }

  /**
   * All methods for one coefficient.
   *
   * @param unbinned the events' unbinned Fisher information at the SM with its jackknife error
   */
  public record Row(String coefficient, FisherInformation.Estimate unbinned, List<Interval> methods) {
    public Interval method(String name) {
      return methods.stream().filter(m -> m.method().equals(name)).findFirst().orElseThrow();
    }

    /** The unbinned Fisher information at the SM. */
    public double unbinnedFisher() {
      return unbinned.value();
    }
  }

  /** The study's result. */
  public record Result(Settings settings, int events, double crossSectionPb, List<String> coefficients, List<Row> rows) {}

  public static final String OPTIMAL = "optimal O_c'";
  public static final String PT_H = "pT(H)";
  public static final String M_JJ = "m_jj";

  /** The JSON key of a method ({@code optimal}, {@code pt_h}, {@code m_jj}). */
  public static String key(String method) {
    return switch (method) {
      case OPTIMAL -> "optimal";
      case PT_H -> "pt_h";
      default -> "m_jj";
    };
  }

  /**
   * The {@code sumbin eft-truth} document: per coefficient the unbinned Fisher information with its
   * error and, per method, the expected intervals and the binned information with its error.
   */
  public static ObjectNode toJson(Result r) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("events", r.events());
    o.put("cross_section_pb", r.crossSectionPb());
    o.put("luminosity_fb", r.settings().luminosityFb());
    o.put("bins", r.settings().bins());
    ArrayNode rows = o.putArray("coefficients");
    for (Row row : r.rows()) {
      ObjectNode ro = rows.addObject();
      ro.put("name", row.coefficient());
      Json.putNumber(ro, "fisher_unbinned", row.unbinnedFisher());
      Json.putNumber(ro, "fisher_unbinned_error", row.unbinned().error());
      for (Interval m : row.methods()) {
        ObjectNode mo = ro.putObject(key(m.method()));
        mo.set("interval_68", Json.numbers(m.interval68()));
        mo.set("interval_95", Json.numbers(m.interval95()));
        Json.putNumber(mo, "fisher", m.fisherAtSm());
        Json.putNumber(mo, "fisher_error", m.fisher().error());
        mo.put("converged", m.scan().converged());
      }
    }
    return o;
  }

  /** Runs the study on all coefficients of the files. */
  public static Result run(Settings s) {
    return run(s, io.sumbin.histmodel.progress.ProgressListener.NONE);
  }

  /**
   * Runs the study on all coefficients of the files, reporting each method's scan (three per coefficient).
   *
   * @param s the settings
   * @param progress where the scans are reported
   * @return the result
   */
  public static Result run(Settings s, io.sumbin.histmodel.progress.ProgressListener progress) {
    LheSample sample = LheSample.read(s.lhe(), LheReadOptions.DEFAULT);
    EventQuadratics q = QuadraticMorphing.fit(sample, QuadraticMorphing.Mode.QUADRATIC);
    List<String> coeffs = q.coefficients();
    int nc = coeffs.size();
    double[] sm = new double[nc];
    double[] smWeights = q.weights(sm);
    double[] pth = sample.events().doubles("pt_h");
    double[] mjj = sample.events().doubles("m_jj");
    List<Row> rows = new ArrayList<>();
    progress.start("eft-truth", 3L * nc, "scans");
    try {
      rows(q, coeffs, sm, smWeights, pth, mjj, s, rows, progress);
    } finally {
      progress.done();
    }
    double xs = 0;
    for (double w : smWeights) {
      xs += w;
    }
    return new Result(s, q.size(), xs, coeffs, rows);
  }

  private static void rows(EventQuadratics q, List<String> coeffs, double[] sm, double[] smWeights, double[] pth, double[] mjj,
      Settings s, List<Row> rows, io.sumbin.histmodel.progress.ProgressListener progress) {
    int nc = coeffs.size();
    for (int i = 0; i < nc; i++) {
      double[] dir = new double[nc];
      dir[i] = 1;
      // unbinned truth information at the SM: L Σ (∂w)²/w
      FisherInformation.Estimate fisherUnbinned = AsimovScans.unbinnedFisher(q, i, sm, Units.perPb(s.luminosityFb()));
      List<MethodSpec> methods = List.of(
          new MethodSpec(OPTIMAL, TruthTemplates.optimalObservable(q, dir)),
          new MethodSpec(PT_H, c -> pth),
          new MethodSpec(M_JJ, c -> mjj));
      List<Interval> out = new ArrayList<>();
      for (MethodSpec method : methods) {
        FisherInformation.Estimate fisher = binnedFisherAtSm(q, method.observable().apply(dir), smWeights, i, s);
        out.add(adaptiveScan(q, coeffs, i, method, smWeights, fisher, s));
        progress.advance(1);
      }
      rows.add(new Row(coeffs.get(i), fisherUnbinned, out));
    }
  }

  private record MethodSpec(String name, Function<double[], double[]> observable) {
    @Override
    public String toString() {
      return RecordText.of(this);
    }
  }

  /**
   * Scans coefficient i on a symmetric grid around the SM with the rule of
   * {@link AsimovScans#adaptive}, starting at ±range/√I (I the method's Fisher information at the
   * SM).
   */
  static Interval adaptiveScan(EventQuadratics q, List<String> coeffs, int i, MethodSpec method, double[] smWeights,
      FisherInformation.Estimate fisher, Settings s) {
    double half = s.range() / Math.sqrt(Math.max(fisher.value(), 1e-300));
    FamilyScan scan = AsimovScans.adaptive(0.0, half, h -> scanGrid(q, coeffs, i, method, smWeights, h, s)).scan();
    return new Interval(method.name(), scan.interval68(), scan.interval95(), fisher, scan);
  }

  private static FamilyScan scanGrid(EventQuadratics q, List<String> coeffs, int i, MethodSpec method, double[] smWeights,
      double half, Settings s) {
    int nc = coeffs.size();
    List<double[]> grid = new ArrayList<>();
    for (double v : AsimovScans.grid(0.0, half, s.points())) {
      double[] c = new double[nc];
      c[i] = v;
      grid.add(c);
    }
    ModelFamily fam = family(q, coeffs, i, grid, method.observable(), smWeights, s);
    return fam.asimov(new double[] {0.0}).scan(Runtime.getRuntime().availableProcessors());
  }

  /** The family of coefficient i: per point its own binning of the observable, others fixed at 0. */
  static ModelFamily family(EventQuadratics q, List<String> coeffs, int i, List<double[]> grid,
      Function<double[], double[]> observable, double[] smWeights, Settings s) {
    AsimovScans.Recipe r = AsimovScans.Recipe.builder(q, i).observable(observable, true).referenceWeights(c -> smWeights)
        .strategy(BinningStrategy.quantile(s.bins())).luminosity(Units.perPb(s.luminosityFb())).build();
    return AsimovScans.family(r, grid, "vbf_h");
  }

  /**
   * Fisher information of coefficient i at the SM for a histogram of {@code values} (quantile bins of the SM
   * yield), {@link FisherInformation#binned}: debiased, with its jackknife error.
   */
  static FisherInformation.Estimate binnedFisherAtSm(EventQuadratics q, double[] values, double[] smWeights, int i, Settings s) {
    double[] edges = BinningStrategy.quantile(s.bins()).edges(values, smWeights);
    double[] sm = new double[q.coefficients().size()];
    return FisherInformation.binned(Histogram.foldedBins(edges, values), edges.length - 1, smWeights, q.weightDerivatives(sm, i),
        Units.perPb(s.luminosityFb()));
  }
}
