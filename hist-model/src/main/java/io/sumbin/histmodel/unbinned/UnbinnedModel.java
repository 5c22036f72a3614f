package io.sumbin.histmodel.unbinned;

import io.sumbin.histmodel.compile.CompiledCoefficient;
import io.sumbin.histmodel.interp.InterpCode;
import io.sumbin.histmodel.interp.Interpolation;
import io.sumbin.histmodel.likelihood.GaussianConstraint;
import io.sumbin.histmodel.likelihood.LikelihoodModel;
import io.sumbin.histmodel.likelihood.PoissonConstraint;
import io.sumbin.histmodel.spec.Coefficient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The extended unbinned likelihood over weighted events with per-process density-ratio columns
 * (the "master formula" of the per-process density-ratio method, e.g. arXiv:1805.00020, §2):
 *
 * <pre>
 *   −ln L(θ, α) = ν(θ, α) − Σ_i w_i ln s_i(θ, α) + ½ Σ_m α_m²  (+ constants)
 *   s_i = Σ_J ν_J(θ, α) · r_J(x_i) · Π_m g_Jm(x_i, α_m),   ν = Σ_J ν_J · I_J
 *   ν_J(θ, α) = σ_J · f_J(θ) · Π_n κ_Jn(α_n),   I_J = E_ref[r_J]
 * </pre>
 *
 * I_J is the reference-sample mean of the ratio column: 1 for a normalised density ratio, 0 for a
 * pure interference term that only redistributes events. When reference weights ω are given (the
 * model's events are then the reference sample, as for Asimov and toy studies), the total is
 * computed from the same events, I_J(α) = Σ_i ω_i r_J(x_i) Π_m g_Jm(x_i, α_m), so that shape
 * factors may change the rate and the Asimov dataset of a truth is exactly its minimum. Without
 * reference weights I_J = 1 (or the value set with {@link Builder#integral}) and shape factors are
 * treated as pure shapes.
 *
 * Processes (components) J have a yield σ_J, a coefficient f_J of the parameters of interest (a
 * monomial — the quadratic EFT terms — or an interference function, see {@link Coefficient}), a
 * per-event density-ratio column r_J(x) = p_J(x)/p_ref(x) (float32), normalisation effects κ
 * interpolated with code 4 between lo and hi, and per-event shape factors g with g(0) = 1,
 * g(±1) = up/down, interpolated vertically with code 4p (polynomial inside |α| ≤ 1, linear outside).
 * Shape factors are pure shapes: their rate effect belongs in a normalisation effect.
 *
 * <p>Data vectors follow the binned convention with events in place of bins: the event weights
 * w_i (observed events have w_i = 1; pseudo-data and Asimov data carry other weights), then one
 * auxiliary datum (0 nominal) per nuisance parameter. With reference-sample weights ω_i
 * (normalised so that Σ_i ω_i r_J(x_i) = 1 for every J), the expected data are ω_i · s_i — the
 * Asimov dataset of a truth is the reference sample reweighted to it.
 *
 * <p>Memory: every per-event column is a float (4 bytes per event per column). NLL, gradient and
 * Hessian are evaluated in parallel over event chunks. Thread-safe for concurrent objectives.
 *
 * <p>Threads: with {@code threads > 1} the model owns a pool of evaluation threads. {@link #close()}
 * shuts it down (a closed model still evaluates, on the calling thread); a model that is never
 * closed holds no threads either once it has been idle for {@value #IDLE_SECONDS} s.
 */
public final class UnbinnedModel implements LikelihoodModel, AutoCloseable {
  /** Seconds after which idle evaluation threads end (they are started again when needed). */
  public static final long IDLE_SECONDS = 5;

  final int nEvents;
  final String[] parNames;
  final double[] init;
  final double[] lower;
  final double[] upper;
  final int nPoi;
  final int nNp;
  final int poiIndex;
  // components
  final int nComp;
  final String[] compNames;
  final double[] sigma;
  final CompiledCoefficient[] coef;
  final float[][] ratio; // null = 1
  // normalisation effects per component
  final int[][] normPar;
  final double[][] normHi;
  final double[][] normLo;
  final double[][] normC4; // 6 per effect
  // shape effects per component
  final int[][] shapePar;
  final float[][][] shapeS; // [J][k][event] (up - down)/2 in terms of deltas
  final float[][][] shapeA; // [J][k][event] (dUp - dDn)/16
  final float[] refWeights; // may be null
  final double[] integral; // I_J when not computed from the reference weights
  final boolean selfNormalized;
  final int threads;
  final int chunk;
  private final ExecutorService pool;

  private UnbinnedModel(Builder b) {
    nEvents = b.nEvents;
    nPoi = b.poiNames.size();
    nNp = b.npNames.size();
    int np = nPoi + nNp;
    parNames = new String[np];
    init = new double[np];
    lower = new double[np];
    upper = new double[np];
    for (int i = 0; i < nPoi; i++) {
      parNames[i] = b.poiNames.get(i);
      init[i] = b.poiInit.get(i);
      lower[i] = b.poiLo.get(i);
      upper[i] = b.poiHi.get(i);
    }
    for (int m = 0; m < nNp; m++) {
      parNames[nPoi + m] = b.npNames.get(m);
      init[nPoi + m] = 0;
      lower[nPoi + m] = -5;
      upper[nPoi + m] = 5;
    }
    poiIndex = nPoi > 0 ? 0 : -1;
    nComp = b.comps.size();
    compNames = new String[nComp];
    sigma = new double[nComp];
    coef = new CompiledCoefficient[nComp];
    ratio = new float[nComp][];
    normPar = new int[nComp][];
    normHi = new double[nComp][];
    normLo = new double[nComp][];
    normC4 = new double[nComp][];
    shapePar = new int[nComp][];
    shapeS = new float[nComp][][];
    shapeA = new float[nComp][][];
    List<String> names = Arrays.asList(parNames);
    for (int j = 0; j < nComp; j++) {
      Builder.Comp c = b.comps.get(j);
      compNames[j] = c.name;
      sigma[j] = c.sigma;
      coef[j] = CompiledCoefficient.of(c.coefficient, names);
      for (int p : coef[j].par()) {
        if (p >= nPoi) {
          throw new IllegalArgumentException("component '" + c.name + "': coefficient depends on nuisance parameter '" + parNames[p]
              + "'; coefficients are functions of the POIs");
        }
      }
      ratio[j] = c.ratio;
      int nn = c.normNames.size();
      normPar[j] = new int[nn];
      normHi[j] = new double[nn];
      normLo[j] = new double[nn];
      normC4[j] = new double[6 * nn];
      for (int k = 0; k < nn; k++) {
        normPar[j][k] = nPoi + b.npNames.indexOf(c.normNames.get(k));
        normHi[j][k] = c.normHi.get(k);
        normLo[j][k] = c.normLo.get(k);
        System.arraycopy(Interpolation.code4Coefficients(normHi[j][k], normLo[j][k]), 0, normC4[j], 6 * k, 6);
      }
      int ns = c.shapeNames.size();
      shapePar[j] = new int[ns];
      shapeS[j] = new float[ns][];
      shapeA[j] = new float[ns][];
      for (int k = 0; k < ns; k++) {
        shapePar[j][k] = nPoi + b.npNames.indexOf(c.shapeNames.get(k));
        shapeS[j][k] = c.shapeS.get(k);
        shapeA[j][k] = c.shapeA.get(k);
      }
    }
    refWeights = b.refWeights;
    integral = new double[nComp];
    boolean anyExplicit = false;
    for (int j = 0; j < nComp; j++) {
      Builder.Comp c = b.comps.get(j);
      integral[j] = c.integral != null ? c.integral : 1.0;
      anyExplicit |= c.integral != null;
    }
    selfNormalized = refWeights != null && !anyExplicit;
    threads = Math.max(1, b.threads);
    chunk = Math.max(1024, (nEvents + 4 * threads - 1) / (4 * threads));
    if (threads > 1) {
      ThreadPoolExecutor p = new ThreadPoolExecutor(threads, threads, IDLE_SECONDS, TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "sumbin-unbinned");
            t.setDaemon(true);
            return t;
          });
      p.allowCoreThreadTimeOut(true);
      pool = p;
    } else {
      pool = null;
    }
  }

  /**
   * Shuts the evaluation threads down (idempotent; running evaluations finish). Later evaluations
   * run on the calling thread.
   */
  @Override
  public void close() {
    if (pool != null) {
      pool.shutdown();
    }
  }

  /** A builder for {@code nEvents} events. */
  public static Builder builder(int nEvents) {
    return new Builder(nEvents);
  }

  /** Builder: POIs, nuisance parameters, components with their columns and effects. */
  public static final class Builder {
    final int nEvents;
    final List<String> poiNames = new ArrayList<>();
    final List<Double> poiInit = new ArrayList<>();
    final List<Double> poiLo = new ArrayList<>();
    final List<Double> poiHi = new ArrayList<>();
    final List<String> npNames = new ArrayList<>();
    final List<Comp> comps = new ArrayList<>();
    float[] refWeights;
    int threads = Runtime.getRuntime().availableProcessors();

    static final class Comp {
      String name;
      double sigma;
      Double integral;
      Coefficient coefficient;
      float[] ratio;
      final List<String> normNames = new ArrayList<>();
      final List<Double> normHi = new ArrayList<>();
      final List<Double> normLo = new ArrayList<>();
      final List<String> shapeNames = new ArrayList<>();
      final List<float[]> shapeS = new ArrayList<>();
      final List<float[]> shapeA = new ArrayList<>();
    }

    Builder(int nEvents) {
      if (nEvents < 0) {
        throw new IllegalArgumentException("negative number of events");
      }
      this.nEvents = nEvents;
    }

    /** A parameter of interest with its start value and bounds (the first one is the model's POI). */
    public Builder poi(String name, double init, double lo, double hi) {
      checkName(name);
      if (!(lo <= init && init <= hi)) {
        throw new IllegalArgumentException("POI '" + name + "': need lo <= init <= hi, got " + lo + ", " + init + ", " + hi);
      }
      poiNames.add(name);
      poiInit.add(init);
      poiLo.add(lo);
      poiHi.add(hi);
      return this;
    }

    /** A nuisance parameter with a unit Gaussian constraint (auxiliary datum 0, start 0, bounds ±5). */
    public Builder nuisance(String name) {
      checkName(name);
      npNames.add(name);
      return this;
    }

    /** Whether a POI or nuisance parameter of this name has been declared. */
    public boolean hasParameter(String name) {
      return poiNames.contains(name) || npNames.contains(name);
    }

    private void checkName(String name) {
      if (poiNames.contains(name) || npNames.contains(name)) {
        throw new IllegalArgumentException("parameter '" + name + "' is defined twice");
      }
    }

    /**
     * A process with total yield σ·f(θ) and the reference density (per-event ratio 1), e.g. a background
     * whose shape is the reference sample's.
     *
     * @param name the component's name
     * @param sigma the yield σ at f = 1
     * @param f the yield factor f(θ)
     * @return the component's index
     */
    public int component(String name, double sigma, Coefficient f) {
      return component(name, sigma, f, null);
    }

    /**
     * A process with total yield σ·f(θ) and per-event density ratio {@code ratio} (null = 1).
     *
     * @return the component's index
     */
    public int component(String name, double sigma, Coefficient f, float[] ratio) {
      if (ratio != null && ratio.length != nEvents) {
        throw new IllegalArgumentException("component '" + name + "': ratio column has " + ratio.length + " entries for " + nEvents + " events");
      }
      Comp c = new Comp();
      c.name = name;
      c.sigma = sigma;
      c.coefficient = f;
      c.ratio = ratio;
      comps.add(c);
      return comps.size() - 1;
    }

    /** Normalisation effect κ(α) with κ(+1) = hi, κ(−1) = lo (code 4) on component j's yield. */
    public Builder norm(int j, String nuisance, double hi, double lo) {
      if (!npNames.contains(nuisance)) {
        throw new IllegalArgumentException("unknown nuisance parameter '" + nuisance + "'");
      }
      if (!(hi > 0 && lo > 0)) {
        throw new IllegalArgumentException("normalisation effect '" + nuisance + "' needs hi, lo > 0");
      }
      Comp c = comps.get(j);
      c.normNames.add(nuisance);
      c.normHi.add(hi);
      c.normLo.add(lo);
      return this;
    }

    /**
     * Per-event shape factors of component j: g(+1) = up[i], g(−1) = down[i] (pure shape: the
     * reference-weighted means should be 1).
     */
    public Builder shape(int j, String nuisance, float[] up, float[] down) {
      if (!npNames.contains(nuisance)) {
        throw new IllegalArgumentException("unknown nuisance parameter '" + nuisance + "'");
      }
      if (up.length != nEvents || down.length != nEvents) {
        throw new IllegalArgumentException("shape '" + nuisance + "': columns must have " + nEvents + " entries");
      }
      float[] s = new float[nEvents];
      float[] a = new float[nEvents];
      for (int i = 0; i < nEvents; i++) {
        double dUp = up[i] - 1.0;
        double dDn = 1.0 - down[i];
        s[i] = (float) (0.5 * (dUp + dDn));
        a[i] = (float) (0.0625 * (dUp - dDn));
      }
      Comp comp = comps.get(j);
      comp.shapeNames.add(nuisance);
      comp.shapeS.add(s);
      comp.shapeA.add(a);
      return this;
    }

    /** Sets I_J = E_ref[r_J] of component j explicitly (then no component is normalised on the reference weights). */
    public Builder integral(int j, double value) {
      comps.get(j).integral = value;
      return this;
    }

    /** Reference-sample weights ω_i (for expected and Asimov data, and I_J). */
    public Builder referenceWeights(float[] w) {
      if (w.length != nEvents) {
        throw new IllegalArgumentException("reference weights must have " + nEvents + " entries");
      }
      this.refWeights = w;
      return this;
    }

    /** Worker threads for event loops (default: all cores). */
    public Builder threads(int t) {
      this.threads = t;
      return this;
    }

    public UnbinnedModel build() {
      if (comps.isEmpty()) {
        throw new IllegalArgumentException("an unbinned model needs at least one component");
      }
      return new UnbinnedModel(this);
    }
  }

  // ------------------------------------------------------------------ accessors

  public int nEvents() {
    return nEvents;
  }

  @Override
  public int nPars() {
    return parNames.length;
  }

  @Override
  public List<String> parNames() {
    return List.of(parNames);
  }

  @Override
  public String parName(int i) {
    return parNames[i];
  }

  @Override
  public int parIndex(String name) {
    return Arrays.asList(parNames).indexOf(name);
  }

  @Override
  public double[] suggestedInit() {
    return init.clone();
  }

  @Override
  public double[] lowerBounds() {
    return lower.clone();
  }

  @Override
  public double[] upperBounds() {
    return upper.clone();
  }

  @Override
  public boolean[] suggestedFixed() {
    return new boolean[parNames.length];
  }

  /** One unit Gaussian constraint per nuisance parameter (auxiliary datum m, nominal 0). */
  @Override
  public List<GaussianConstraint> gaussianConstraints() {
    List<GaussianConstraint> c = new ArrayList<>();
    for (int m = 0; m < nNp; m++) {
      c.add(new GaussianConstraint(nPoi + m, m, 1.0));
    }
    return List.copyOf(c);
  }

  /** None. */
  @Override
  public List<PoissonConstraint> poissonConstraints() {
    return List.of();
  }

  /** Number of float32 per-event columns stored (ratios, two per shape effect, reference weights). */
  public int floatColumns() {
    int c = refWeights == null ? 0 : 1;
    for (int j = 0; j < nComp; j++) {
      c += (ratio[j] == null ? 0 : 1) + 2 * shapePar[j].length;
    }
    return c;
  }

  /** Index of the first POI, or −1. */
  @Override
  public int poiIndex() {
    return poiIndex;
  }

  @Override
  public String poiName() {
    return poiIndex < 0 ? null : parNames[poiIndex];
  }

  /** Number of "main" data entries: the events. */
  @Override
  public int nMain() {
    return nEvents;
  }

  /** One auxiliary datum per nuisance parameter. */
  @Override
  public int nAux() {
    return nNp;
  }

  /** Nominal auxiliary data (zeros). */
  @Override
  public double[] auxdata() {
    return new double[nNp];
  }

  /** Event weights followed by nominal auxiliary data. */
  @Override
  public double[] withAuxdata(double[] weights) {
    if (weights.length != nEvents) {
      throw new IllegalArgumentException("weights have " + weights.length + " entries for " + nEvents + " events");
    }
    return Arrays.copyOf(weights, nEvents + nNp);
  }

  /** Observed data: every event with weight 1. */
  public double[] unitData() {
    double[] d = new double[nEvents + nNp];
    Arrays.fill(d, 0, nEvents, 1.0);
    return d;
  }

  // ------------------------------------------------------------------ yields

  /**
   * ν_J and, optionally, ∂ν_J/∂p (dnu[J*P + p]) and ∂²ν_J/∂p∂q (d2nu[(J*P + p)*P + q]) — all written.
   */
  void yields(double[] x, double[] nu, double[] dnu, double[] d2nu, double[] scratch) {
    int np = parNames.length;
    if (dnu != null) {
      Arrays.fill(dnu, 0, nComp * np, 0.0);
    }
    if (d2nu != null) {
      Arrays.fill(d2nu, 0, nComp * np * np, 0.0);
    }
    double[] c1 = new double[4];
    double[] c2 = new double[16];
    double[] t = new double[3];
    for (int j = 0; j < nComp; j++) {
      CompiledCoefficient cf = coef[j];
      double f = cf.value(x);
      int nn = normPar[j].length;
      double norm = 1;
      double[] kv = new double[nn];
      double[] k1 = new double[nn];
      double[] k2 = new double[nn];
      for (int k = 0; k < nn; k++) {
        Interpolation.factor(InterpCode.CODE4, normHi[j][k], normLo[j][k], normC4[j], 6 * k, x[normPar[j][k]], t);
        kv[k] = t[0];
        k1[k] = t[1];
        k2[k] = t[2];
        norm *= t[0];
      }
      nu[j] = sigma[j] * f * norm;
      if (dnu == null) {
        continue;
      }
      int nf = cf.par().length;
      double[] d1 = nf <= 4 ? c1 : new double[nf];
      double[] d2 = nf <= 4 ? c2 : new double[nf * nf];
      cf.derivatives(x, d1, d2nu != null ? d2 : null);
      int base = j * np;
      for (int a = 0; a < nf; a++) {
        dnu[base + cf.par()[a]] += sigma[j] * d1[a] * norm;
      }
      for (int k = 0; k < nn; k++) {
        double others = 1;
        for (int l = 0; l < nn; l++) {
          if (l != k) {
            others *= kv[l];
          }
        }
        dnu[base + normPar[j][k]] += sigma[j] * f * k1[k] * others;
      }
      if (d2nu == null) {
        continue;
      }
      int hb = j * np * np;
      for (int a = 0; a < nf; a++) {
        for (int b2 = 0; b2 < nf; b2++) {
          d2nu[hb + cf.par()[a] * np + cf.par()[b2]] += sigma[j] * d2[a * nf + b2] * norm;
        }
        for (int k = 0; k < nn; k++) {
          double others = 1;
          for (int l = 0; l < nn; l++) {
            if (l != k) {
              others *= kv[l];
            }
          }
          double v = sigma[j] * d1[a] * k1[k] * others;
          d2nu[hb + cf.par()[a] * np + normPar[j][k]] += v;
          d2nu[hb + normPar[j][k] * np + cf.par()[a]] += v;
        }
      }
      for (int k = 0; k < nn; k++) {
        for (int l = 0; l < nn; l++) {
          double prod = 1;
          for (int q = 0; q < nn; q++) {
            if (q != k && q != l) {
              prod *= kv[q];
            }
          }
          double v = k == l ? k2[k] * prod : k1[k] * k1[l] * prod;
          d2nu[hb + normPar[j][k] * np + normPar[j][l]] += sigma[j] * f * v;
        }
      }
    }
  }

  /** Polynomial basis of the code-4p shape interpolation: δ = p1·S + p2·A, δ' = d1·S + d2·A, δ'' = e2·A. */
  static void shapeBasis(double a, double[] out) {
    if (a > 1) {
      out[0] = a;
      out[1] = 8 * a;
      out[2] = 1;
      out[3] = 8;
      out[4] = 0;
    } else if (a < -1) {
      out[0] = a;
      out[1] = -8 * a;
      out[2] = 1;
      out[3] = -8;
      out[4] = 0;
    } else {
      double a2 = a * a;
      out[0] = a;
      out[1] = a2 * (15 + a2 * (-10 + a2 * 3));
      out[2] = 1;
      out[3] = a * (30 + a2 * (-40 + a2 * 18));
      out[4] = 30 + a2 * (-120 + a2 * 90);
    }
  }

  /**
   * Expected data at {@code pars}: ω_i·s_i per event (reference weights required), then the
   * expected auxiliary data (the nuisance parameters' values). Written into {@code out}.
   */
  @Override
  public void expectedData(double[] pars, double[] out) {
    if (refWeights == null) {
      throw new IllegalStateException("expected (Asimov) data need reference-sample weights; set them with referenceWeights(...)");
    }
    double[] nu = new double[nComp];
    yields(pars, nu, null, null, null);
    double[] basis = new double[5 * nNp];
    for (int m = 0; m < nNp; m++) {
      shapeBasisInto(pars[nPoi + m], basis, 5 * m);
    }
    for (int i = 0; i < nEvents; i++) {
      out[i] = refWeights[i] * eventRate(i, nu, pars, basis);
    }
    for (int m = 0; m < nNp; m++) {
      out[nEvents + m] = pars[nPoi + m];
    }
  }

  static void shapeBasisInto(double a, double[] basis, int off) {
    double[] t = new double[5];
    shapeBasis(a, t);
    System.arraycopy(t, 0, basis, off, 5);
  }

  /** s_i at the current yields and shape basis. */
  double eventRate(int i, double[] nu, double[] pars, double[] basis) {
    double s = 0;
    for (int j = 0; j < nComp; j++) {
      double g = ratio[j] == null ? 1.0 : ratio[j][i];
      for (int k = 0; k < shapePar[j].length; k++) {
        int m = shapePar[j][k] - nPoi;
        g *= 1 + basis[5 * m] * shapeS[j][k][i] + basis[5 * m + 1] * shapeA[j][k][i];
      }
      s += nu[j] * g;
    }
    return s;
  }

  /** An objective bound to a dataset (event weights + auxiliary data). */
  @Override
  public UnbinnedObjective objective(double[] data) {
    return new UnbinnedObjective(this, data);
  }

  ExecutorService pool() {
    return pool;
  }

  /** Runs chunk tasks over the events (in parallel when threads &gt; 1). */
  <T> List<T> forChunks(java.util.function.BiFunction<Integer, Integer, T> task) {
    List<T> out = new ArrayList<>();
    if (pool == null || pool.isShutdown() || nEvents <= chunk) {
      out.add(task.apply(0, nEvents));
      return out;
    }
    List<Future<T>> fs = new ArrayList<>();
    for (int s = 0; s < nEvents; s += chunk) {
      final int a = s;
      final int b = Math.min(nEvents, s + chunk);
      try {
        fs.add(pool.submit(() -> task.apply(a, b)));
      } catch (RejectedExecutionException closedMeanwhile) {
        fs.add(CompletableFuture.completedFuture(task.apply(a, b)));
      }
    }
    try {
      for (Future<T> f : fs) {
        out.add(f.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
    return out;
  }
}
