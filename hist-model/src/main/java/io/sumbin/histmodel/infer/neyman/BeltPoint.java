package io.sumbin.histmodel.infer.neyman;

import io.sumbin.histmodel.likelihood.LikelihoodModel;
import io.sumbin.histmodel.fit.FitOptions;
import io.sumbin.histmodel.util.RecordText;
import java.util.ArrayList;
import java.util.List;

/**
 * One point of a Neyman construction: a POI value μ together with the model and the observed data
 * in which the statistic at μ is evaluated. For a single model every point shares model and data;
 * for a per-scan-point model family (DESIGN.md §2) each point brings its own observable, binning,
 * templates and data, and the statistic at μ is evaluated inside point μ's model.
 *
 * @param model the model of this point (its POI is the scanned parameter)
 * @param data observed main + auxiliary data of this point's model (copied)
 * @param poiValue the POI value μ of this point
 * @param options fit options (POI free; fixed nuisance parameters stay fixed in all fits)
 */
public record BeltPoint(LikelihoodModel model, double[] data, double poiValue, FitOptions options) {
  @Override
  public String toString() {
    return RecordText.of(this);
  }

  public BeltPoint {
    if (model.poiIndex() < 0) {
      throw new IllegalArgumentException("belt point at " + poiValue + ": the model has no parameter of interest");
    }
    if (data.length != model.nMain() + model.nAux()) {
      throw new IllegalArgumentException("belt point at " + poiValue + ": data has " + data.length + " entries, model expects "
          + (model.nMain() + model.nAux()) + " (" + model.nMain() + " main + " + model.nAux() + " auxiliary)");
    }
    if (options.fixed()[model.poiIndex()]) {
      throw new IllegalArgumentException("belt point at " + poiValue + ": the POI '" + model.poiName()
          + "' is fixed in the fit options; the construction needs it free");
    }
    if (!Double.isFinite(poiValue)) {
      throw new IllegalArgumentException("belt point POI value must be finite, got " + poiValue);
    }
    data = data.clone();
    if (options.uncertainties()) {
      options = options.withUncertainties(false); // keeps the caller's instance otherwise (workers cache by identity)
    }
  }

  /** A point of a single model with its suggested fit options. */
  public static BeltPoint of(LikelihoodModel model, double[] data, double mu) {
    return new BeltPoint(model, data, mu, FitOptions.suggested(model));
  }

  /** The points of a single model at the given POI values (all sharing model, data and options). */
  public static List<BeltPoint> grid(LikelihoodModel model, double[] data, FitOptions options, double[] values) {
    List<BeltPoint> l = new ArrayList<>(values.length);
    FitOptions o = options.withUncertainties(false);
    for (double v : values) {
      l.add(new BeltPoint(model, data, v, o));
    }
    return l;
  }
}
