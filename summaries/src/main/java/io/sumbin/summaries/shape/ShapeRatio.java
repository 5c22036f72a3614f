package io.sumbin.summaries.shape;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sumbin.binning.EventTable;
import io.sumbin.histmodel.util.RecordText;
import io.sumbin.summaries.EventTables;
import io.sumbin.summaries.FeatureMatrix;
import io.sumbin.summaries.ratio.SampleClassifier;
import io.sumbin.summaries.SavedModel;
import io.sumbin.summaries.Summaries;
import io.sumbin.summaries.persistence.SummaryFormatException;
import io.sumbin.summaries.TrainingHistory;
import java.nio.file.Path;
import java.util.List;

/**
 * A learned shape-systematic ratio of one process J and one systematic m (ATLAS NSBI master formula,
 * arXiv:2412.01600, 2412.01548): the per-event factors at α = ±1
 *
 * <pre>
 *   ĝ(x, ±1) = clamp(exp ℓ_cal,±(x)) / c_±  ≈  p_J(x|±1)/p_J(x|0),     ℓ_± = log s_±/(1 − s_±)
 * </pre>
 *
 * from two classifiers s_± of nominal against varied events trained with class-balanced weights
 * ({@link SampleClassifier}), calibrated on held-out events ({@link LogitCalibration}), clamped to
 * [1/{@value #MAX_RATIO}, {@value #MAX_RATIO}] and divided by c_± = E_0[ĝ] on the held-out nominal
 * events when normalised.
 *
 * <p><b>Normalisation convention.</b> ĝ is a ratio of <em>normalised</em> densities: ∫ p_J(x|0) ĝ(x, ±1) dx
 * = 1, so ∫ p_J(x|α) = 1 is kept. The rate change is {@link #rateUp()}/{@link #rateDown()},
 * G_Jm(±1) = σ_J(±1)/σ_J(0) = Σw_±/Σw_0, which belongs in a normalisation effect (normsys, code 4) on the
 * process yield; G·ĝ is the unnormalised ratio σ_± p_±/(σ_0 p_0). {@code UnbinnedModel} interpolates
 * ĝ vertically between the ±1 columns (code 4p), which keeps the mean 1 at every α.
 *
 * <p><b>Checks</b> ({@link #closureUp()}, {@link #closureDown()}): on held-out events E_0[ĝ] before the
 * division by c (1 for a correct ratio) and E_±[1/ĝ] after it (1 as well, since E_±[p_0/p_±] = 1), with
 * their statistical errors.
 *
 * <p>Saved as a {@link SampleClassifier} directory ({@code summary.json}, method {@code
 * sample_classifier}, networks {@code up} and {@code down}) with this ratio's fields under
 * {@code extensions.shape_ratio}. Holds native memory: close it.
 */
public final class ShapeRatio implements AutoCloseable {
  /** Largest (and inverse of the smallest) per-event factor returned. */
  public static final double MAX_RATIO = 100;

  /** JSON section in {@code summary.json}. */
  static final String EXTENSION = "shape_ratio";

  /**
   * The rate factor G(±1) = Σw_±/Σw_0 with its error (independent samples).
   *
   * @param value G
   * @param error statistical error from Σw² of both samples
   */
  public record Rate(double value, double error) {}

  /**
   * Held-out checks of one direction.
   *
   * @param nominalMean E_0[ĝ] on the held-out nominal events before normalisation (the weighted mean
   *     Σw ĝ/Σw; 1 for a correct normalised ratio), with {@code nominalMeanError}
   * @param inverseMean E_±[1/ĝ] on the held-out varied events after normalisation (1 for a correct
   *     ratio), with {@code inverseMeanError}
   * @param normalization the divisor c applied (1 when not normalised)
   */
  public record Closure(double nominalMean, double nominalMeanError, double inverseMean, double inverseMeanError,
      double normalization) {}

  /**
   * The per-event factors of a set of events.
   *
   * @param up ĝ(x_i, +1)
   * @param down ĝ(x_i, −1)
   */
  public record Columns(float[] up, float[] down) {
    @Override
    public String toString() {
      return RecordText.of(this);
    }
  }

  private final String process;
  private final String systematic;
  private final SampleClassifier classifier;
  private final LogitCalibration calUp;
  private final LogitCalibration calDown;
  private final Rate rateUp;
  private final Rate rateDown;
  private final Closure closureUp;
  private final Closure closureDown;

  ShapeRatio(String process, String systematic, SampleClassifier classifier, LogitCalibration calUp,
      LogitCalibration calDown, Rate rateUp, Rate rateDown, Closure closureUp, Closure closureDown) {
    this.process = process;
    this.systematic = systematic;
    this.classifier = classifier;
    this.calUp = calUp;
    this.calDown = calDown;
    this.rateUp = rateUp;
    this.rateDown = rateDown;
    this.closureUp = closureUp;
    this.closureDown = closureDown;
    classifier.putExtension(EXTENSION, toJson());
  }

  public String process() {
    return process;
  }

  public String systematic() {
    return systematic;
  }

  /** The feature names the classifiers read. */
  public List<String> features() {
    return classifier.inputNames();
  }

  /** G(+1) = σ(+1)/σ(0). */
  public Rate rateUp() {
    return rateUp;
  }

  /** G(−1) = σ(−1)/σ(0). */
  public Rate rateDown() {
    return rateDown;
  }

  public Closure closureUp() {
    return closureUp;
  }

  public Closure closureDown() {
    return closureDown;
  }

  public LogitCalibration calibrationUp() {
    return calUp;
  }

  public LogitCalibration calibrationDown() {
    return calDown;
  }

  /** Training history of the {@code up} or {@code down} network (null when not recorded). */
  public TrainingHistory history(String direction) {
    return classifier.history(direction);
  }

  /** ĝ(x_i, +1) (features selected by name). */
  public float[] up(FeatureMatrix x) {
    return factors("up", x, calUp, closureUp.normalization());
  }

  /** ĝ(x_i, −1) (features selected by name). */
  public float[] down(FeatureMatrix x) {
    return factors("down", x, calDown, closureDown.normalization());
  }

  /** Both columns for the events of a matrix (features selected by name). */
  public Columns columns(FeatureMatrix x) {
    FeatureMatrix sel = x.select(features());
    return new Columns(up(sel), down(sel));
  }

  /** Both columns for the events of a table (its columns named like {@link #features()}). */
  public Columns columns(EventTable t) {
    return columns(EventTables.features(t, features()));
  }

  /** Calibrated factors before the division by c. */
  double[] rawFactors(String dir, FeatureMatrix x) {
    LogitCalibration cal = dir.equals("up") ? calUp : calDown;
    double[] l = classifier.logit(dir, x.select(features()));
    double lo = -Math.log(MAX_RATIO);
    double hi = Math.log(MAX_RATIO);
    for (int i = 0; i < l.length; i++) {
      l[i] = Math.exp(Math.max(lo, Math.min(hi, cal.apply(l[i]))));
    }
    return l;
  }

  private float[] factors(String dir, FeatureMatrix x, LogitCalibration cal, double norm) {
    double[] g = rawFactors(dir, x);
    float[] out = new float[g.length];
    for (int i = 0; i < g.length; i++) {
      out[i] = (float) (g[i] / norm);
    }
    return out;
  }

  /** Writes the model (the classifier directory with the ratio's section) into {@code dir}. */
  public void save(Path dir) {
    classifier.save(dir);
  }

  /** Adds a free-form note to the metadata ({@link SavedModel#annotate}). */
  public void annotate(String key, String value) {
    classifier.annotate(key, value);
  }

  /**
   * Reads a ratio saved by {@link #save}.
   *
   * @throws SummaryFormatException naming the file and JSON path when the directory is not a shape ratio
   */
  public static ShapeRatio load(Path dir) {
    SavedModel m = Summaries.load(dir);
    Path file = dir.resolve("summary.json");
    if (!(m instanceof SampleClassifier c)) {
      m.close();
      throw new SummaryFormatException(file, "method", "expected a '" + SampleClassifier.METHOD + "' model, got '"
          + m.method() + "'");
    }
    try {
      if (!c.networkNames().containsAll(List.of("up", "down"))) {
        throw new SummaryFormatException(file, "outputs", "a shape ratio needs networks 'up' and 'down', got "
            + c.networkNames());
      }
      JsonNode e = c.extension(EXTENSION);
      String p = "extensions." + EXTENSION;
      if (e == null || !e.isObject()) {
        throw new SummaryFormatException(file, p, "missing (not a learned shape ratio)");
      }
      return new ShapeRatio(text(file, e, p, "process"), text(file, e, p, "systematic"), c,
          calibration(file, e, p + ".up"), calibration(file, e, p + ".down"), rate(file, e, p, "up"), rate(file, e, p, "down"),
          closure(file, e, p, "up"), closure(file, e, p, "down"));
    } catch (RuntimeException ex) {
      c.close();
      throw ex;
    }
  }

  @Override
  public void close() {
    classifier.close();
  }

  // ------------------------------------------------------------------ JSON

  private ObjectNode toJson() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode o = f.objectNode();
    o.put("process", process);
    o.put("systematic", systematic);
    o.put("convention", "g = p(x|alpha)/p(x|0) of normalised densities; rate = sum w(alpha)/sum w(0) for a normsys");
    o.set("up", direction(calUp, rateUp, closureUp));
    o.set("down", direction(calDown, rateDown, closureDown));
    return o;
  }

  private static ObjectNode direction(LogitCalibration cal, Rate rate, Closure cl) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode d = f.objectNode();
    ObjectNode c = d.putObject("calibration");
    c.put("kind", cal.kind());
    c.put("a", cal.a());
    c.put("b", cal.b());
    c.set("nodes", doubles(cal.nodes()));
    c.set("values", doubles(cal.values()));
    d.put("rate", rate.value());
    d.put("rate_error", rate.error());
    d.put("normalization", cl.normalization());
    d.put("nominal_mean", cl.nominalMean());
    d.put("nominal_mean_error", cl.nominalMeanError());
    d.put("inverse_mean", cl.inverseMean());
    d.put("inverse_mean_error", cl.inverseMeanError());
    return d;
  }

  private static ArrayNode doubles(double[] v) {
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    for (double x : v) {
      a.add(x);
    }
    return a;
  }

  private static String text(Path file, JsonNode o, String path, String key) {
    JsonNode v = o.get(key);
    if (v == null || !v.isTextual()) {
      throw new SummaryFormatException(file, path + "." + key, "expected a string, got " + v);
    }
    return v.asText();
  }

  private static double number(Path file, JsonNode o, String path, String key) {
    JsonNode v = o.get(key);
    if (v == null || !v.isNumber()) {
      throw new SummaryFormatException(file, path + "." + key, "expected a number, got " + v);
    }
    return v.asDouble();
  }

  private static double[] numbers(Path file, JsonNode o, String path, String key) {
    JsonNode v = o.get(key);
    if (v == null || !v.isArray()) {
      throw new SummaryFormatException(file, path + "." + key, "expected an array of numbers, got " + v);
    }
    double[] out = new double[v.size()];
    for (int i = 0; i < out.length; i++) {
      if (!v.get(i).isNumber()) {
        throw new SummaryFormatException(file, path + "." + key + "[" + i + "]", "expected a number, got " + v.get(i));
      }
      out[i] = v.get(i).asDouble();
    }
    return out;
  }

  private static JsonNode object(Path file, JsonNode o, String path, String key) {
    JsonNode v = o.get(key);
    if (v == null || !v.isObject()) {
      throw new SummaryFormatException(file, path + "." + key, "expected an object, got " + v);
    }
    return v;
  }

  private static LogitCalibration calibration(Path file, JsonNode root, String path) {
    String dir = path.substring(path.lastIndexOf('.') + 1);
    String base = path.substring(0, path.lastIndexOf('.'));
    JsonNode c = object(file, object(file, root, base, dir), path, "calibration");
    String cp = path + ".calibration";
    try {
      return new LogitCalibration(text(file, c, cp, "kind"), number(file, c, cp, "a"), number(file, c, cp, "b"),
          numbers(file, c, cp, "nodes"), numbers(file, c, cp, "values"));
    } catch (IllegalArgumentException e) {
      throw new SummaryFormatException(file, cp, e.getMessage());
    }
  }

  private static Rate rate(Path file, JsonNode root, String path, String dir) {
    JsonNode d = object(file, root, path, dir);
    String p = path + "." + dir;
    double r = number(file, d, p, "rate");
    if (!(r > 0)) {
      throw new SummaryFormatException(file, p + ".rate", "must be positive, got " + r);
    }
    return new Rate(r, number(file, d, p, "rate_error"));
  }

  private static Closure closure(Path file, JsonNode root, String path, String dir) {
    JsonNode d = object(file, root, path, dir);
    String p = path + "." + dir;
    double c = number(file, d, p, "normalization");
    if (!(c > 0)) {
      throw new SummaryFormatException(file, p + ".normalization", "must be positive, got " + c);
    }
    return new Closure(number(file, d, p, "nominal_mean"), number(file, d, p, "nominal_mean_error"),
        number(file, d, p, "inverse_mean"), number(file, d, p, "inverse_mean_error"), c);
  }
}
