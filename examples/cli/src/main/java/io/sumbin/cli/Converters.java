package io.sumbin.cli;

import io.sumbin.histmodel.infer.ProfileLikelihood;
import io.sumbin.histmodel.infer.TestStatistic;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The picocli type converters of the command line, registered once on the root command
 * ({@link #registerAll}): every {@code double} anywhere is finite, every grid {@code LO:HI:N} is finite,
 * ordered and at most {@link #MAX_GRID_POINTS} points, every {@code NAME=V} and {@code NAME=LO:HI} is
 * well-formed and finite, every test statistic is one of the five names. Counts use the
 * {@code converter = ...} classes below. A value that does not convert is bad input: picocli's
 * parameter-exception handler prints one line and exits with 2 before any work starts.
 */
public final class Converters {
  /** Points of one grid axis (scan ranges, belt grids, limit scans, family points, bins). */
  public static final int MAX_GRID_POINTS = 10_000;
  /** Points of a 2-D grid (both axes together). */
  public static final long MAX_GRID_POINTS_2D = 1_000_000;
  /** Pseudo-experiments per hypothesis (and per grid point). */
  public static final int MAX_TOYS = 10_000_000;
  /** Events a command generates itself (demo, bench unbinned, bench-train). */
  public static final int MAX_EVENTS = 100_000_000;
  /** Width of a network layer, number of synthetic features. */
  public static final int MAX_WIDTH = 65_536;

  private Converters() {}

  /** Registers the converters for {@code double}, {@link Grid}, {@link NamedValue}, {@link NamedRange}, {@link TestStatistic}, output paths. */
  public static void registerAll(CommandLine cl) {
    cl.registerConverter(Double.class, Converters::finite);
    cl.registerConverter(double.class, Converters::finite);
    cl.registerConverter(Grid.class, Grid::parse);
    cl.registerConverter(NamedValue.class, NamedValue::parse);
    cl.registerConverter(NamedRange.class, NamedRange::parse);
    cl.registerConverter(TestStatistic.class, Converters::statistic);
    cl.registerConverter(OutputFile.class, s -> new OutputFile(check(() -> Outputs.checkFile(Path.of(s)))));
    cl.registerConverter(OutputDir.class, s -> new OutputDir(check(() -> Outputs.checkDirectory(Path.of(s)))));
  }

  private interface Check {
    Path run();
  }

  private static Path check(Check c) {
    try {
      return c.run();
    } catch (UserError | java.nio.file.InvalidPathException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }

  /** A finite double (NaN, ±Infinity and overflowing literals such as 1e999 are refused). */
  static double finite(String s) {
    double v;
    try {
      v = Double.parseDouble(s.trim());
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + s + "' is not a number");
    }
    if (!Double.isFinite(v)) {
      throw new TypeConversionException("'" + s + "' is not a finite number");
    }
    return v;
  }

  static TestStatistic statistic(String s) {
    try {
      return TestStatistic.parse(s);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }

  /** One {@code --interp TYPE=CODE} choice: a modifier type with interpolation codes and its code. */
  public record Interp(String type, io.sumbin.histmodel.interp.InterpCode code) {
    /** The settings with this choice applied (the code checked against the type by the library). */
    public io.sumbin.histmodel.spec.ModifierSettings apply(io.sumbin.histmodel.spec.ModifierSettings s) {
      return type.equals("normsys") ? s.withNormsys(code) : s.withHistosys(code);
    }
  }

  /** {@code normsys=code1}, {@code histosys=code0}: a type with interpolation codes and a code it accepts. */
  public static final class InterpValue implements ITypeConverter<Interp> {
    @Override
    public Interp convert(String it) {
      int eq = it.indexOf('=');
      if (eq < 0) {
        throw new TypeConversionException("expected TYPE=CODE (e.g. normsys=code1), got '" + it + "'");
      }
      String type = it.substring(0, eq).trim();
      if (!type.equals("normsys") && !type.equals("histosys")) {
        throw new TypeConversionException("only normsys and histosys have interpolation codes, got '" + type + "'");
      }
      try {
        Interp i = new Interp(type, io.sumbin.histmodel.interp.InterpCode.parse(it.substring(eq + 1)));
        i.apply(io.sumbin.histmodel.spec.ModifierSettings.DEFAULT); // a code the type cannot use is refused here
        return i;
      } catch (io.sumbin.histmodel.BadInputException e) {
        throw new TypeConversionException(e.getMessage()); // picocli's way to name the option in the message
      }
    }
  }

  /** {@code K/N}: shard K of N (the library's {@link io.sumbin.histmodel.infer.toys.Shard#parse}). */
  public static final class ShardValue implements ITypeConverter<io.sumbin.histmodel.infer.toys.Shard> {
    @Override
    public io.sumbin.histmodel.infer.toys.Shard convert(String s) {
      try {
        return io.sumbin.histmodel.infer.toys.Shard.parse(s);
      } catch (io.sumbin.histmodel.BadInputException e) {
        throw new TypeConversionException(e.getMessage()); // picocli's way to name the option in the message
      }
    }
  }

  /** An integer ≥ 1. */
  public static final class Positive implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String s) {
      return atLeast(s, 1, Integer.MAX_VALUE);
    }
  }

  /** An integer ≥ 0. */
  public static final class NonNegative implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String s) {
      return atLeast(s, 0, Integer.MAX_VALUE);
    }
  }

  /** A toy count: 1 ≤ N ≤ {@link #MAX_TOYS}. */
  public static final class Toys implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String s) {
      return atLeast(s, 1, MAX_TOYS);
    }
  }

  /** A number of grid points or bins: 1 ≤ N ≤ {@link #MAX_GRID_POINTS}. */
  public static final class GridSize implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String s) {
      return atLeast(s, 1, MAX_GRID_POINTS);
    }
  }

  /** Events generated or simulated by a command (demo, benchmarks): 1 ≤ N ≤ {@link #MAX_EVENTS}. */
  public static final class Events implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String s) {
      return atLeast(s, 1, MAX_EVENTS);
    }
  }

  /** A network layer width or input dimension: 1 ≤ N ≤ {@link #MAX_WIDTH}. */
  public static final class Width implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String s) {
      return atLeast(s, 1, MAX_WIDTH);
    }
  }

  /** A probability strictly between 0 and 1 (confidence levels, fractions). */
  public static final class OpenUnit implements ITypeConverter<Double> {
    @Override
    public Double convert(String s) {
      double v = finite(s);
      if (!(v > 0 && v < 1)) {
        throw new TypeConversionException("must lie strictly between 0 and 1, got " + s);
      }
      return v;
    }
  }

  /** A number in the closed interval [0, 1] (thresholds on |ρ|). */
  public static final class UnitInterval implements ITypeConverter<Double> {
    @Override
    public Double convert(String s) {
      double v = finite(s);
      if (!(v >= 0 && v <= 1)) {
        throw new TypeConversionException("must lie between 0 and 1, got " + s);
      }
      return v;
    }
  }

  /** A finite number &gt; 0. */
  public static final class PositiveDouble implements ITypeConverter<Double> {
    @Override
    public Double convert(String s) {
      double v = finite(s);
      if (!(v > 0)) {
        throw new TypeConversionException("must be positive, got " + s);
      }
      return v;
    }
  }

  /** Largest luminosity accepted, in fb⁻¹ (300× the HL-LHC's 3000 fb⁻¹: beyond it expected counts leave double precision's exact integers). */
  public static final double MAX_LUMINOSITY_FB = 1e6;

  /** An integrated luminosity in fb⁻¹: 0 &lt; L ≤ {@link #MAX_LUMINOSITY_FB}. */
  public static final class Luminosity implements ITypeConverter<Double> {
    @Override
    public Double convert(String s) {
      double v = finite(s);
      if (!(v > 0 && v <= MAX_LUMINOSITY_FB)) {
        throw new TypeConversionException("must lie in (0, " + (long) MAX_LUMINOSITY_FB + "] fb^-1, got " + s);
      }
      return v;
    }
  }

  /** A finite number ≥ 0. */
  public static final class NonNegativeDouble implements ITypeConverter<Double> {
    @Override
    public Double convert(String s) {
      double v = finite(s);
      if (!(v >= 0)) {
        throw new TypeConversionException("must be >= 0, got " + s);
      }
      return v;
    }
  }

  /**
   * A Spark master URL as spark-submit takes it: {@code local}, {@code local[N]}, {@code local[*]},
   * {@code local[N,F]} (N, F ≥ 1), {@code local-cluster[N,C,M]}, {@code spark://HOST:PORT[,HOST:PORT...]},
   * {@code yarn}, {@code k8s://URL}, {@code mesos://URL}.
   */
  public static final class SparkMaster implements ITypeConverter<String> {
    private static final java.util.regex.Pattern LOCAL =
        java.util.regex.Pattern.compile("local(\\[(\\*|[1-9][0-9]{0,5})(,[1-9][0-9]{0,3})?\\])?");
    private static final java.util.regex.Pattern LOCAL_CLUSTER =
        java.util.regex.Pattern.compile("local-cluster\\[[1-9][0-9]*,\\s*[1-9][0-9]*,\\s*[1-9][0-9]*\\]");
    private static final java.util.regex.Pattern STANDALONE =
        java.util.regex.Pattern.compile("spark://[^\\s/:,]+:[0-9]{1,5}(,[^\\s/:,]+:[0-9]{1,5})*");

    @Override
    public String convert(String s) {
      String m = s.trim();
      if (LOCAL.matcher(m).matches() || LOCAL_CLUSTER.matcher(m).matches() || STANDALONE.matcher(m).matches()
          || m.equals("yarn") || (m.startsWith("k8s://") && m.length() > 6) || (m.startsWith("mesos://") && m.length() > 8)) {
        return m;
      }
      throw new TypeConversionException("'" + s + "' is not a Spark master URL (expected local[*], local[N], spark://HOST:PORT, yarn "
          + "or k8s://https://HOST:PORT)");
    }
  }

  static int atLeast(String s, int min, int max) {
    long v;
    try {
      v = Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + s + "' is not an integer");
    }
    if (v < min) {
      throw new TypeConversionException("must be at least " + min + ", got " + s);
    }
    if (v > max) {
      throw new TypeConversionException("must be at most " + max + ", got " + s);
    }
    return (int) v;
  }

  /**
   * A grid {@code LO:HI:N}: N ≥ 2 equally spaced points from LO to HI (both included), LO &lt; HI
   * finite, N ≤ {@link #MAX_GRID_POINTS}.
   */
  public record Grid(double lo, double hi, int n, String text) {
    static Grid parse(String text) {
      String[] p = text.split(":", -1);
      if (p.length != 3) {
        throw new TypeConversionException("expected LO:HI:N (e.g. 0:5:51), got '" + text + "'");
      }
      double lo = finite(p[0]);
      double hi = finite(p[1]);
      long n;
      try {
        n = Long.parseLong(p[2].trim());
      } catch (NumberFormatException e) {
        throw new TypeConversionException("'" + text + "': N = '" + p[2] + "' is not an integer (expected LO:HI:N)");
      }
      if (!(hi > lo)) {
        throw new TypeConversionException("'" + text + "': need LO < HI");
      }
      if (n < 2) {
        throw new TypeConversionException("'" + text + "': need N >= 2");
      }
      if (n > MAX_GRID_POINTS) {
        throw new TypeConversionException("'" + text + "': " + n + " points exceed the limit of " + MAX_GRID_POINTS + " per grid axis");
      }
      return new Grid(lo, hi, (int) n, text);
    }

    /** The points (a new array). */
    public double[] values() {
      return ProfileLikelihood.linspace(lo, hi, n);
    }

    /** Refuses a grid of parameter i of the problem that leaves the parameter's bounds (one line naming the option and the bounds). */
    public void requireWithin(io.sumbin.histmodel.inference.InferenceProblem p, int i, String option) {
      p.requireGridWithin(i, lo, hi, option, text);
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /** {@code NAME=V} with a finite V. */
  public record NamedValue(String name, double value, String text) {
    static NamedValue parse(String text) {
      int eq = text.lastIndexOf('=');
      if (eq <= 0) {
        throw new TypeConversionException("expected NAME=VALUE, got '" + text + "'");
      }
      String v = text.substring(eq + 1);
      double d;
      try {
        d = finite(v);
      } catch (TypeConversionException e) {
        throw new TypeConversionException("'" + text + "': " + e.getMessage());
      }
      return new NamedValue(text.substring(0, eq).trim(), d, text);
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /** {@code NAME=LO:HI} with finite LO &lt; HI. */
  public record NamedRange(String name, double lo, double hi, String text) {
    static NamedRange parse(String text) {
      int eq = text.indexOf('=');
      int colon = text.indexOf(':', eq + 1);
      if (eq <= 0 || colon < 0 || text.indexOf(':', colon + 1) >= 0) {
        throw new TypeConversionException("expected NAME=LO:HI, got '" + text + "'");
      }
      double lo;
      double hi;
      try {
        lo = finite(text.substring(eq + 1, colon));
        hi = finite(text.substring(colon + 1));
      } catch (TypeConversionException e) {
        throw new TypeConversionException("'" + text + "': " + e.getMessage());
      }
      if (!(lo < hi)) {
        throw new TypeConversionException("'" + text + "': need LO < HI");
      }
      return new NamedRange(text.substring(0, eq).trim(), lo, hi, text);
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /** An output file, checked when parsed (see {@link Outputs#checkFile}). */
  public record OutputFile(Path path) {
    @Override
    public String toString() {
      return path.toString();
    }
  }

  /** An output directory, checked when parsed (see {@link Outputs#checkDirectory}). */
  public record OutputDir(Path path) {
    @Override
    public String toString() {
      return path.toString();
    }
  }
}
