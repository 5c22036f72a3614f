package io.sumbin.histmodel.family;

import io.sumbin.histmodel.compile.CompiledModel;
import io.sumbin.histmodel.compile.ModelCompiler;
import io.sumbin.histmodel.spec.ModelSpec;
import io.sumbin.histmodel.util.RecordText;

/**
 * One scan point θ′ of a {@link ModelFamily}: the model built with that point's own observable,
 * binning and templates, and that point's data (main bins followed by auxiliary data).
 *
 * @param theta the scan-point values, one per POI of the family
 * @param spec the point's model specification (its samples may depend on the POIs through terms)
 * @param model the compiled {@code spec}
 * @param data the point's data (read-only)
 */
public record FamilyPoint(double[] theta, ModelSpec spec, CompiledModel model, double[] data) {
  @Override
  public String toString() {
    return RecordText.of(this);
  }

  public FamilyPoint {
    theta = theta.clone();
    if (data.length != model.nMain() + model.nAux()) {
      throw new IllegalArgumentException("point " + java.util.Arrays.toString(theta) + ": data has " + data.length
          + " entries, its model expects " + (model.nMain() + model.nAux()));
    }
  }

  /** Compiles a spec and appends the model's default auxiliary data to the main data. */
  public static FamilyPoint of(double[] theta, ModelSpec spec, double[] mainData) {
    CompiledModel m = ModelCompiler.compile(spec);
    return new FamilyPoint(theta, spec, m, m.withAuxdata(mainData));
  }

  /**
   * The fit diagnostics of this point's model on its data (pulls, impacts, pre-/post-fit yields,
   * goodness of fit, intervals; issue 21) with the model's suggested fit options.
   */
  public io.sumbin.histmodel.infer.diagnostics.Diagnostics diagnostics(io.sumbin.histmodel.parallel.WorkRunner runner) {
    return new io.sumbin.histmodel.infer.diagnostics.Diagnostics(model, data, io.sumbin.histmodel.fit.FitOptions.suggested(model),
        runner);
  }

  /** The same point with other data. */
  public FamilyPoint withData(double[] newData) {
    return new FamilyPoint(theta, spec, model, newData);
  }
}
