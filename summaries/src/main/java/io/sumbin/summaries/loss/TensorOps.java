package io.sumbin.summaries.loss;

/**
 * Element-wise arithmetic in which a {@link RatioLoss} writes its per-example loss, so that the loss needs no
 * tensor library: training evaluates it on the network's tensors (with automatic differentiation), tests and
 * documentation on plain numbers ({@link #SCALAR}).
 *
 * @param <T> the value type (a tensor of one value per example, or a number)
 */
public interface TensorOps<T> {

  /** Plain double arithmetic. */
  TensorOps<Double> SCALAR = new TensorOps<>() {
    @Override
    public Double neg(Double x) {
      return -x;
    }

    @Override
    public Double add(Double a, Double b) {
      return a + b;
    }

    @Override
    public Double mul(Double a, Double b) {
      return a * b;
    }

    @Override
    public Double softplus(Double x) {
      // log(1 + e^x) without overflow
      return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    @Override
    public Double sigmoid(Double x) {
      return 1 / (1 + Math.exp(-x));
    }

    @Override
    public Double exp(Double x) {
      return Math.exp(x);
    }

    @Override
    public Double log(Double x) {
      return Math.log(x);
    }
  };

  /** −x. */
  T neg(T x);

  /** a + b. */
  T add(T a, T b);

  /** a · b. */
  T mul(T a, T b);

  /** log(1 + eˣ). */
  T softplus(T x);

  /** 1/(1 + e⁻ˣ). */
  T sigmoid(T x);

  /** eˣ. */
  T exp(T x);

  /** ln x. */
  T log(T x);
}
