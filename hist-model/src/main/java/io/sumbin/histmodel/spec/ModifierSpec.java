package io.sumbin.histmodel.spec;

import io.sumbin.histmodel.util.RecordText;
import java.util.Arrays;

/**
 * One modifier of a sample, mirroring the pyhf JSON {@code {"name", "type", "data"}} object.
 *
 * <p>Arrays are copied on construction and never exposed for writing; treat them as read-only.
 *
 * <p>pyhf's seven types are the records below. Each type's JSON reading and writing, compilation
 * and family behaviour live in its descriptor ({@code io.sumbin.histmodel.modifier.ModifierKind},
 * one file per type, registered in {@code ModifierRegistry}); a new type is a record implementing
 * {@link Extension} and its descriptor.
 */
public sealed interface ModifierSpec
    permits ModifierSpec.NormFactor,
        ModifierSpec.NormSys,
        ModifierSpec.HistoSys,
        ModifierSpec.ShapeSys,
        ModifierSpec.StatError,
        ModifierSpec.ShapeFactor,
        ModifierSpec.Lumi,
        ModifierSpec.Extension {

  /** Parameter (set) name. */
  String name();

  /** pyhf modifier type string, e.g. {@code "normsys"}. */
  String type();

  /** Free-floating overall factor μ: yield × μ. */
  record NormFactor(String name) implements ModifierSpec {
    public String type() {
      return "normfactor";
    }
  }

  /** Overall normalisation uncertainty: yield × f(α) with f(±1) = hi / lo. */
  record NormSys(String name, double hi, double lo) implements ModifierSpec {
    public String type() {
      return "normsys";
    }
  }

  /** Correlated shape uncertainty: yield + δ(α) bin by bin with δ(±1) = hi_data/lo_data − nominal. */
  record HistoSys(String name, double[] hiData, double[] loData) implements ModifierSpec {
    @Override
    public String toString() {
      return RecordText.of(this);
    }

    public HistoSys {
      hiData = hiData.clone();
      loData = loData.clone();
    }

    public String type() {
      return "histosys";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof HistoSys h
          && h.name.equals(name)
          && Arrays.equals(h.hiData, hiData)
          && Arrays.equals(h.loData, loData);
    }

    @Override
    public int hashCode() {
      return name.hashCode() * 31 + Arrays.hashCode(hiData) * 7 + Arrays.hashCode(loData);
    }
  }

  /** Uncorrelated bin-by-bin uncertainty with Poisson constraint, τ_b = (ν_b/δ_b)². */
  record ShapeSys(String name, double[] data) implements ModifierSpec {
    @Override
    public String toString() {
      return RecordText.of(this);
    }

    public ShapeSys {
      data = data.clone();
    }

    public String type() {
      return "shapesys";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ShapeSys s && s.name.equals(name) && Arrays.equals(s.data, data);
    }

    @Override
    public int hashCode() {
      return name.hashCode() * 31 + Arrays.hashCode(data);
    }
  }

  /** MC statistical uncertainty (Barlow–Beeston lite), Gaussian constraint shared by the samples of a channel. */
  record StatError(String name, double[] data) implements ModifierSpec {
    @Override
    public String toString() {
      return RecordText.of(this);
    }

    public StatError {
      data = data.clone();
    }

    public String type() {
      return "staterror";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof StatError s && s.name.equals(name) && Arrays.equals(s.data, data);
    }

    @Override
    public int hashCode() {
      return name.hashCode() * 37 + Arrays.hashCode(data);
    }
  }

  /** Free-floating bin-by-bin factors. */
  record ShapeFactor(String name) implements ModifierSpec {
    public String type() {
      return "shapefactor";
    }
  }

  /** Luminosity factor with a Gaussian constraint configured in the measurement. */
  record Lumi(String name) implements ModifierSpec {
    public String type() {
      return "lumi";
    }
  }

  /**
   * A modifier of a type that is not one of pyhf's: implemented by the spec record of an extension
   * type, whose descriptor is registered in {@code io.sumbin.histmodel.modifier.ModifierRegistry}
   * under {@link #type()}.
   */
  non-sealed interface Extension extends ModifierSpec {}
}
