package io.sumbin.summaries.nn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The DJL runtime as sumbin uses it (package-private: DJL types never leave this module).
 *
 * <p>Before the first engine is touched, {@link #configure()} sets, unless already set: offline mode
 * ({@code ai.djl.offline}; DJL reads it as a system property or the {@code DJL_OFFLINE} environment
 * variable), {@code OPT_OUT_TRACKING} (DJL reads it with {@code Utils.getEnvOrSystemProperty}, so the
 * system property is enough when the environment variable is absent), and one intra-op and one inter-op
 * PyTorch thread. Parallelism comes from training several networks at once on separate threads.
 *
 * <p>Gradients are recorded without DJL's {@code GradientCollector}: the PyTorch collector is a
 * process-wide singleton, which would forbid training ensemble members on parallel threads. PyTorch's
 * grad mode is thread-local, so each training thread switches it on for its own forward/backward pass.
 */
public final class Djl {
  static final String PYTORCH = "PyTorch";
  public static final String ONNX = "OnnxRuntime";

  private static volatile boolean configured;

  private Djl() {}

  /** Sets the JVM-wide DJL defaults (idempotent; values set by the user win). */
  public static void configure() {
    if (configured) {
      return;
    }
    synchronized (Djl.class) {
      if (configured) {
        return;
      }
      setDefault("ai.djl.offline", "true");
      setDefault("OPT_OUT_TRACKING", "true");
      setDefault("ai.djl.pytorch.num_threads", "1");
      setDefault("ai.djl.pytorch.num_interop_threads", "1");
      setDefault("ai.djl.pytorch.graph_optimizer", "false");
      setDefault("ai.djl.onnxruntime.num_threads", "1");
      setDefault("ai.djl.onnxruntime.num_interop_threads", "1");
      configured = true;
    }
  }

  private static void setDefault(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }

  /** The PyTorch engine (loaded and configured on first use). */
  static Engine pytorch() {
    configure();
    return Engine.getEngine(PYTORCH);
  }

  /** A new root manager of the PyTorch engine; the caller closes it. */
  public static NDManager newManager() {
    return pytorch().newBaseManager();
  }

  /** Switches PyTorch's (thread-local) gradient recording. */
  static void gradMode(boolean on) {
    JniUtils.setGradMode(on);
  }

  /** Back-propagates a scalar loss into the gradients of the parameters that produced it. */
  static void backward(NDArray loss) {
    try (NDArray seed = loss.getManager().ones(loss.getShape(), loss.getDataType())) {
      JniUtils.backward((PtNDArray) loss, (PtNDArray) seed, false, false);
    }
  }

  /**
   * Rows {@code [from, to)} of {@code a} as a view attached to {@code target} (one native slice; DJL's
   * {@code NDArray.get(NDIndex)} builds a PyTorch index object in several native calls).
   */
  static NDArray rows(NDArray a, long from, long to, NDManager target) {
    NDArray v = JniUtils.slice((PtNDArray) a, 0, from, to, 1);
    v.attach(target);
    return v;
  }

  /** Library versions for the model metadata. */
  static Map<String, String> versions() {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("sumbin", SumbinVersion.VERSION);
    v.put("djl", Engine.getDjlVersion());
    v.put("pytorch", pytorch().getVersion());
    v.put("java", System.getProperty("java.version"));
    v.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    return v;
  }
}
