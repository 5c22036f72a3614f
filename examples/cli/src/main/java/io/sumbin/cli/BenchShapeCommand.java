package io.sumbin.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sumbin.eft.unbinned.ShapeSystematicToy;
import io.sumbin.summaries.shape.ShapeRatio;
import io.sumbin.summaries.shape.ShapeTraining;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sumbin bench shape}: training time and accuracy of the learned shape-systematic ratios on the
 * analytic toy of {@link ShapeSystematicToy} (background N(δα, 1) with a rate normsys, Gaussian signal
 * with POI μ): the unbinned 68 % interval on μ with the learned ĝ against the exact g, and with α fixed.
 * JSON fields: {@code training_events, reference_events, shift, calibration, interval_exact,
 * interval_learned, interval_fixed, width_ratio, bulk_deviation, rate_up, rate_down, closure_up,
 * closure_down, training_seconds, seconds}.
 */
@Command(name = "shape", description = "Learned shape-systematic ratios g(x, ±1) on an analytic toy: training time, "
    + "|ĝ/g − 1| in the bulk, unbinned interval with learned versus exact g.", mixinStandardHelpOptions = true)
public final class BenchShapeCommand implements Callable<Integer> {
  @Mixin
  Console console;

  @Option(names = "--events", converter = Converters.Events.class, paramLabel = "N",
      description = "events per training sample (nominal, up, down; default 200000, 20000 with --fast)")
  Integer events;

  @Option(names = "--reference", converter = Converters.Events.class, paramLabel = "N",
      description = "model (reference-sample) events (default 40000, 10000 with --fast)")
  Integer reference;

  @Option(names = "--fast", description = "the default test's settings: one hidden layer of 16, batch 1000, <= 20 epochs")
  boolean fast;

  @Option(names = "--calibration", defaultValue = "platt", paramLabel = "C",
      description = "none, platt or histogram (default ${DEFAULT-VALUE})")
  String calibration;

  @Mixin
  SeedOption seed;

  @Mixin
  JsonOption json;

  @Override
  public Integer call() {
    ShapeTraining.Calibration cal = java.util.Arrays.stream(ShapeTraining.Calibration.values())
        .filter(k -> k.name().equalsIgnoreCase(calibration)).findFirst()
        .orElseThrow(() -> new UserError("--calibration must be none, platt or histogram, got '" + calibration + "'"));
    ShapeSystematicToy.Settings s = fast ? ShapeSystematicToy.Settings.fast() : ShapeSystematicToy.Settings.full();
    s = s.withEvents(events != null ? events : s.trainingEvents(), reference != null ? reference : s.referenceEvents());
    if (s.trainingEvents() < 20 || s.referenceEvents() < 20) {
      throw new UserError("need --events >= 20 and --reference >= 20");
    }
    s = new ShapeSystematicToy.Settings(s.trainingEvents(), s.referenceEvents(), s.shift(),
        s.training().withCalibration(cal), seed.orElse(s.seed()));
    long t0 = System.nanoTime();
    ShapeSystematicToy.Result r = ShapeSystematicToy.run(s);
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (json.on()) {
      JsonNodeFactory f = JsonNodeFactory.instance;
      ObjectNode o = f.objectNode();
      o.put("training_events", s.trainingEvents());
      o.put("reference_events", s.referenceEvents());
      o.put("shift", s.shift());
      o.put("calibration", cal.name().toLowerCase(Locale.ROOT));
      o.set("interval_exact", pair(r.exact()));
      o.set("interval_learned", pair(r.learned()));
      o.set("interval_fixed", pair(r.fixed()));
      o.put("width_ratio", r.widthRatio());
      o.put("bulk_deviation", r.bulkDeviation());
      o.put("rate_up", r.entry().up().rate().value());
      o.put("rate_down", r.entry().down().rate().value());
      o.set("closure_up", closure(r.entry().up().closure()));
      o.set("closure_down", closure(r.entry().down().closure()));
      o.put("training_seconds", r.trainingSeconds());
      o.put("seconds", seconds);
      CliSupport.printJson(console.out(), o);
    } else {
      console.out().printf(Locale.ROOT, "shape toy, %d events per sample, %s calibration: 68%% interval on mu exact-g [%.4f, %.4f],"
          + " learned-g [%.4f, %.4f] (width ratio %.4f), alpha fixed [%.4f, %.4f]; max |g_learned/g - 1| for |x| <= %.0f: %.4f;"
          + " training %.1f s, total %.1f s%n", s.trainingEvents(), cal.name().toLowerCase(Locale.ROOT), r.exact().lo(),
          r.exact().hi(), r.learned().lo(), r.learned().hi(), r.widthRatio(), r.fixed().lo(), r.fixed().hi(),
          ShapeSystematicToy.BULK, r.bulkDeviation(), r.trainingSeconds(), seconds);
    }
    return 0;
  }

  private static ArrayNode pair(ShapeSystematicToy.Interval i) {
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    a.add(i.lo());
    a.add(i.hi());
    return a;
  }

  private static ObjectNode closure(ShapeRatio.Closure c) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("nominal_mean", c.nominalMean());
    o.put("nominal_mean_error", c.nominalMeanError());
    o.put("inverse_mean", c.inverseMean());
    o.put("inverse_mean_error", c.inverseMeanError());
    return o;
  }
}
