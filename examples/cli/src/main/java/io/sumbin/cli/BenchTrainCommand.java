package io.sumbin.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sumbin.summaries.derivative.DerivativeLearning;
import io.sumbin.summaries.FeatureMatrix;
import io.sumbin.summaries.LabelSet;
import io.sumbin.summaries.ParameterPrior;
import io.sumbin.summaries.weights.ParametrizedWeights;
import io.sumbin.summaries.weights.PolynomialBasis;
import io.sumbin.summaries.weights.PolynomialWeights;
import io.sumbin.summaries.ratio.RatioClassifier;
import io.sumbin.summaries.loss.RatioLoss;
import io.sumbin.summaries.SavedModel;
import io.sumbin.summaries.TrainingHistory;
import io.sumbin.summaries.TrainingSettings;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sumbin bench-train}: training throughput of the standard MLP (3 × 64 SiLU, Adam, batch 256,
 * one PyTorch intra-op thread) on synthetic events, in events per second per epoch. The first
 * {@code --warmup} epochs are excluded; the median epoch time of the rest is reported. With
 * {@code --parallel P}, P models train at once on P threads (how ensembles use several cores) and the
 * aggregate throughput is reported too. JSON fields: {@code method, events, features, hidden, batch,
 * epochs, warmup, parallel, parameters, median_epoch_seconds, events_per_second_per_epoch,
 * aggregate_events_per_second, wall_seconds, thread_cpu_seconds, epoch_seconds}; {@code thread_cpu_seconds} is the CPU
 * time of the training threads over the whole training, set-up and warm-up included (the difference of two runs
 * with different {@code --epochs} gives the CPU time per epoch, free of other processes' load).
 */
@Command(name = "bench-train", description = "Benchmark: events per second per epoch of the standard MLP (DJL, CPU).",
    mixinStandardHelpOptions = true)
public final class BenchTrainCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--method", defaultValue = "derivative", paramLabel = "M",
      description = "derivative (regression, 5 labels) or alice (classifier with 2 parameter inputs) (default ${DEFAULT-VALUE})")
  String method;

  @Option(names = "--events", defaultValue = "200000", converter = Converters.Events.class, paramLabel = "N", description = "training events per epoch (default ${DEFAULT-VALUE})")
  int events;

  @Option(names = "--features", defaultValue = "10", converter = Converters.Width.class, paramLabel = "D", description = "input features (default ${DEFAULT-VALUE})")
  int features;

  @Option(names = "--epochs", defaultValue = "6", converter = Converters.Positive.class, paramLabel = "E", description = "epochs (default ${DEFAULT-VALUE})")
  int epochs;

  @Option(names = "--warmup", defaultValue = "1", converter = Converters.NonNegative.class, paramLabel = "W", description = "epochs excluded from the timing (default ${DEFAULT-VALUE})")
  int warmup;

  @Option(names = "--batch", defaultValue = "256", converter = Converters.Positive.class, paramLabel = "B", description = "mini-batch size (default ${DEFAULT-VALUE})")
  int batch;

  @Option(names = "--hidden", split = ",", paramLabel = "N", converter = Converters.Width.class, description = "hidden widths (default 64,64,64)")
  int[] hidden;

  @Option(names = "--parallel", defaultValue = "1", converter = Converters.Positive.class, paramLabel = "P", description = "models trained at once on P threads (default ${DEFAULT-VALUE})")
  int parallel;

  @Mixin
  JsonOption json;

  @Override
  public Integer call() throws Exception {
    if (events < 100 || features < 1 || epochs <= warmup || warmup < 0 || parallel < 1 || batch < 1) {
      throw new UserError("bench-train: need --events >= 100, --features >= 1, --epochs > --warmup >= 0, --parallel >= 1, --batch >= 1");
    }
    if (!method.equals("derivative") && !method.equals("alice")) {
      throw new UserError("--method must be derivative or alice, got '" + method + "'");
    }
    TrainingSettings s = TrainingSettings.DEFAULT.withMaxEpochs(epochs).withPatience(epochs + 1).withValidationFraction(0)
        .withBatchSize(batch);
    if (hidden != null) {
      s = s.withHidden(hidden);
    }
    TrainingSettings settings = s;
    Synthetic data = new Synthetic(events, features, 7);
    List<TrainingHistory> hs = new ArrayList<>();
    long t0 = System.nanoTime();
    if (parallel == 1) {
      hs.add(trainOne(data, settings.withProgress(Console.of(spec).progress())));
    } else {
      ExecutorService pool = Executors.newFixedThreadPool(parallel);
      try {
        List<Future<TrainingHistory>> fs = new ArrayList<>();
        for (int k = 0; k < parallel; k++) {
          TrainingSettings sk = settings.withSeed(settings.seed() + k);
          fs.add(pool.submit(() -> trainOne(data, sk)));
        }
        for (Future<TrainingHistory> f : fs) {
          hs.add(f.get());
        }
      } finally {
        pool.shutdownNow();
      }
    }
    double wall = (System.nanoTime() - t0) / 1e9;
    double[] med = new double[hs.size()];
    for (int k = 0; k < hs.size(); k++) {
      double[] es = hs.get(k).epochSeconds();
      double[] timed = Arrays.copyOfRange(es, warmup, es.length);
      Arrays.sort(timed);
      int n = timed.length;
      med[k] = n % 2 == 1 ? timed[n / 2] : 0.5 * (timed[n / 2 - 1] + timed[n / 2]);
    }
    double perModel = 0;
    for (double m : med) {
      perModel += events / m / med.length;
    }
    double aggregate = perModel * hs.size();
    ObjectNode o = CliSupport.F.objectNode();
    o.put("method", method);
    o.put("events", events);
    o.put("features", features);
    o.set("hidden", intArray(settings.hidden()));
    o.put("batch", batch);
    o.put("epochs", epochs);
    o.put("warmup", warmup);
    o.put("parallel", parallel);
    o.put("threads_per_model", 1);
    o.put("median_epoch_seconds", round(Arrays.stream(med).average().orElse(Double.NaN)));
    o.put("events_per_second_per_epoch", Math.round(perModel));
    o.put("aggregate_events_per_second", Math.round(aggregate));
    o.put("wall_seconds", round(wall));
    o.put("thread_cpu_seconds", round(cpuNanos.get() / 1e9));
    o.set("epoch_seconds", io.sumbin.pyhf.Json.numbers(hs.get(0).epochSeconds()));
    o.put("available_processors", Runtime.getRuntime().availableProcessors());
    PrintWriter out = spec.commandLine().getOut();
    if (json.on()) {
      out.println(io.sumbin.pyhf.Json.compact(o));
    } else {
      out.printf(Locale.ROOT, "%s, %d events × %d features, MLP %s SiLU, batch %d, %d epochs (%d warm-up), %d model(s) in parallel%n",
          method, events, features, Arrays.toString(settings.hidden()), batch, epochs, warmup, parallel);
      out.printf(Locale.ROOT, "median epoch %.3f s → %.0f events/s per epoch per model; aggregate %.0f events/s%n",
          Arrays.stream(med).average().orElse(Double.NaN), perModel, aggregate);
    }
    out.flush();
    return 0;
  }

  /** CPU seconds of the threads that trained (each model's own thread; summed). */
  private final java.util.concurrent.atomic.AtomicLong cpuNanos = new java.util.concurrent.atomic.AtomicLong();

  private TrainingHistory trainOne(Synthetic d, TrainingSettings s) {
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    long c0 = mx.getCurrentThreadCpuTime();
    try {
      return trainModel(d, s);
    } finally {
      cpuNanos.addAndGet(mx.getCurrentThreadCpuTime() - c0);
    }
  }

  private TrainingHistory trainModel(Synthetic d, TrainingSettings s) {
    SavedModel m = method.equals("derivative")
        ? DerivativeLearning.train(d.x, d.w, d.labels, null, s)
        : RatioClassifier.train(d.x, d.poly, d.prior, new double[2], RatioLoss.ALICE, s);
    try (m) {
      return m.info().history();
    }
  }

  private static com.fasterxml.jackson.databind.node.ArrayNode intArray(int[] v) {
    com.fasterxml.jackson.databind.node.ArrayNode a = CliSupport.F.arrayNode();
    for (int x : v) {
      a.add(x);
    }
    return a;
  }

  private static double round(double v) {
    return Math.round(v * 1e4) / 1e4;
  }

  /** Gaussian features, smooth labels, and quadratic weights in two parameters. */
  static final class Synthetic {
    final FeatureMatrix x;
    final double[] w;
    final LabelSet labels;
    final ParametrizedWeights poly;
    final ParameterPrior prior;

    Synthetic(int n, int d, long seed) {
      SplittableRandom r = new SplittableRandom(seed);
      double[][] cols = new double[d][n];
      List<String> names = new ArrayList<>();
      for (int j = 0; j < d; j++) {
        names.add("f" + j);
        for (int i = 0; i < n; i++) {
          cols[j][i] = r.nextGaussian();
        }
      }
      x = FeatureMatrix.ofColumns(names, cols);
      w = new double[n];
      Arrays.fill(w, 1);
      double[][] y = new double[5][n];
      double[][] coef = new double[n][];
      for (int i = 0; i < n; i++) {
        double a = cols[0][i];
        double b = cols[Math.min(1, d - 1)][i];
        y[0][i] = Math.sin(a);
        y[1][i] = a * b;
        y[2][i] = Math.exp(-a * a);
        y[3][i] = Math.tanh(a + b);
        y[4][i] = b * b;
        coef[i] = new double[] {1, 0.3 * a, 0.2 * b, 0.5 * a * a, 0.1 * a * b, 0.4 * b * b};
      }
      labels = new LabelSet(List.of("y0", "y1", "y2", "y3", "y4"), y);
      poly = new PolynomialWeights(PolynomialBasis.quadratic(List.of("c1", "c2")), coef);
      prior = ParameterPrior.uniform(List.of("c1", "c2"), new double[] {-1, -1}, new double[] {1, 1});
    }
  }
}
