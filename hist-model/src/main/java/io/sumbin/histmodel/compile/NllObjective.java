package io.sumbin.histmodel.compile;

import io.sumbin.histmodel.likelihood.BlockHessian;
import io.sumbin.histmodel.likelihood.BlockStructure;
import io.sumbin.histmodel.likelihood.DataObjective;

/**
 * −ln L(θ | data) of a compiled model as a {@link DataObjective} (constants included, so that
 * {@code 2·value} is pyhf's twice_nll). Holds its own evaluator: one instance per thread.
 */
public final class NllObjective implements DataObjective {
  private final Evaluator ev;
  private double[] data;
  private double constant;

  public NllObjective(CompiledModel model, double[] data) {
    this.ev = model.evaluator();
    setData(data);
  }

  /** Re-targets the objective at another dataset of the same model (read, not copied). */
  @Override
  public void setData(double[] newData) {
    CompiledModel m = ev.model();
    if (newData.length != m.nMain() + m.nAux()) {
      throw new IllegalArgumentException("data has " + newData.length + " entries, model expects "
          + (m.nMain() + m.nAux()) + " (" + m.nMain() + " main + " + m.nAux() + " auxiliary)");
    }
    this.data = newData;
    this.constant = ev.constant(newData);
  }

  /** The dataset. */
  @Override
  public double[] data() {
    return data;
  }

  /** The evaluator (for expected data etc.). */
  public Evaluator evaluator() {
    return ev;
  }

  @Override
  public int dimension() {
    return ev.model().nPars();
  }

  @Override
  public double value(double[] x) {
    return ev.nll(x, data, constant);
  }

  @Override
  public double valueAndGradient(double[] x, double[] grad) {
    return ev.nllGrad(x, data, constant, grad);
  }

  @Override
  public boolean hessian(double[] x, double[] hess) {
    return ev.hessian(x, data, hess);
  }

  /** The expected information at x (positive semi-definite). */
  @Override
  public boolean fisher(double[] x, double[] hess) {
    ev.fisher(x, hess);
    return true;
  }

  @Override
  public BlockStructure blockStructure() {
    return ev.model().blockStructure();
  }

  @Override
  public boolean hessian(double[] x, BlockHessian hess) {
    return ev.hessian(x, data, hess);
  }

  @Override
  public boolean fisher(double[] x, BlockHessian hess) {
    ev.fisher(x, hess);
    return true;
  }
}
