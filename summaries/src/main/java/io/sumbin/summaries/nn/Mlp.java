package io.sumbin.summaries.nn;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.Pair;
import io.sumbin.summaries.TrainingSettings;
import io.sumbin.summaries.persistence.SummaryFormatException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A fully connected network in → hidden… → out (DJL {@code SequentialBlock} of {@code Linear} layers),
 * with Glorot-uniform weights and zero biases drawn from a Java generator, so that the initial state
 * depends on the seed only (not on PyTorch's global generator, which threads would share).
 */
public final class Mlp {
  private final NDManager manager;
  private final SequentialBlock block;
  private final int in;
  private final int out;
  private final int[] hidden;
  private final TrainingSettings.Activation activation;
  private ParameterStore store;

  private Mlp(NDManager manager, int in, int[] hidden, int out, TrainingSettings.Activation activation) {
    this.manager = manager;
    this.in = in;
    this.out = out;
    this.hidden = hidden.clone();
    this.activation = activation;
    this.block = new SequentialBlock();
    for (int h : hidden) {
      block.add(Linear.builder().setUnits(h).build());
      block.add(activationBlock(activation));
    }
    block.add(Linear.builder().setUnits(out).build());
    block.setInitializer(Initializer.ZEROS, Parameter.Type.WEIGHT);
    block.initialize(manager, DataType.FLOAT32, new Shape(1, in));
    this.store = new ParameterStore(manager, false);
  }

  /** A freshly initialized network (parameters attached to {@code manager}). */
  public static Mlp create(NDManager manager, int in, int[] hidden, int out, TrainingSettings.Activation activation,
      SplittableRandom rng) {
    if (in < 1 || out < 1) {
      throw new IllegalArgumentException("network needs >= 1 input and output, got " + in + " → " + out);
    }
    Mlp m = new Mlp(manager, in, hidden, out, activation);
    for (Pair<String, Parameter> p : m.block.getParameters()) {
      NDArray a = p.getValue().getArray();
      Shape s = a.getShape();
      float[] v = new float[Math.toIntExact(s.size())];
      if (p.getValue().getType() == Parameter.Type.WEIGHT) {
        double lim = Math.sqrt(6.0 / (s.get(0) + s.get(1)));
        for (int i = 0; i < v.length; i++) {
          v[i] = (float) ((2 * rng.nextDouble() - 1) * lim);
        }
      }
      assign(a, v);
    }
    return m;
  }

  /** A network read from a parameter file written by {@link #save}. */
  static Mlp load(NDManager manager, Path file, int in, int[] hidden, int out, TrainingSettings.Activation activation) {
    Mlp m = new Mlp(manager, in, hidden, out, activation);
    try (DataInputStream is = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      m.block.loadParameters(manager, is);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read network weights " + file + ": " + e.getMessage(), e);
    } catch (MalformedModelException | RuntimeException e) {
      throw new SummaryFormatException(file, "weights", "network weights do not match the architecture "
          + in + " → " + java.util.Arrays.toString(hidden) + " → " + out + ": " + e.getMessage());
    }
    m.store = new ParameterStore(manager, false);
    m.checkShapes(file);
    return m;
  }

  private void checkShapes(Path file) {
    ai.djl.nn.ParameterList ps = block.getParameters();
    int layer = 0;
    int prev = in;
    int[] widths = new int[hidden.length + 1];
    System.arraycopy(hidden, 0, widths, 0, hidden.length);
    widths[hidden.length] = out;
    for (Pair<String, Parameter> p : ps) {
      Shape s = p.getValue().getArray().getShape();
      if (p.getValue().getType() == Parameter.Type.WEIGHT) {
        if (s.dimension() != 2 || s.get(0) != widths[layer] || s.get(1) != prev) {
          throw new SummaryFormatException(file, "weights", "layer " + layer + " weight has shape " + s + ", expected ("
              + widths[layer] + ", " + prev + ")");
        }
      } else {
        if (s.size() != widths[layer]) {
          throw new SummaryFormatException(file, "weights", "layer " + layer + " bias has shape " + s + ", expected ("
              + widths[layer] + ")");
        }
        prev = widths[layer];
        layer++;
      }
    }
  }

  private static ai.djl.nn.Block activationBlock(TrainingSettings.Activation a) {
    return switch (a) {
      case RELU -> Activation.reluBlock();
      case TANH -> Activation.tanhBlock();
      case SOFTPLUS -> Activation.softPlusBlock();
      case SILU -> new LambdaBlock(l -> {
        NDArray x = l.singletonOrThrow();
        return new NDList(x.mul(Activation.sigmoid(x)));
      }, "silu");
    };
  }

  /**
   * Runs the network over rows of a row-major input in batches (grad mode off, one sub-manager of
   * {@code manager} per batch).
   *
   * @param x rows × inputs values (read)
   * @return rows × outputs values
   */
  public float[] predict(NDManager manager, float[] x, int rows, int batch) {
    int d = in;
    int o = out;
    float[] res = new float[rows * o];
    for (int from = 0; from < rows; from += batch) {
      int to = Math.min(rows, from + batch);
      try (NDManager bm = manager.newSubManager()) {
        Djl.gradMode(false);
        NDArray xa = bm.create(java.nio.FloatBuffer.wrap(x, from * d, (to - from) * d), new ai.djl.ndarray.types.Shape(to - from, d));
        float[] y = forward(xa, false).toFloatArray();
        System.arraycopy(y, 0, res, from * o, y.length);
      }
    }
    return res;
  }

  /** Forward pass of a batch {@code (B, in)} → {@code (B, out)}. */
  public NDArray forward(NDArray x, boolean training) {
    return block.forward(store, new NDList(x), training).singletonOrThrow();
  }

  /** The trainable parameters. */
  List<Parameter> parameters() {
    List<Parameter> out = new ArrayList<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      out.add(p.getValue());
    }
    return out;
  }

  /** Number of trainable scalars. */
  long parameterCount() {
    long n = 0;
    for (Parameter p : parameters()) {
      n += p.getArray().size();
    }
    return n;
  }

  /** A copy of all parameter values. */
  float[][] snapshot() {
    List<Parameter> ps = parameters();
    float[][] s = new float[ps.size()][];
    for (int i = 0; i < s.length; i++) {
      s[i] = ps.get(i).getArray().toFloatArray();
    }
    return s;
  }

  /** Restores values taken by {@link #snapshot}. */
  void restore(float[][] s) {
    List<Parameter> ps = parameters();
    for (int i = 0; i < s.length; i++) {
      assign(ps.get(i).getArray(), s[i]);
    }
  }

  /**
   * Overwrites a parameter in place (an index-put with gradient recording off: {@code NDArray.set(Buffer)}
   * would make libtorch print a deprecation warning on stderr).
   */
  private static void assign(NDArray target, float[] values) {
    Djl.gradMode(false);
    try (NDArray src = target.getManager().create(values, target.getShape())) {
      target.set(new NDIndex("..."), src);
    }
  }

  /** Writes the parameters (DJL's block parameter format). */
  void save(Path file) {
    try (DataOutputStream os = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
      block.saveParameters(os);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write network weights " + file + ": " + e.getMessage(), e);
    }
  }

  NDManager manager() {
    return manager;
  }

  public int inputs() {
    return in;
  }

  public int outputs() {
    return out;
  }

  int[] hidden() {
    return hidden.clone();
  }

  TrainingSettings.Activation activation() {
    return activation;
  }
}
