package io.sumbin.cli;

import io.sumbin.summaries.derivative.DerivativeLabels;
import io.sumbin.summaries.derivative.DerivativeLearning;
import io.sumbin.summaries.diagnostics.Diagnostics;
import io.sumbin.summaries.ensemble.Ensembles;
import io.sumbin.summaries.event2vec.Event2Vec;
import io.sumbin.summaries.LabelSet;
import io.sumbin.summaries.InputEncoding;
import io.sumbin.summaries.derivative.LabelSmearing;
import io.sumbin.summaries.LearnedSummary;
import io.sumbin.summaries.ratio.MorphingAwareRatio;
import io.sumbin.summaries.weights.Morphing;
import io.sumbin.summaries.ParameterPrior;
import io.sumbin.summaries.ratio.RatioClassifier;
import io.sumbin.summaries.RatioEstimator;
import io.sumbin.summaries.loss.RatioLoss;
import io.sumbin.summaries.SavedModel;
import io.sumbin.summaries.TrainingHistory;
import io.sumbin.summaries.ensemble.TrainingReport;
import io.sumbin.summaries.TrainingSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sumbin train METHOD --events FILE.lhe.gz... --out DIR}: trains a learned summary on LHE events
 * with reweighting weights (per-event quadratic EFT weights from the eft module) and saves it as a model
 * directory (weights + {@code summary.json}). Methods: {@code derivative}, {@code carl}, {@code alice},
 * {@code morphing}, {@code event2vec}, {@code event2vec-binwise}. JSON fields: {@code method, out, events,
 * dropped_events, features, parameters, members, epochs, best_epoch, best_loss, stopped_early, seconds,
 * examples_per_second}.
 */
@Command(name = "train", description = "Train a learned summary (DJL) on LHE events with EFT reweighting weights.",
    mixinStandardHelpOptions = true,
    subcommands = {TrainCommand.Derivative.class, TrainCommand.Carl.class, TrainCommand.Alice.class,
        TrainCommand.MorphingCmd.class, TrainCommand.Event2vecCmd.class, TrainCommand.Event2vecBinwise.class})
public final class TrainCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "missing method: derivative, carl, alice, morphing, event2vec or event2vec-binwise");
  }

  /** Options shared by every method. */
  public static final class Common {
    @Mixin
    StrictOption strict;

    @Option(names = "--events", required = true, arity = "1..*", paramLabel = "FILE",
        description = "event files of one process with EFT weights: .lhe[.gz] with reweighting weights, .parquet or "
            + ".csv[.gz] with w_<id> columns, MadMiner .h5")
    List<Path> events;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "model directory to write")
    Converters.OutputDir out;

    @Option(names = "--features", split = ",", paramLabel = "NAME", description = "input observables (default: all of the sample)")
    List<String> features;

    @Option(names = "--params", split = ",", paramLabel = "NAME", description = "Wilson coefficients (default: all varied by the reweighting)")
    List<String> params;

    @Option(names = "--linear", description = "linear EFT morphing (when the points do not span the quadratic space)")
    boolean linear;

    @Option(names = "--range", split = ",", paramLabel = "NAME=LO:HI", description = "training prior box per parameter (default ±max|c| of the reweighting points)")
    List<Converters.NamedRange> ranges;

    @Option(names = "--theta0", split = ",", paramLabel = "NAME=V", description = "reference point (default: the SM, all 0)")
    List<Converters.NamedValue> theta0;

    @Option(names = "--hidden", split = ",", paramLabel = "N", converter = Converters.Width.class, description = "hidden layer widths (default 64,64,64)")
    int[] hidden;

    @Option(names = "--activation", paramLabel = "A", description = "RELU, TANH, SILU or SOFTPLUS (default SILU)")
    TrainingSettings.Activation activation;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "100", converter = Converters.Positive.class, description = "maximal epochs (default ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "256", converter = Converters.Positive.class, description = "mini-batch size (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--lr", paramLabel = "X", defaultValue = "1e-3", converter = Converters.PositiveDouble.class, description = "Adam step size (default ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--lr-decay", paramLabel = "X", defaultValue = "1", converter = Converters.PositiveDouble.class, description = "step-size factor per epoch (default ${DEFAULT-VALUE})")
    double lrDecay;

    @Option(names = "--patience", paramLabel = "N", defaultValue = "10", converter = Converters.Positive.class, description = "early-stopping patience (default ${DEFAULT-VALUE})")
    int patience;

    @Option(names = "--validation", paramLabel = "F", defaultValue = "0.2", converter = Converters.NonNegativeDouble.class, description = "validation fraction (default ${DEFAULT-VALUE})")
    double validation;

    @Option(names = "--encoding", paramLabel = "E", defaultValue = "STANDARD",
        description = "input encoding: STANDARD (mean/width), QUANTILE (normal scores of the training distribution) or "
            + "PIECEWISE_LINEAR (clamped ramps over quantile bins, arXiv:2203.05556) (default ${DEFAULT-VALUE})")
    InputEncoding encoding;

    @Option(names = "--encoding-bins", paramLabel = "N", defaultValue = "16", converter = Converters.Positive.class,
        description = "quantile bins per feature of the piecewise-linear encoding, 2..1024 (default ${DEFAULT-VALUE})")
    int encodingBins;

    @Mixin
    SeedOption seed;

    @Option(names = "--ensemble", paramLabel = "M", defaultValue = "1", converter = Converters.Positive.class, description = "train a deep ensemble of M members")
    int ensemble;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "2", converter = Converters.Positive.class, description = "ensemble members trained in parallel (default ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--max-events", paramLabel = "N", defaultValue = "0", converter = Converters.NonNegative.class, description = "use only the first N events (0: all)")
    int maxEvents;

    @Option(names = "--plots", description = "write diagnostics PNGs into DIR/plots")
    boolean plots;

    @Mixin
    JsonOption json;

    TrainingSettings settings() {
      TrainingSettings s = TrainingSettings.DEFAULT;
      if (hidden != null) {
        s = s.withHidden(hidden);
      }
      if (activation != null) {
        s = s.withActivation(activation);
      }
      if (encodingBins < 2 || encodingBins > 1024) {
        throw new UserError("--encoding-bins must be in 2..1024, got " + encodingBins);
      }
      return s.withMaxEpochs(epochs).withBatchSize(batch).withLearningRate(lr).withLearningRateDecay(lrDecay)
          .withPatience(patience).withValidationFraction(validation).withSeed(seed.orElse(42))
          .withEncoding(encoding, encodingBins);
    }

    /** Nothing to check any more: --out, --ensemble and --threads are checked when parsed. */
    void checkOut() {
    }
  }

  /** Trains one model or an ensemble, saves it, writes plots, prints the result. */
  static int run(CommandSpec spec, Common c, String method, Function<TrainingSettings, SavedModel> trainer,
      TrainInputs.Prepared p, Plotter plotter) {
    TrainingSettings s = c.settings().withProgress(Console.of(spec).progress());
    SavedModel model;
    try {
      model = c.ensemble > 1 ? Ensembles.train(c.ensemble, c.threads, s, trainer::apply) : trainer.apply(s);
    } catch (io.sumbin.histmodel.BadInputException e) { // a refusal of the events: name their file and the method
      throw new UserError(p.source() + ": " + method + ": " + e.getMessage());
    }
    try (SavedModel m = model; Outputs.Staged stage = Outputs.stage(c.out.path())) {
      m.annotate("events", p.source());
      m.annotate("command", "sumbin " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
      m.save(stage.dir());
      List<TrainingHistory> hs = TrainingReport.histories(m);
      if (c.plots) {
        Path dir = stage.dir().resolve("plots");
        Diagnostics.lossCurves(hs, method + " loss", dir.resolve("loss.png"));
        plotter.plot(m, dir);
      }
      stage.commit(); // a diverged training (exit 3) keeps its last finite best weights; an exception leaves nothing
      TrainingReport r = TrainingReport.of(method, c.out.toString(), p.table().size(), p.dropped(), p.features().names(),
          p.parameters(), hs);
      TrainingHistory h = hs.get(0);
      PrintWriter out = spec.commandLine().getOut();
      if (c.json.on()) {
        CliSupport.printJson(out, r);
      } else {
        out.printf(Locale.ROOT, "trained %s on %d events (%d dropped for non-finite features), features %s, parameters %s%n",
            method, p.table().size(), p.dropped(), p.features().names(), p.parameters());
        out.printf(Locale.ROOT, "%d member(s); first: %d epochs, kept epoch %d, loss %.6g%s, %.1f s (%.3g examples/s)%n",
            hs.size(), h.epochs(), h.bestEpoch() + 1, h.bestLoss(), h.stoppedEarly() ? " (early stop)" : "", h.seconds(),
            h.examplesPerSecond());
        out.println("saved " + c.out);
      }
      out.flush();
      if (r.diverged()) {
        throw new NumericalFailure(method + ": the loss became non-finite; the last finite best weights were saved in " + c.out);
      }
    }
    return 0;
  }

  /** Method-specific diagnostics. */
  interface Plotter {
    void plot(SavedModel m, Path dir);
  }

  /** Calibration and closure at θ = half the prior's upper edges. */
  static Plotter ratioPlots(TrainInputs.Prepared p, ParameterPrior prior) {
    return (m, dir) -> {
      double[] theta = prior.upper();
      for (int a = 0; a < theta.length; a++) {
        theta[a] *= 0.5;
      }
      RatioEstimator r = (RatioEstimator) m;
      Diagnostics.calibration(r, p.features(), p.weights(), theta, 10, dir.resolve("calibration.png"));
      Diagnostics.closure(r, p.features(), p.weights(), theta, 20, dir.resolve("closure.png"));
    };
  }

  static double[] theta0(Common c, TrainInputs.Prepared p) {
    return TrainInputs.point(c.theta0, p.parameters(), "--theta0");
  }

  @Command(name = "derivative", description = "Derivative learning: regress R_i and R_ij at the reference point (arXiv:2410.07315).",
      mixinStandardHelpOptions = true)
  static final class Derivative implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Common c;

    @Option(names = "--smear", arity = "0..1", fallbackValue = "5:0.5:16", paramLabel = "T:F:K",
        description = "fractional smearing of outlier labels: threshold (robust widths), fraction, neighbours (default 5:0.5:16)")
    String smear;

    @Option(names = "--label-clip", paramLabel = "F", defaultValue = "0", converter = Converters.NonNegativeDouble.class,
        description = "winsorize this fraction of the training labels at each tail, in [0, 0.25) (default ${DEFAULT-VALUE})")
    double labelClip;

    @Override
    public Integer call() {
      c.checkOut();
      LabelSmearing sm = smear == null ? null : parseSmear(smear);
      TrainInputs.Prepared p = TrainInputs.prepare(c.events, c.features, c.params, c.linear, c.maxEvents);
      double[] ref = theta0(c, p);
      if (!(labelClip < 0.25)) {
        throw new UserError("--label-clip must be in [0, 0.25), got " + labelClip);
      }
      return run(spec, c, "derivative", s -> DerivativeLearning.train(p.features(), p.weights(), ref, sm, s.withLabelClip(labelClip)),
          p, (m, dir) -> {
        LearnedSummary d = (LearnedSummary) m;
        LabelSet l = DerivativeLabels.of(p.weights(), ref);
        Diagnostics.predictedVsExact(l.names(), d.evaluate(p.features()), l.columns(), p.weights().weights(ref), 20,
            dir.resolve("labels.png"));
      });
    }

    static LabelSmearing parseSmear(String s) {
      String[] parts = s.split(":");
      if (parts.length != 3) {
        throw new UserError("--smear expects THRESHOLD:FRACTION:NEIGHBOURS, got '" + s + "'");
      }
      try {
        return new LabelSmearing(TrainInputs.number(parts[0], "--smear"), TrainInputs.number(parts[1], "--smear"),
            Integer.parseInt(parts[2].trim()));
      } catch (NumberFormatException e) {
        throw new UserError("--smear " + s + ": '" + parts[2] + "' is not an integer");
      }
    }
  }

  abstract static class RatioMethod implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Common c;

    private final RatioLoss loss;

    RatioMethod(RatioLoss loss) {
      this.loss = loss;
    }

    RatioLoss loss() {
      return loss;
    }

    @Override
    public Integer call() {
      c.checkOut();
      TrainInputs.Prepared p = TrainInputs.prepare(c.events, c.features, c.params, c.linear, c.maxEvents);
      ParameterPrior prior = TrainInputs.prior(c.ranges, p);
      double[] t0 = theta0(c, p);
      return run(spec, c, loss().tag(), s -> RatioClassifier.train(p.features(), p.weights(), prior, t0, loss(), s), p,
          ratioPlots(p, prior));
    }
  }

  @Command(name = "carl", description = "Parametrized ratio classifier r(x|θ,θ₀) with the CARL loss (arXiv:1506.02169, 1805.00020).",
      mixinStandardHelpOptions = true)
  static final class Carl extends RatioMethod {
    Carl() {
      super(RatioLoss.CARL);
    }
  }

  @Command(name = "alice", description = "Parametrized ratio classifier r(x|θ,θ₀) with the ALICE soft-label loss (arXiv:1808.00973).",
      mixinStandardHelpOptions = true)
  static final class Alice extends RatioMethod {
    Alice() {
      super(RatioLoss.ALICE);
    }
  }

  @Command(name = "morphing", description = "Morphing-aware ratio: one output per basis point, analytic θ dependence (arXiv:1805.00013).",
      mixinStandardHelpOptions = true)
  static final class MorphingCmd implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Common c;

    @Option(names = "--loss", defaultValue = "alice", paramLabel = "L", completionCandidates = LossTags.class,
        description = "a ratio loss: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
    String loss;

    @Option(names = "--basis-point", paramLabel = "NAME=V,...", description = "basis point (repeat once per point; "
        + "default: the reweighting points in the space of --params)")
    List<String> basisPoints;

    @Override
    public Integer call() {
      c.checkOut();
      RatioLoss l = parseLoss(loss);
      TrainInputs.Prepared p = TrainInputs.prepare(c.events, c.features, c.params, c.linear, c.maxEvents);
      ParameterPrior prior = TrainInputs.prior(c.ranges, p);
      double[] t0 = theta0(c, p);
      List<double[]> pts = new ArrayList<>();
      if (basisPoints != null) {
        for (String bp : basisPoints) {
          pts.add(TrainInputs.point(TrainInputs.items(bp, "--basis-point"), p.parameters(), "--basis-point"));
        }
      } else {
        pts = TrainInputs.subspacePoints(p);
      }
      Morphing morphing = new Morphing(p.weights().basis(), pts.toArray(new double[0][]),
          "morphing basis for " + p.parameters(), basisPoints == null ? " (choose points with --basis-point)" : "");
      return run(spec, c, "morphing", s -> MorphingAwareRatio.train(p.features(), p.weights(), morphing, prior, t0, l, s),
          p, ratioPlots(p, prior));
    }
  }

  /** The registered ratio losses' tags for {@code --loss}'s help, so that a new loss needs no edit here. */
  static final class LossTags implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return RatioLoss.tags().iterator();
    }
  }

  static RatioLoss parseLoss(String s) {
    if (!RatioLoss.tags().contains(s.toLowerCase(Locale.ROOT))) {
      throw new UserError("--loss must be " + String.join(" or ", RatioLoss.tags()) + ", got '" + s + "'");
    }
    return RatioLoss.of(s);
  }

  abstract static class Event2vecMethod implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Common c;

    @Option(names = "--loss", defaultValue = "alice", paramLabel = "L", completionCandidates = LossTags.class,
        description = "a ratio loss: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
    String loss;

    @Option(names = "--dimension", defaultValue = "8", paramLabel = "M", description = "summary dimension / soft bins (default ${DEFAULT-VALUE})")
    int dimension;

    abstract boolean binwise();

    @Override
    public Integer call() {
      c.checkOut();
      RatioLoss l = parseLoss(loss);
      Event2Vec.Options o = binwise() ? Event2Vec.Options.binwise(dimension) : Event2Vec.Options.vector(dimension);
      TrainInputs.Prepared p = TrainInputs.prepare(c.events, c.features, c.params, c.linear, c.maxEvents);
      ParameterPrior prior = TrainInputs.prior(c.ranges, p);
      Event2Vec.Options opt = o.withReferencePoint(theta0(c, p));
      return run(spec, c, binwise() ? "event2vec-binwise" : "event2vec",
          s -> Event2Vec.train(p.features(), p.weights(), prior, opt, l, s), p, ratioPlots(p, prior));
    }
  }

  @Command(name = "event2vec", description = "event2vec vector summary s(x)·(π(θ₁)−π(θ₀)) trained on sampled parameter pairs.",
      mixinStandardHelpOptions = true)
  static final class Event2vecCmd extends Event2vecMethod {
    @Override
    boolean binwise() {
      return false;
    }
  }

  @Command(name = "event2vec-binwise", description = "event2vec with a softmax summary: summed summaries are soft-binned histograms.",
      mixinStandardHelpOptions = true)
  static final class Event2vecBinwise extends Event2vecMethod {
    @Override
    boolean binwise() {
      return true;
    }
  }

  static String join(double[] v) {
    return Arrays.toString(v);
  }
}
