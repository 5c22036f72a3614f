package io.sumbin.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sumbin.eft.EftAnalysis;
import io.sumbin.eft.EftLimit;
import io.sumbin.histmodel.fit.FitResult;
import io.sumbin.histmodel.infer.HypoTestResult;
import io.sumbin.histmodel.infer.TestStatistic;
import io.sumbin.histmodel.infer.UpperLimit;
import io.sumbin.histmodel.inference.Sumbin;
import io.sumbin.histmodel.spec.Workspace;
import io.sumbin.pyhf.WorkspaceIO;
import io.sumbin.pyhf.results.LimitReport;
import io.sumbin.summaries.TrainingSettings;
import io.sumbin.binning.Histogram;
import io.sumbin.testsupport.SharedData;
import java.io.IOException;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 23 item 4, "results that read": every record of the library modules prints its arrays as
 * values (no {@code [D@56620197}), the summaries of a fit, a test and a limit read as pyhf users
 * expect, with pyhf's numbers, and the one-call helpers of {@link Sumbin} reproduce pyhf's
 * {@code fit}, {@code hypotest} and {@code upper_limit} with their defaults.
 */
class ResultTextTest {
  /** An identity hash as Object.toString prints arrays: [D@1b2c3d, [I@..., [Ljava.lang.String;@... */
  private static final Pattern IDENTITY = Pattern.compile("\\[+[ZBCSIJFD]@\\p{XDigit}+|\\[+L[\\w.$]+;@\\p{XDigit}+");

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void noRecordOfTheLibraryPrintsAnArrayAsAnIdentityHash() throws Exception {
    List<Class<?>> records = new ArrayList<>();
    for (Class<?> anchor : List.of(FitResult.class, LimitReport.class, Histogram.class, TrainingSettings.class, EftAnalysis.class)) {
      records.addAll(recordsBeside(anchor));
    }
    Map<String, String> failures = new TreeMap<>();
    List<String> notBuilt = new ArrayList<>();
    int built = 0;
    for (Class<?> c : records) {
      Object r;
      try {
        r = sample(c, 0);
      } catch (ReflectiveOperationException | RuntimeException e) {
        notBuilt.add(c.getName());
        continue;
      }
      if (r == null) {
        notBuilt.add(c.getName());
        continue;
      }
      String text;
      try {
        text = r.toString();
      } catch (RuntimeException e) {
        notBuilt.add(c.getName() + " (its toString needs consistent components: " + e + ")");
        continue;
      }
      built++;
      if (IDENTITY.matcher(text).find()) {
        failures.put(c.getName(), text);
      }
    }
    assertThat(records.size()).as("records found in the library modules").isGreaterThan(150);
    // the records whose compact constructors check their arguments against each other (or against a
    // model) cannot be built from samples; all others are, among them every result record users get
    assertThat(built).as("records built from samples; not built: " + notBuilt).isGreaterThan(records.size() * 3 / 4);
    assertThat(notBuilt).as("result records must be built (and so checked)").doesNotContain(
        "io.sumbin.histmodel.fit.FitResult", "io.sumbin.histmodel.infer.HypoTestResult", "io.sumbin.histmodel.infer.UpperLimit",
        "io.sumbin.histmodel.infer.ProfileScan", "io.sumbin.histmodel.infer.ProfileScan2D", "io.sumbin.histmodel.family.FamilyScan",
        "io.sumbin.histmodel.infer.neyman.ConfidenceBelt", "io.sumbin.histmodel.inference.LimitRun", "io.sumbin.eft.EftLimit",
        "io.sumbin.eft.EftComparison$Result", "io.sumbin.eft.study.StudyRow", "io.sumbin.pyhf.results.FitReport");
    assertThat(failures).as("records printing an array as an identity hash").isEmpty();
  }

  @Test
  void aRecordPrintsItsArraysAsValues() {
    assertThat(IDENTITY.matcher(new double[1].toString()).find()).as("the pattern finds a double[]'s identity hash").isTrue();
    assertThat(IDENTITY.matcher(new String[1].toString()).find()).as("and a String[]'s").isTrue();
    assertThat(IDENTITY.matcher(new int[1][1].toString()).find()).as("and an int[][]'s").isTrue();
    FitResult f = new FitResult(List.of("mu", "theta"), new double[] {1.5, -0.25}, new double[] {0.5, 1}, null, 12.5, true, true, 1e-9,
        7, 21, "ok");
    assertThat(f.toString()).isEqualTo("FitResult[parNames=[mu, theta], bestfit=[1.5, -0.25], uncertainties=[0.5, 1.0], covariance=null,"
        + " twiceNll=12.5, converged=true, hessianOk=true, edm=1.0E-9, iterations=7, evaluations=21, message=ok]");
    double[] many = new double[25];
    assertThat(new FitResult(List.of(), many, many, null, 0, true, true, 0, 0, 0, "").toString())
        .contains("bestfit=[0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, ... (25 in all)]");
  }

  @Test
  void fitHypotestAndLimitOfTheDocsWorkspaceReadAsPyhfPrintsThem() throws IOException {
    Workspace ws = WorkspaceIO.read(SharedData.workspace("docs_2bin_1channel"));
    JsonNode ref = JSON.readTree(SharedData.require("pyhf/reference/docs_2bin_1channel.json").toFile());

    // tag::sumbin[]
    // ws: a Workspace (WorkspaceIO.read); pyhf's defaults: first measurement, observed data, q̃, asymptotics
    FitResult fit = Sumbin.fit(ws);                 // fit.summary(): best fit ± error per parameter
    HypoTestResult h = Sumbin.hypotest(ws, 1.0);    // h.summary(): CLs of mu = 1 with its expected band
    UpperLimit ul = Sumbin.upperLimit(ws);          // ul.summary(): observed and expected 95% CL limits
    // end::sumbin[]
    assertThat(fit.twiceNll()).isCloseTo(ref.at("/mle_fit/twice_nll").asDouble(), within(1e-6));
    for (int i = 0; i < 3; i++) {
      assertThat(fit.bestfit()[i]).isCloseTo(ref.at("/mle_fit/bestfit/" + i).asDouble(), within(2e-3));
    }
    assertThat(fit.summary()).isEqualTo("""
        fit: converged, Hessian ok; -2 ln L = 23.1964 (edm 1.6955e-19, 4 iterations, 5 evaluations)
        parameter           best fit     error
        mu                  3.64665e-16  1.10195
        uncorr_bkguncrt[0]  1            0.0895314
        uncorr_bkguncrt[1]  1            0.169031
        """);

    assertThat(h.cls()).isCloseTo(ref.at("/hypotest_mu1_qtilde/CLs_obs").asDouble(), within(1e-6));
    for (int k = 0; k < 5; k++) {
      assertThat(h.clsExpected()[k]).isCloseTo(ref.at("/hypotest_mu1_qtilde/CLs_exp_band/" + k).asDouble(), within(1e-6));
    }
    assertThat(h.summary()).isEqualTo("""
        CLs of mu = 1 (qtilde, asymptotic): CLs = 0.359984, CLs+b = 0.179992, CLb = 0.5
        expected CLs: -2σ 0.0780739, -1σ 0.174725, median 0.359984, +1σ 0.634356, +2σ 0.880994
        """);
    assertThat(h.toString()).startsWith("HypoTestResult[mu=1.0, testStatistic=qtilde,")
        .contains("clsExpected=[0.0780738");

    // pyhf's upper_limit(data, model): level 0.05, toms748 between the POI's bounds [0, 10]
    assertThat(ul.observed()).isCloseTo(ref.at("/upper_limit_auto/obs_limit").asDouble(), within(1e-3));
    for (int k = 0; k < 5; k++) {
      assertThat(ul.expected()[k]).isCloseTo(ref.at("/upper_limit_auto/exp_limits/" + k).asDouble(), within(1e-3));
    }
    assertThat(ul.summary()).isEqualTo("""
        95% CL upper limit (CLs = 0.05): observed 2.12359
        expected: median 2.12359, ±1σ [1.53608, 2.94155], ±2σ [1.14761, 3.92993]
        """);
  }

  @Test
  void anEftLimitCarriesItsCoefficientValue() {
    HypoTestResult t = new HypoTestResult(1.0, TestStatistic.QTILDE, 0.5, 4.0, 4.0, 0.0123, 0.006, 0.5,
        new double[] {0.001, 0.004, 0.0123, 0.04, 0.1}, new double[5], new double[5], true, "ok");
    List<EftLimit> ls = List.of(new EftLimit("cHW", -0.04, t), new EftLimit("cHW", 0.0, t));
    assertThat(ls.get(0).toString()).isEqualTo("cHW = -0.04: CLs = 0.0123, expected median 0.0123 [-1σ 0.004, +1σ 0.04]");
    assertThat(EftLimit.table(ls)).isEqualTo("""
        cHW          CLs obs      -2σ          -1σ          median       +1σ          +2σ
        -0.04        0.0123       0.001        0.004        0.0123       0.04         0.1
        0            0.0123       0.001        0.004        0.0123       0.04         0.1
        """);
    HypoTestResult q0 = new HypoTestResult(0.0, TestStatistic.Q0, 0, 0, 0.83, 0.5, 0.5, 0.82,
        new double[] {0.0018, 0.028, 0.18, 0.54, 0.86}, new double[5], new double[5], false, "fit failed");
    assertThat(q0.summary()).isEqualTo("""
        discovery test (q0, asymptotic): p0 = 0.5, Z = 0
        expected p0: -2σ 0.0018, -1σ 0.028, median 0.18, +1σ 0.54, +2σ 0.86
        NOT converged: fit failed
        """);
  }

  // ---- building records from samples --------------------------------------------------------

  /** The records among the classes of the directory or jar that holds {@code anchor}. */
  static List<Class<?>> recordsBeside(Class<?> anchor) throws IOException, URISyntaxException {
    Path root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Class<?>> out = new ArrayList<>();
    if (Files.isDirectory(root)) {
      collect(root, out);
    } else {
      try (FileSystem fs = FileSystems.newFileSystem(root)) {
        collect(fs.getPath("/"), out);
      }
    }
    return out;
  }

  private static void collect(Path root, List<Class<?>> out) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String rel = root.relativize(p).toString().replace('\\', '/');
        if (!rel.startsWith("io/sumbin/") || !rel.endsWith(".class")) {
          continue;
        }
        String name = rel.substring(0, rel.length() - ".class".length()).replace('/', '.');
        try {
          Class<?> c = Class.forName(name, false, ResultTextTest.class.getClassLoader());
          if (c.isRecord()) {
            out.add(c);
          }
        } catch (ClassNotFoundException | LinkageError e) {
          // a class whose optional dependencies are absent (DJL engines): not a record we can print
        }
      }
    }
  }

  /** A small sample of a type: two-element arrays, one-element collections, records built recursively. */
  static Object sample(Type t, int depth) throws ReflectiveOperationException {
    if (t instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      Type[] a = p.getActualTypeArguments();
      if (List.class.isAssignableFrom(raw) || raw == Iterable.class || raw == java.util.Collection.class) {
        Object e = sample(a[0], depth + 1);
        return e == null ? List.of() : List.of(e);
      }
      if (Set.class.isAssignableFrom(raw)) {
        Object e = sample(a[0], depth + 1);
        return e == null ? Set.of() : Set.of(e);
      }
      if (Map.class.isAssignableFrom(raw)) {
        Object k = sample(a[0], depth + 1);
        Object v = sample(a[1], depth + 1);
        return k == null || v == null ? Map.of() : Map.of(k, v);
      }
      if (raw == Optional.class) {
        return Optional.empty();
      }
      return sample(raw, depth);
    }
    if (t instanceof GenericArrayType g) {
      Object e = sample(g.getGenericComponentType(), depth + 1);
      Class<?> ct = e == null ? Object.class : e.getClass();
      Object arr = Array.newInstance(ct, e == null ? 0 : 1);
      if (e != null) {
        Array.set(arr, 0, e);
      }
      return arr;
    }
    if (!(t instanceof Class<?> c)) {
      return null; // a type variable or wildcard
    }
    if (c == double.class || c == Double.class) {
      return 1.5;
    } else if (c == int.class || c == Integer.class) {
      return 1; // an index into the two-element sample arrays
    } else if (c == long.class || c == Long.class) {
      return 3L;
    } else if (c == boolean.class || c == Boolean.class) {
      return true;
    } else if (c == float.class || c == Float.class) {
      return 0.5f;
    } else if (c == short.class || c == Short.class) {
      return (short) 1;
    } else if (c == byte.class || c == Byte.class) {
      return (byte) 1;
    } else if (c == char.class || c == Character.class) {
      return 'x';
    } else if (c == String.class || c == Object.class || c == CharSequence.class) {
      return "s";
    } else if (c == Path.class) {
      return Path.of("x");
    } else if (c == double[].class) {
      return new double[] {0.5, 1.5};
    } else if (c == int[].class) {
      return new int[] {1, 2};
    } else if (c == long[].class) {
      return new long[] {1, 2};
    } else if (c == float[].class) {
      return new float[] {0.5f, 1.5f};
    } else if (c == boolean[].class) {
      return new boolean[] {true, false};
    } else if (c.isArray()) {
      Object e = sample(c.getComponentType(), depth + 1);
      Object arr = Array.newInstance(c.getComponentType(), e == null ? 0 : 2);
      for (int i = 0; e != null && i < 2; i++) {
        Array.set(arr, i, i == 0 ? e : sample(c.getComponentType(), depth + 1));
      }
      return arr;
    } else if (c.isEnum()) {
      return c.getEnumConstants()[0];
    } else if (c.isRecord() && depth < 4) {
      RecordComponent[] rc = c.getRecordComponents();
      Class<?>[] types = new Class<?>[rc.length];
      Object[] args = new Object[rc.length];
      for (int i = 0; i < rc.length; i++) {
        types[i] = rc[i].getType();
        args[i] = sample(rc[i].getGenericType(), depth + 1);
      }
      Constructor<?> k = c.getDeclaredConstructor(types);
      k.setAccessible(true);
      try {
        return k.newInstance(args);
      } catch (ReflectiveOperationException | RuntimeException e) {
        if (depth == 0) {
          throw e;
        }
        return null; // a nested record that checks its arguments: null for it
      }
    }
    return null; // interfaces and classes (models, runners): null is what a sample can give
  }
}
