package io.sumbin.summaries.ensemble;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sumbin.histmodel.util.RecordText;
import io.sumbin.summaries.FeatureMatrix;
import io.sumbin.summaries.LearnedSummary;
import io.sumbin.summaries.ModelInfo;
import io.sumbin.summaries.RatioEstimator;
import io.sumbin.summaries.SavedModel;
import io.sumbin.summaries.Summaries;
import io.sumbin.summaries.TrainingSettings;
import io.sumbin.summaries.derivative.DerivativeSummary;
import io.sumbin.summaries.nn.ModelJson;
import io.sumbin.summaries.persistence.MetaJson;
import io.sumbin.summaries.persistence.SummaryFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A deep ensemble (arXiv:1612.01474; see {@link Ensembles}): the mean of its members' outputs, with the member spread
 * (standard deviation, divisor M − 1) from the {@code WithSpread} methods. It is a {@link LearnedSummary}
 * when its members are, and a {@link RatioEstimator} when its members are. Saved as a directory with
 * {@code summary.json} (method {@code ensemble}) and one sub-directory {@code member-00}, {@code member-01},
 * … per member; closing the ensemble closes the members.
 */
public final class EnsembleModel implements LearnedSummary, RatioEstimator {
  static final String METHOD = "ensemble";

  private final List<SavedModel> members;
  private final TrainingSettings settings;
  private final ObjectNode meta;

  /**
   * Mean and spread of an ensemble's predictions.
   *
   * @param mean {@code [m][n]} (or {@code [1][n]} for log-ratios)
   * @param spread standard deviation across members, same shape
   */
  public record Prediction(double[][] mean, double[][] spread) {
    @Override
    public String toString() {
      return RecordText.of(this);
    }
  }

  EnsembleModel(List<SavedModel> members, TrainingSettings settings) {
    this.members = List.copyOf(members);
    this.settings = settings;
    SavedModel first = members.get(0);
    for (SavedModel m : members) {
      if (!m.method().equals(first.method()) || !m.inputNames().equals(first.inputNames())) {
        throw new IllegalArgumentException("ensemble members differ: " + first.method() + " on " + first.inputNames()
            + " vs " + m.method() + " on " + m.inputNames());
      }
    }
    this.meta = ModelJson.common(METHOD, first.inputNames(), null, outputNames(), parameterNamesOrEmpty(), settings, null);
    meta.put("member_method", first.method());
    meta.put("members", members.size());
    ArrayNode dirs = meta.putArray("member_dirs");
    for (int k = 0; k < members.size(); k++) {
      dirs.add(memberDir(k));
    }
  }

  static String memberDir(int k) {
    return String.format(Locale.ROOT, "member-%02d", k);
  }

  static EnsembleModel load(Path dir, ObjectNode root) {
    Path file = dir.resolve(MetaJson.FILE);
    List<String> dirs = MetaJson.stringList(file, root, "", "member_dirs");
    if (dirs.size() < 2) {
      throw new SummaryFormatException(file, "member_dirs", "an ensemble needs at least 2 members, got " + dirs.size());
    }
    List<SavedModel> ms = new ArrayList<>();
    try {
      for (String d : dirs) {
        Path sub = dir.resolve(d).normalize();
        if (!sub.startsWith(dir.normalize())) {
          throw new SummaryFormatException(file, "member_dirs", "member directory '" + d + "' is outside the model directory");
        }
        ms.add(Summaries.load(sub));
      }
      return new EnsembleModel(ms, ModelJson.readSettings(file, root));
    } catch (RuntimeException e) {
      ms.forEach(SavedModel::close);
      throw e;
    }
  }

  /** The members (closing the ensemble closes them). */
  public List<SavedModel> members() {
    return members;
  }

  /** Number of members M. */
  public int size() {
    return members.size();
  }

  @Override
  public String method() {
    return METHOD;
  }

  /** Method of the members. */
  public String memberMethod() {
    return members.get(0).method();
  }

  @Override
  public List<String> inputNames() {
    return members.get(0).inputNames();
  }

  @Override
  public ModelInfo info() {
    return new ModelInfo(METHOD, inputNames(), outputNames(), parameterNamesOrEmpty(), settings, null,
        MetaJson.versions(meta), meta.path("created").asText(), MetaJson.text(meta));
  }

  @Override
  public synchronized void annotate(String key, String value) {
    MetaJson.annotate(meta, key, value);
  }

  @Override
  public synchronized void save(Path dir) {
    MetaJson.write(dir, meta);
    for (int k = 0; k < members.size(); k++) {
      members.get(k).save(dir.resolve(memberDir(k)));
    }
    if (!Files.isRegularFile(dir.resolve(MetaJson.FILE))) {
      throw new IllegalStateException("ensemble metadata was not written to " + dir);
    }
  }

  @Override
  public void close() {
    members.forEach(SavedModel::close);
  }

  @Override
  public List<String> outputNames() {
    return members.get(0) instanceof LearnedSummary s ? s.outputNames() : List.of();
  }

  private List<String> parameterNamesOrEmpty() {
    SavedModel m = members.get(0);
    return m instanceof RatioEstimator r ? r.parameterNames() : m instanceof DerivativeSummary d ? d.parameterNames() : List.of();
  }

  /** The members' parameters (ratio estimators, or derivative-learning members trained on polynomial weights). */
  @Override
  public List<String> parameterNames() {
    return members.get(0) instanceof DerivativeSummary d ? d.parameterNames() : ratio(0).parameterNames();
  }

  @Override
  public double[] referencePoint() {
    return ratio(0).referencePoint();
  }

  private LearnedSummary summary(int k) {
    if (members.get(k) instanceof LearnedSummary s) {
      return s;
    }
    throw new IllegalStateException("ensemble of '" + memberMethod() + "' models has no per-event summary; use logRatio");
  }

  private RatioEstimator ratio(int k) {
    if (members.get(k) instanceof RatioEstimator r) {
      return r;
    }
    throw new IllegalStateException("ensemble of '" + memberMethod() + "' models is not a ratio estimator");
  }

  /** Mean of the members' summaries. */
  @Override
  public double[][] evaluate(FeatureMatrix x) {
    return evaluateWithSpread(x).mean();
  }

  /** Mean and spread of the members' summaries. */
  public Prediction evaluateWithSpread(FeatureMatrix x) {
    List<double[][]> all = new ArrayList<>();
    for (int k = 0; k < members.size(); k++) {
      all.add(summary(k).evaluate(x));
    }
    return combine(all);
  }

  /** Mean of the members' log-ratios. */
  @Override
  public double[] logRatio(FeatureMatrix x, double[] theta) {
    return logRatioWithSpread(x, theta).mean()[0];
  }

  /** Mean and spread of the members' log-ratios ({@code [1][n]} each). */
  public Prediction logRatioWithSpread(FeatureMatrix x, double[] theta) {
    List<double[][]> all = new ArrayList<>();
    for (int k = 0; k < members.size(); k++) {
      all.add(new double[][] {ratio(k).logRatio(x, theta)});
    }
    return combine(all);
  }

  static Prediction combine(List<double[][]> all) {
    int mm = all.size();
    int m = all.get(0).length;
    int n = m == 0 ? 0 : all.get(0)[0].length;
    double[][] mean = new double[m][n];
    double[][] sd = new double[m][n];
    for (double[][] a : all) {
      for (int k = 0; k < m; k++) {
        for (int i = 0; i < n; i++) {
          mean[k][i] += a[k][i] / mm;
        }
      }
    }
    for (double[][] a : all) {
      for (int k = 0; k < m; k++) {
        for (int i = 0; i < n; i++) {
          double t = a[k][i] - mean[k][i];
          sd[k][i] += t * t / (mm - 1);
        }
      }
    }
    for (int k = 0; k < m; k++) {
      for (int i = 0; i < n; i++) {
        sd[k][i] = Math.sqrt(sd[k][i]);
      }
    }
    return new Prediction(mean, sd);
  }
}
