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
 * A fully connected network in → hidden… → out, with Glorot-uniform weights and zero biases drawn from a
 * Java generator, so that the initial state depends on the seed only (not on PyTorch's global generator,
 * which threads would share).
 *
 * <p>All weights and biases live in one flat parameter tensor (the order of DJL's {@code SequentialBlock}
 * of {@code Linear} layers: layer 0 weight, bias, layer 1 weight, …). A forward pass splits it into the
 * layers' views (one {@code split_with_sizes}, whose gradient is one concatenation), so that the optimizer
 * updates one tensor per network with one fused call instead of one call per layer array. The DJL block
 * keeps the file format: its parameters are written from the flat tensor when the network is saved and
 * read into it when one is loaded.
 */
public final class Mlp {
  private final NDManager manager;
  private final SequentialBlock block;
  private final int in;
  private final int out;
  private final int[] hidden;
  private final TrainingSettings.Activation activation;
  /** All parameters, block order; a leaf that records gradients. */
  private final NDArray flat;
  /** Shapes of the block's parameters, in order. */
  private final Shape[] shapes;
  /** Split points of {@link #flat} between consecutive parameters. */
  private final long[] splitPoints;

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
    List<Parameter> ps = blockParameters();
    this.shapes = new Shape[ps.size()];
    this.splitPoints = new long[ps.size() - 1];
    long total = 0;
    for (int i = 0; i < shapes.length; i++) {
      shapes[i] = ps.get(i).getArray().getShape();
      total += shapes[i].size();
      if (i < splitPoints.length) {
        splitPoints[i] = total;
      }
    }
    this.flat = manager.zeros(new Shape(total), DataType.FLOAT32);
    this.flat.setRequiresGradient(true);
  }

  /** A freshly initialized network (parameters attached to {@code manager}). */
  public static Mlp create(NDManager manager, int in, int[] hidden, int out, TrainingSettings.Activation activation,
      SplittableRandom rng) {
    if (in < 1 || out < 1) {
      throw new IllegalArgumentException("network needs >= 1 input and output, got " + in + " → " + out);
    }
    Mlp m = new Mlp(manager, in, hidden, out, activation);
    float[] v = new float[Math.toIntExact(m.flat.size())];
    int at = 0;
    for (Parameter p : m.blockParameters()) {
      Shape s = p.getArray().getShape();
      int size = Math.toIntExact(s.size());
      if (p.getType() == Parameter.Type.WEIGHT) {
        double lim = Math.sqrt(6.0 / (s.get(0) + s.get(1)));
        for (int i = 0; i < size; i++) {
          v[at + i] = (float) ((2 * rng.nextDouble() - 1) * lim);
        }
      }
      at += size;
    }
    assign(m.flat, v);
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
    m.checkShapes(file);
    float[] v = new float[Math.toIntExact(m.flat.size())];
    int at = 0;
    for (Parameter p : m.blockParameters()) {
      float[] a = p.getArray().toFloatArray();
      System.arraycopy(a, 0, v, at, a.length);
      at += a.length;
    }
    assign(m.flat, v);
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
      case SILU -> new LambdaBlock(l -> new NDList(activate(l.singletonOrThrow(), TrainingSettings.Activation.SILU)), "silu");
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

  /**
   * Forward pass of a batch {@code (B, in)} → {@code (B, out)}, recorded for autograd when PyTorch's grad
   * mode is on. Intermediate arrays are attached to the manager of {@code x}.
   *
   * @param training unused (the network has no dropout or normalization layer); kept for the callers
   */
  public NDArray forward(NDArray x, boolean training) {
    NDManager bm = x.getManager();
    NDList parts = flat.split(splitPoints);
    parts.attach(bm);
    NDArray h = x;
    int layers = shapes.length / 2;
    for (int l = 0; l < layers; l++) {
      NDArray w = parts.get(2 * l).reshape(shapes[2 * l]);
      NDArray b = parts.get(2 * l + 1);
      h = h.getNDArrayInternal().linear(h, w, b).singletonOrThrow();
      if (l < layers - 1) {
        h = activate(h, activation);
      }
    }
    return h;
  }

  /** The activation functions of the hidden layers (the same operations as the DJL blocks of the file format). */
  private static NDArray activate(NDArray x, TrainingSettings.Activation a) {
    return switch (a) {
      case RELU -> Activation.relu(x);
      case TANH -> Activation.tanh(x);
      case SOFTPLUS -> Activation.softPlus(x);
      case SILU -> x.mul(Activation.sigmoid(x));
    };
  }

  private List<Parameter> blockParameters() {
    List<Parameter> out = new ArrayList<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      out.add(p.getValue());
    }
    return out;
  }

  /** All trainable parameters as one flat leaf array (its gradient is one array too). */
  NDArray parameters() {
    return flat;
  }

  /** Number of trainable scalars. */
  long parameterCount() {
    return flat.size();
  }

  /** A copy of all parameter values. */
  float[][] snapshot() {
    return new float[][] {flat.toFloatArray()};
  }

  /** Restores values taken by {@link #snapshot}. */
  void restore(float[][] s) {
    assign(flat, s[0]);
  }

  /** Copies the flat parameters into the DJL block (whose format the files keep). */
  private void syncBlock() {
    float[] v = flat.toFloatArray();
    int at = 0;
    for (Parameter p : blockParameters()) {
      NDArray a = p.getArray();
      int size = Math.toIntExact(a.size());
      assign(a, java.util.Arrays.copyOfRange(v, at, at + size));
      at += size;
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
    syncBlock();
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
