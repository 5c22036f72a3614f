package io.sumbin.examples.bench;

import io.sumbin.binning.InformationBinning;
import io.sumbin.eft.ClassicalBaselines;
import io.sumbin.eft.EftAnalysis;
import io.sumbin.eft.EftEvents;
import io.sumbin.eft.FisherInformation;
import io.sumbin.eft.ObservableTraining;
import io.sumbin.eft.Units;
import io.sumbin.eft.VbfFeatures;
import io.sumbin.summaries.derivative.DerivativeLearning;
import io.sumbin.summaries.derivative.DerivativeSummary;
import io.sumbin.summaries.event2vec.Event2VecSummary;
import io.sumbin.summaries.InputEncoding;
import io.sumbin.summaries.derivative.LabelSmearing;
import io.sumbin.summaries.LearnedSummary;
import io.sumbin.summaries.TrainingSettings;
import io.sumbin.summaries.ValidationMetric;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What each training choice of the learned VBF observables buys (issue 10, item 7): the learned observable's Fisher
 * information on held-out files, adding one ingredient at a time, and the event2vec variants. Prints a markdown
 * table (per fb⁻¹ at the SM, 10 bins, debiased ± jackknife error).
 *
 * <pre>
 * java -Dai.djl.offline=true -cp examples/cli/target/sumbin.jar io.sumbin.examples.bench.LearnedAblation \
 *     TRAIN.lhe.gz... --test TEST.lhe.gz [--coefficients cHW,cHWB,cHDD,cHB]
 * </pre>
 */
public final class LearnedAblation {
  private LearnedAblation() {}

  static final int BINS = 10;

  public static void main(String[] args) {
    List<Path> train = new ArrayList<>();
    List<Path> test = new ArrayList<>();
    List<String> coeffs = List.of("cHW", "cHWB", "cHDD", "cHB");
    List<Path> into = train;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--test")) {
        into = test;
      } else if (args[i].equals("--coefficients")) {
        coeffs = List.of(args[++i].split(","));
      } else {
        into.add(Path.of(args[i]));
      }
    }
    EftEvents tr = EftEvents.fromLhe(train);
    EftEvents te = EftEvents.fromLhe(test);
    List<String> f = VbfFeatures.FEATURES;
    StringBuilder sb = new StringBuilder("| variant |");
    for (String c : coeffs) {
      sb.append(' ').append(c).append(" |");
    }
    sb.append("\n|---|").append("---:|".repeat(coeffs.size())).append('\n');
    String[] names = {"m_jj histogram (reference)", "A. previous release: MSE, stop on the loss, standardized inputs, outlier smearing, equal-yield bins",
        "B. A + select and stop on validation information", "C. B + piecewise-linear input encoding", "D. C + labels winsorized at 2 %",
        "E. D + 4-fold cross-fitted ensemble choosing its inputs (top 2 or top 5) on cross-validated information",
        "F. E + information-optimal bins chosen on the training events (sumbin's default)",
        "G. F + CP-even mirror symmetries (vbf --symmetry)", "event2vec, previous release (ALICE, uniform prior over a ±30 % rate change)",
        "event2vec, ALICE with a normal prior of 3σ, selected on information", "event2vec in the local limit of its loss (sumbin's default)"};
    double[][][] res = new double[names.length][coeffs.size()][];
    for (int ci = 0; ci < coeffs.size(); ci++) {
      String c = coeffs.get(ci);
      double lpb = Units.perPb(300);
      double[] w = te.smWeights();
      double[] dw = te.smDerivativeWeights(c);
      double[] wTr = tr.smWeights();
      double[] dTr = tr.smDerivativeWeights(c);
      res[0][ci] = est(FisherInformation.binned(ClassicalBaselines.quantileBins(te.table().doubles("m_jj"), w, BINS), BINS, w, dw, lpb));
      TrainingSettings base = TrainingSettings.DEFAULT.withSeed(1).withMaxEpochs(100).withPatience(10);
      ValidationMetric metric = (rows, out) -> ObservableTraining.binnedInformation(out[0], rows, wTr, dTr, BINS);
      TrainingSettings[] ts = {base, base, base.withEncoding(InputEncoding.PIECEWISE_LINEAR, 16),
          base.withEncoding(InputEncoding.PIECEWISE_LINEAR, 16).withLabelClip(0.02)};
      for (int v = 0; v < 4; v++) {
        try (DerivativeSummary d = DerivativeLearning.train(tr.features(f), tr.polynomialWeights(List.of(c)), new double[1],
            v == 0 ? LabelSmearing.DEFAULT : null, ts[v], v == 0 ? null : metric, null)) {
          res[1 + v][ci] = equalYield(d, te, f, w, dw, lpb);
        }
        System.err.printf(Locale.ROOT, "%s %s done%n", c, names[1 + v].substring(0, 2));
      }
      ObservableTraining.Settings s = ObservableTraining.Settings.defaults(1, Runtime.getRuntime().availableProcessors()).withBins(BINS);
      for (int v = 0; v < 2; v++) {
        ObservableTraining.Settings sv = v == 0 ? s : s.withSymmetry(VbfFeatures.CP_EVEN_SYMMETRY);
        try (ObservableTraining.Result r = ObservableTraining.derivative(tr, f, c, sv)) {
          if (v == 0) {
            res[5][ci] = equalYield(r.model(), te, f, w, dw, lpb);
            res[6][ci] = optimal(r.model(), tr, te, f, c, w, dw, lpb);
          } else {
            res[7][ci] = optimal(r.model(), tr, te, f, c, w, dw, lpb);
          }
          if (v == 0) {
            double sigma = 1 / Math.sqrt(Math.max(r.cvFisher().value(), 1e-30) * lpb);
            // event2vec, previous release: ALICE on pairs from a uniform prior over a ±30 % rate change
            double span = rateSpan(tr, c, 0.3);
            try (Event2VecSummary e = EftAnalysis.trainEvent2Vec(tr, r.inputs(), List.of(c), new double[] {-span}, new double[] {span},
                BINS, base)) {
              res[8][ci] = soft(e, te, r.inputs(), w, dw, lpb);
            }
            try (ObservableTraining.Event2VecResult e = ObservableTraining.event2vec(tr, r.inputs(), c, 3 * sigma, s, false)) {
              res[9][ci] = soft(e.model(), te, r.inputs(), w, dw, lpb);
            }
            try (ObservableTraining.Event2VecResult e = ObservableTraining.event2vec(tr, r.inputs(), c, 3 * sigma, s, true)) {
              res[10][ci] = soft(e.model(), te, r.inputs(), w, dw, lpb);
            }
          }
        }
        System.err.printf(Locale.ROOT, "%s recipe %d done%n", c, v);
      }
    }
    for (int v = 0; v < names.length; v++) {
      sb.append("| ").append(names[v]).append(" |");
      for (int ci = 0; ci < coeffs.size(); ci++) {
        double[] e = res[v][ci];
        sb.append(String.format(Locale.ROOT, " %.4g ± %.2g |", e[0] / 300, e[1] / 300));
      }
      sb.append('\n');
    }
    System.out.print(sb);
  }

  static double[] est(FisherInformation.Estimate e) {
    return new double[] {e.value(), e.error()};
  }

  static double[] equalYield(LearnedSummary m, EftEvents te, List<String> f, double[] w, double[] dw, double lpb) {
    double[] g = m.evaluate(te.features(f))[0];
    return est(FisherInformation.binned(ClassicalBaselines.quantileBins(g, w, BINS), BINS, w, dw, lpb));
  }

  static double[] optimal(LearnedSummary m, EftEvents tr, EftEvents te, List<String> f, String c, double[] w, double[] dw, double lpb) {
    double[] gt = m.evaluate(tr.features(f))[0];
    double[] e = InformationBinning.edges(gt, tr.smWeights(), tr.smDerivativeWeights(c), BINS, InformationBinning.DEFAULT_FINE);
    double[] g = m.evaluate(te.features(f))[0];
    int[] b = io.sumbin.binning.Histogram.foldedBins(e, g);
    return est(FisherInformation.binned(b, e.length - 1, w, dw, lpb));
  }

  static double[] soft(LearnedSummary m, EftEvents te, List<String> f, double[] w, double[] dw, double lpb) {
    return est(FisherInformation.soft(m.evaluate(te.features(f)), w, dw, lpb, FisherInformation.DEFAULT_GROUPS,
        FisherInformation.DEFAULT_SEED));
  }

  /** The smallest |c| at which σ(c)/σ(0) departs from 1 by {@code change} (the previous release's event2vec range). */
  static double rateSpan(EftEvents ev, String c, double change) {
    int i = ev.coefficientIndex(c);
    double s0 = ev.crossSection(new double[ev.coefficients().size()]);
    double best = Double.POSITIVE_INFINITY;
    for (double sign : new double[] {-1, 1}) {
      double[] p = new double[ev.coefficients().size()];
      double lo = 0;
      double hi = 1e-6;
      while (hi < 1e3) {
        p[i] = sign * hi;
        if (Math.abs(ev.crossSection(p) / s0 - 1) >= change) {
          break;
        }
        lo = hi;
        hi *= 2;
      }
      if (hi >= 1e3) {
        continue;
      }
      double[] q = p;
      org.hipparchus.analysis.solvers.BrentSolver solver = new org.hipparchus.analysis.solvers.BrentSolver(1e-12 * hi);
      double root = solver.solve(200, x -> {
        q[i] = sign * x;
        return Math.abs(ev.crossSection(q) / s0 - 1) - change;
      }, lo, hi);
      best = Math.min(best, root);
    }
    return Double.isFinite(best) ? best : 1.0;
  }
}
