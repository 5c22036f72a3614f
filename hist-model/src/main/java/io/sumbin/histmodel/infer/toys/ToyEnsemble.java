package io.sumbin.histmodel.infer.toys;

import io.sumbin.histmodel.likelihood.LikelihoodModel;
import io.sumbin.histmodel.fit.FitOptions;
import io.sumbin.histmodel.infer.TestStatistic;
import io.sumbin.histmodel.util.RecordText;

/**
 * A family of pseudo-experiments: data generated from {@code model} at {@code generatingPars},
 * each evaluated with {@code statistic} at POI value {@code poiValue} using fits with
 * {@code options} (started at the generating parameters). Toy i draws its random numbers from
 * stream {@code stream} at index i.
 *
 * @param hypothesis a name for the ensemble ({@code "sb"}, {@code "b"}, ...), written to toy files
 * @param model the model (shared, immutable)
 * @param generatingPars the parameters pseudo-data are generated at (copied)
 * @param poiValue the tested POI value
 * @param statistic the test statistic
 * @param options fit options (POI free; copied by value semantics of the record)
 * @param stream the random stream id (see {@link ToyRandom})
 */
public record ToyEnsemble(String hypothesis, LikelihoodModel model, double[] generatingPars, double poiValue,
    TestStatistic statistic, FitOptions options, long stream) {
  @Override
  public String toString() {
    return RecordText.of(this);
  }

  public ToyEnsemble {
    if (generatingPars.length != model.nPars()) {
      throw new IllegalArgumentException("generating parameters have " + generatingPars.length + " entries, model has "
          + model.nPars());
    }
    if (model.poiIndex() < 0) {
      throw new IllegalArgumentException("toys of a test statistic need a model with a parameter of interest");
    }
    generatingPars = generatingPars.clone();
  }

  /** An ensemble whose stream is derived from its hypothesis name and tested POI value. */
  public static ToyEnsemble of(String hypothesis, LikelihoodModel model, double[] generatingPars, double poiValue,
      TestStatistic statistic, FitOptions options) {
    return new ToyEnsemble(hypothesis, model, generatingPars, poiValue, statistic, options,
        ToyRandom.stream(hypothesis, Double.doubleToLongBits(poiValue)));
  }

  /** The POI value the toys are generated at. */
  public double genPoiValue() {
    return generatingPars[model.poiIndex()];
  }
}
