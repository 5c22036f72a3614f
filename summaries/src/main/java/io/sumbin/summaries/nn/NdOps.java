package io.sumbin.summaries.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import io.sumbin.summaries.loss.TensorOps;

/** {@link TensorOps} on DJL arrays (element-wise, differentiable), in which the ratio losses are evaluated. */
public final class NdOps implements TensorOps<NDArray> {
  /** The one instance. */
  public static final NdOps INSTANCE = new NdOps();

  private NdOps() {}

  @Override
  public NDArray neg(NDArray x) {
    return x.neg();
  }

  @Override
  public NDArray add(NDArray a, NDArray b) {
    return a.add(b);
  }

  @Override
  public NDArray mul(NDArray a, NDArray b) {
    return a.mul(b);
  }

  @Override
  public NDArray softplus(NDArray x) {
    return Activation.softPlus(x);
  }

  @Override
  public NDArray sigmoid(NDArray x) {
    return Activation.sigmoid(x);
  }

  @Override
  public NDArray exp(NDArray x) {
    return x.exp();
  }

  @Override
  public NDArray log(NDArray x) {
    return x.log();
  }
}
